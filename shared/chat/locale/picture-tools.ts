import type { Localized } from "./languages.js";

/**
 * The words of a result's picture tools in one language: its buttons and menus, the Custom Zoom
 * form and its refusal, and the Vary (Region) link. Discord takes 80 characters in a button's
 * label, 100 in a menu option's label, 150 in a placeholder, 45 in a modal's title and labels;
 * Slack 75 in a button's text and an option's, 24 in a modal's title and buttons.
 */
export interface PictureToolsText {
  buttons: {
    varyStrong: string;
    varySubtle: string;
    varyRegion: string;
    zoomOut2: string;
    zoomOut15: string;
    customZoom: string;
    /** On 2-4 pictures: U1…U4 and V1…V4, as Midjourney names them. */
    upscaleN: (n: number) => string;
    varyN: (n: number) => string;
    /** On a describe's result: a generation from prompt n. */
    generateN: (n: number) => string;
  };
  /** The pan buttons are arrows in every language; the menu names the side too. */
  pan: { left: string; right: string; up: string; down: string };
  menu: {
    /** "More for picture 1 or 2…", or one picture's. */
    placeholder: (pictures: number[]) => string;
    /** An option's label: picture n's action. */
    option: (n: number, action: string) => string;
    varySubtly: string;
    edit: string;
    zoomOut2: string;
    zoomOut15: string;
    customZoom: string;
    varyRegion: string;
  };
  zoom: {
    title: (n: number) => string;
    submit: string;
    factor: string;
    factorPlaceholder: string;
    prompt: string;
    promptPlaceholder: string;
    /** A factor not more than 1 and at most 2, as typed. */
    badFactor: (typed: string) => string;
  };
  region: { title: (n: number) => string; line: string; open: string };
  /** Generate n on a describe that has fewer prompts. */
  noSuchPrompt: (n: number) => string;
}

export const pictureToolsText: Localized<PictureToolsText> = {
  en: {
    buttons: {
      varyStrong: "Vary (Strong)",
      varySubtle: "Vary (Subtle)",
      varyRegion: "Vary (Region)",
      zoomOut2: "Zoom Out 2×",
      zoomOut15: "Zoom Out 1.5×",
      customZoom: "Custom Zoom",
      upscaleN: (n) => `U${n}`,
      varyN: (n) => `V${n}`,
      generateN: (n) => `Generate ${n}`,
    },
    pan: { left: "Pan ⬅ left", right: "Pan ➡ right", up: "Pan ⬆ up", down: "Pan ⬇ down" },
    menu: {
      placeholder: (p) => (p.length === 1 ? `More for picture ${p[0]}…` : `More for picture ${p.join(" or ")}…`),
      option: (n, action) => `${n}: ${action}`,
      varySubtly: "Vary subtly",
      edit: "Edit…",
      zoomOut2: "Zoom out 2×",
      zoomOut15: "Zoom out 1.5×",
      customZoom: "Custom zoom…",
      varyRegion: "Vary region…",
    },
    zoom: {
      title: (n) => `Custom zoom, picture ${n}`,
      submit: "Zoom out",
      factor: "Zoom out by (more than 1, at most 2)",
      factorPlaceholder: "1.5",
      prompt: "New prompt (blank: the picture's own)",
      promptPlaceholder: "a lighthouse in fog at dusk, wide shot",
      badFactor: (typed) => `Zoom out by a number more than 1 and at most 2, such as 1.5 (not “${typed}”).`,
    },
    region: {
      title: (n) => `Vary region of picture ${n}`,
      line: "Paint the part to change in the gallery's region editor, signed in as you. The link works once, for ten minutes: keep it to yourself.",
      open: "Open the region editor",
    },
    noSuchPrompt: (n) => `This describe has no prompt ${n}.`,
  },
  de: {
    buttons: {
      varyStrong: "Variieren (stark)",
      varySubtle: "Variieren (leicht)",
      varyRegion: "Bereich variieren",
      zoomOut2: "Herauszoomen 2×",
      zoomOut15: "Herauszoomen 1,5×",
      customZoom: "Eigener Zoom",
      upscaleN: (n) => `U${n}`,
      varyN: (n) => `V${n}`,
      generateN: (n) => `Generieren ${n}`,
    },
    pan: { left: "Schwenk ⬅ links", right: "Schwenk ➡ rechts", up: "Schwenk ⬆ oben", down: "Schwenk ⬇ unten" },
    menu: {
      placeholder: (p) => (p.length === 1 ? `Mehr für Bild ${p[0]}…` : `Mehr für Bild ${p.join(" oder ")}…`),
      option: (n, action) => `${n}: ${action}`,
      varySubtly: "Leicht variieren",
      edit: "Bearbeiten…",
      zoomOut2: "Herauszoomen 2×",
      zoomOut15: "Herauszoomen 1,5×",
      customZoom: "Eigener Zoom…",
      varyRegion: "Bereich variieren…",
    },
    zoom: {
      title: (n) => `Eigener Zoom, Bild ${n}`,
      submit: "Herauszoomen",
      factor: "Herauszoomen um (mehr als 1, höchstens 2)",
      factorPlaceholder: "1,5",
      prompt: "Neuer Prompt (leer: der des Bildes)",
      promptPlaceholder: "ein Leuchtturm im Nebel, Weitwinkel",
      badFactor: (typed) => `Herauszoomen um eine Zahl über 1 und höchstens 2, etwa 1,5 (nicht „${typed}“).`,
    },
    region: {
      title: (n) => `Bereich von Bild ${n} variieren`,
      line: "Male im Bereichs-Editor der Galerie an, was sich ändern soll, angemeldet als du. Der Link gilt einmal, zehn Minuten lang: behalte ihn für dich.",
      open: "Bereichs-Editor öffnen",
    },
    noSuchPrompt: (n) => `Diese Beschreibung hat keinen Prompt ${n}.`,
  },
  fr: {
    buttons: {
      varyStrong: "Varier (fort)",
      varySubtle: "Varier (léger)",
      varyRegion: "Varier une zone",
      zoomOut2: "Dézoomer 2×",
      zoomOut15: "Dézoomer 1,5×",
      customZoom: "Zoom libre",
      upscaleN: (n) => `U${n}`,
      varyN: (n) => `V${n}`,
      generateN: (n) => `Générer ${n}`,
    },
    pan: { left: "Décaler ⬅ gauche", right: "Décaler ➡ droite", up: "Décaler ⬆ haut", down: "Décaler ⬇ bas" },
    menu: {
      placeholder: (p) => (p.length === 1 ? `Plus pour l'image ${p[0]}…` : `Plus pour l'image ${p.join(" ou ")}…`),
      option: (n, action) => `${n} : ${action}`,
      varySubtly: "Varier légèrement",
      edit: "Retoucher…",
      zoomOut2: "Dézoomer 2×",
      zoomOut15: "Dézoomer 1,5×",
      customZoom: "Zoom libre…",
      varyRegion: "Varier une zone…",
    },
    zoom: {
      title: (n) => `Zoom libre, image ${n}`,
      submit: "Dézoomer",
      factor: "Dézoomer de (plus de 1, au plus 2)",
      factorPlaceholder: "1,5",
      prompt: "Nouveau prompt (vide : celui de l'image)",
      promptPlaceholder: "un phare dans la brume, plan large",
      badFactor: (typed) => `Dézoomez d'un nombre supérieur à 1 et au plus 2, comme 1,5 (pas « ${typed} »).`,
    },
    region: {
      title: (n) => `Varier une zone de l'image ${n}`,
      line: "Peignez la partie à changer dans l'éditeur de zone de la galerie, connecté en votre nom. Le lien marche une fois, dix minutes : gardez-le pour vous.",
      open: "Ouvrir l'éditeur de zone",
    },
    noSuchPrompt: (n) => `Cette description n'a pas de prompt ${n}.`,
  },
};
