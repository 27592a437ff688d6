import type { Localized } from "../../../shared/chat/locale/languages.js";
import type { PanDirection } from "../../../shared/jobs/input.js";

/** The Vary Region and the Zoom Out / Pan editors. */
export interface EditorText {
  back: string;
  needsScript: string;
  picture: string;
  region: {
    title: string;
    hint: (size: string) => string;
    tools: string;
    brush: string;
    lasso: string;
    brushSize: string;
    undo: string;
    clear: string;
    mask: string;
    what: string;
    placeholder: string;
    submit: string;
  };
  zoom: {
    title: string;
    grow: string;
    zoomOut: string;
    zoomOutEvery: string;
    panOne: string;
    factor: string;
    shape: string;
    picturesShape: string;
    pan: string;
    directions: Record<PanDirection, string>;
    amount: string;
    prompt: string;
    placeholder: string;
    preview: string;
    pictureIs: (size: string) => string;
    submit: string;
  };
}

export const editorText: Localized<EditorText> = {
  en: {
    back: "← Back to the job",
    needsScript: "This editor draws on the picture with the page's script, which did not run.",
    picture: "picture",
    region: {
      title: "Vary Region",
      hint: (s) =>
        `Paint or circle what to repaint; everything else stays as it is. The ${s} picture is kept outside the marked part and a narrow seam around it.`,
      tools: "Mask tools",
      brush: "Brush",
      lasso: "Lasso",
      brushSize: "Brush size",
      undo: "Undo",
      clear: "Clear",
      mask: "The marked region, over the picture: draw on it with the brush or the lasso",
      what: "What to paint there",
      placeholder: "a red sailing boat",
      submit: "Vary region",
    },
    zoom: {
      title: "Zoom Out and Pan",
      grow: "Grow the frame",
      zoomOut: "Zoom out",
      zoomOutEvery: "Zoom out (every side)",
      panOne: "Pan (one side)",
      factor: "Factor",
      shape: "Shape",
      picturesShape: "the picture's",
      pan: "Pan",
      directions: { left: "left", right: "right", up: "up", down: "down" },
      amount: "Amount",
      prompt: "Prompt (optional: unset, the picture's own)",
      placeholder: "the same scene, wider",
      preview: "The new frame: the picture, and around it the part to paint",
      pictureIs: (s) => `The picture is ${s}.`,
      submit: "Make it",
    },
  },
  de: {
    back: "← Zurück zum Auftrag",
    needsScript: "Dieser Editor zeichnet mit dem Skript der Seite auf dem Bild, und das lief nicht.",
    picture: "Bild",
    region: {
      title: "Bereich variieren",
      hint: (s) =>
        `Male oder umkreise, was neu gemalt werden soll; alles andere bleibt, wie es ist. Das Bild (${s}) bleibt außerhalb des markierten Teils und eines schmalen Saums darum erhalten.`,
      tools: "Maskenwerkzeuge",
      brush: "Pinsel",
      lasso: "Lasso",
      brushSize: "Pinselgröße",
      undo: "Rückgängig",
      clear: "Leeren",
      mask: "Der markierte Bereich über dem Bild: zeichne mit dem Pinsel oder dem Lasso darauf",
      what: "Was dort hin soll",
      placeholder: "ein rotes Segelboot",
      submit: "Bereich variieren",
    },
    zoom: {
      title: "Herauszoomen und Schwenken",
      grow: "Den Rahmen vergrößern",
      zoomOut: "Herauszoomen",
      zoomOutEvery: "Herauszoomen (alle Seiten)",
      panOne: "Schwenken (eine Seite)",
      factor: "Faktor",
      shape: "Form",
      picturesShape: "die des Bildes",
      pan: "Schwenken",
      directions: { left: "links", right: "rechts", up: "oben", down: "unten" },
      amount: "Umfang",
      prompt: "Prompt (optional: leer, der des Bildes)",
      placeholder: "dieselbe Szene, weiter",
      preview: "Der neue Rahmen: das Bild, und darum der zu malende Teil",
      pictureIs: (s) => `Das Bild ist ${s} groß.`,
      submit: "Los",
    },
  },
  fr: {
    back: "← Retour à la tâche",
    needsScript: "Cet éditeur dessine sur l'image avec le script de la page, qui ne s'est pas exécuté.",
    picture: "image",
    region: {
      title: "Varier une zone",
      hint: (s) =>
        `Peignez ou entourez ce qu'il faut repeindre ; tout le reste reste tel quel. L'image (${s}) est conservée hors de la partie marquée et d'une fine bordure autour.`,
      tools: "Outils de masque",
      brush: "Pinceau",
      lasso: "Lasso",
      brushSize: "Taille du pinceau",
      undo: "Annuler",
      clear: "Effacer",
      mask: "La zone marquée, sur l'image : dessinez dessus au pinceau ou au lasso",
      what: "Ce qu'il faut y peindre",
      placeholder: "un voilier rouge",
      submit: "Varier la zone",
    },
    zoom: {
      title: "Dézoomer et décaler",
      grow: "Agrandir le cadre",
      zoomOut: "Dézoomer",
      zoomOutEvery: "Dézoomer (tous les côtés)",
      panOne: "Décaler (un côté)",
      factor: "Facteur",
      shape: "Forme",
      picturesShape: "celle de l'image",
      pan: "Décaler",
      directions: { left: "gauche", right: "droite", up: "haut", down: "bas" },
      amount: "Ampleur",
      prompt: "Prompt (facultatif : vide, celui de l'image)",
      placeholder: "la même scène, plus large",
      preview: "Le nouveau cadre : l'image, et autour la partie à peindre",
      pictureIs: (s) => `L'image fait ${s}.`,
      submit: "Lancer",
    },
  },
};
