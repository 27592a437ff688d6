import type { JobType } from "../../../shared/db/mongo/job-schema.js";
import { type Localized, inEveryLocale } from "../../../shared/chat/locale/languages.js";
import { jobReplyText } from "../../../shared/chat/locale/job-messages.js";
import { pictureToolsText } from "../../../shared/chat/locale/picture-tools.js";

/** Where a job waits at the provider, as statusDetail says it; `{n}` is its place in line. */
export interface StatusDetailWords {
  nextInLine: string;
  inLine: string;
}

/**
 * A job's page, its lineage and its picture's actions. The job's kind, its facts' names and the
 * buttons the chat has too (Cancel, Upscale, Vary, Zoom Out 2×, Pan ⬅ left, …) are the chat's words.
 */
export interface JobText {
  types: Record<JobType, string>;
  back: string;
  progress: string;
  statusDetail: StatusDetailWords;
  facts: {
    type: string;
    author: string;
    visibility: string;
    visibilities: Record<"private" | "workspace", string>;
    seed: string;
    size: string;
    operation: string;
    model: string;
    cost: string;
    lora: string;
    strength: (scale: number) => string;
    triggerWord: string;
    created: string;
    finished: string;
  };
  madeFrom: (image: number) => [before: string, link: string, after: string];
  version: (n: number) => string;
  picture: string;
  downloadSize: (size: string) => string;
  generate: string;
  generatePrompt: (prompt: string) => string;
  aspectRatio: (ratio: string) => string;
  downloadModel: string;
  transcriptSummary: (words: number, seconds: string) => string;
  text: string;
  transcript: {
    heading: string;
    notKept: string;
    find: string;
    findButton: string;
    playFrom: (at: string) => string;
    speaker: (name: string) => string;
    rename: string;
    renameButton: string;
  };
  files: string;
  actions: {
    label: string;
    remix: string;
    rerun: string;
    cancel: string;
    share: string;
    delete: string;
    vary: string;
    varySubtly: string;
    upscale: string;
    describe: string;
    edit: string;
    instruction: string;
    instructionPlaceholder: string;
    zoomOut: string;
    zoomOut15: string;
    zoomOut2: string;
    customZoom: string;
    pan: string;
    pans: Record<"left" | "right" | "up" | "down", string>;
    varyRegion: string;
    useAsReference: string;
    /** A picture's control among several pictures' alike, by its accessible name: "Upscale picture 2". */
    ofPicture: (action: string, n: number) => string;
  };
  lineage: {
    heading: string;
    madeFrom: string;
    blendedFrom: string;
    thisJob: string;
    madeFromIt: string;
    parentPicture: (n: number) => string;
    source: (n: number) => string;
    ofPicture: (operation: string, n: number) => string;
    andMore: string;
    operations: Record<string, string>;
    pan: (name: string, direction: string) => string;
  };
}

const chat = inEveryLocale((l) => ({ reply: jobReplyText[l], tools: pictureToolsText[l] }));

export const jobText: Localized<JobText> = {
  en: {
    types: chat.en.reply.types,
    back: "← Gallery",
    progress: "Progress",
    statusDetail: { nextInLine: "next in line at the provider", inLine: "number {n} in line at the provider" },
    facts: {
      type: "Type",
      author: "Author",
      visibility: "Visibility",
      visibilities: { private: "private", workspace: "workspace" },
      seed: chat.en.reply.fields.seed,
      size: chat.en.reply.fields.size,
      operation: "Operation",
      model: chat.en.reply.fields.model,
      cost: "Cost",
      lora: "LoRA",
      strength: (s) => `strength ${s}`,
      triggerWord: "Trigger word",
      created: "Created",
      finished: "Finished",
    },
    madeFrom: (n) => [`Made from picture ${n} of `, "this job", "."],
    version: (n) => `Version ${n}`,
    picture: "picture",
    downloadSize: (s) => `Download ${s}`,
    generate: "Generate",
    generatePrompt: (p) => `Generate: ${p}`,
    aspectRatio: (r) => `Aspect ratio ${r}: a generation from a prompt keeps it.`,
    downloadModel: "Download model.safetensors",
    transcriptSummary: (w, s) => `${w} words, ${s} s.`,
    text: "Text",
    transcript: {
      heading: "Transcript",
      notKept: "The audio is not kept (uploads are deleted after a day, and URLs are not fetched again), so lines do not play.",
      find: "Find in the transcript",
      findButton: "Find",
      playFrom: (at) => `Play from ${at}`,
      speaker: (s) => `Speaker ${s}`,
      rename: "Name the speakers (everyone who sees this transcript sees the names)",
      renameButton: "Save names",
    },
    files: "Files",
    actions: {
      label: "Actions",
      remix: "Remix",
      rerun: "Rerun with a new seed",
      cancel: chat.en.reply.buttons.cancel,
      share: "Share to the channel",
      delete: chat.en.reply.buttons.delete,
      vary: chat.en.reply.buttons.vary,
      varySubtly: chat.en.reply.buttons.subtle,
      upscale: chat.en.reply.buttons.upscale,
      describe: "Describe",
      edit: chat.en.reply.buttons.edit,
      instruction: "Instruction",
      instructionPlaceholder: "make it night",
      zoomOut: "Zoom out",
      zoomOut15: chat.en.tools.buttons.zoomOut15,
      zoomOut2: chat.en.tools.buttons.zoomOut2,
      customZoom: chat.en.tools.menu.customZoom,
      pan: "Pan",
      pans: chat.en.tools.pan,
      varyRegion: chat.en.tools.menu.varyRegion,
      useAsReference: "Use as reference",
      ofPicture: (a, n) => `${a} picture ${n}`,
    },
    lineage: {
      heading: "Lineage",
      madeFrom: "Made from",
      blendedFrom: "Blended from",
      thisJob: "This job",
      madeFromIt: "Made from it",
      parentPicture: (n) => `Parent · picture ${n}`,
      source: (n) => `Source ${n}`,
      ofPicture: (o, n) => `${o} of picture ${n}`,
      andMore: "and more",
      operations: {
        upscale: "Upscale",
        vary: "Variation",
        edit: "Edit",
        "zoom-out": "Zoom out",
        pan: "Pan",
        "vary-region": "Region variation",
        describe: "Describe",
        blend: "Blend",
        generate: "Generation",
      },
      pan: (name, d) => `${name} ${d}`,
    },
  },
  de: {
    types: chat.de.reply.types,
    back: "← Galerie",
    progress: "Fortschritt",
    statusDetail: { nextInLine: "als Nächstes dran beim Anbieter", inLine: "Nummer {n} in der Reihe beim Anbieter" },
    facts: {
      type: "Art",
      author: "Autor",
      visibility: "Sichtbarkeit",
      visibilities: { private: "privat", workspace: "Workspace" },
      seed: chat.de.reply.fields.seed,
      size: chat.de.reply.fields.size,
      operation: "Vorgang",
      model: chat.de.reply.fields.model,
      cost: "Kosten",
      lora: "LoRA",
      strength: (s) => `Stärke ${s}`,
      triggerWord: "Triggerwort",
      created: "Erstellt",
      finished: "Fertig",
    },
    madeFrom: (n) => [`Gemacht aus Bild ${n} von `, "diesem Auftrag", "."],
    version: (n) => `Version ${n}`,
    picture: "Bild",
    downloadSize: (s) => `${s} herunterladen`,
    generate: "Generieren",
    generatePrompt: (p) => `Generieren: ${p}`,
    aspectRatio: (r) => `Seitenverhältnis ${r}: eine Generierung aus einem Prompt behält es bei.`,
    downloadModel: "model.safetensors herunterladen",
    transcriptSummary: (w, s) => `${w} Wörter, ${s} s.`,
    text: "Text",
    transcript: {
      heading: "Transkript",
      notKept:
        "Die Audiodatei wird nicht aufbewahrt (Uploads werden nach einem Tag gelöscht, URLs nicht erneut abgerufen), daher spielen die Zeilen nicht ab.",
      find: "Im Transkript suchen",
      findButton: "Suchen",
      playFrom: (at) => `Ab ${at} abspielen`,
      speaker: (s) => `Sprecher ${s}`,
      rename: "Sprecher benennen (alle, die dieses Transkript sehen, sehen die Namen)",
      renameButton: "Namen speichern",
    },
    files: "Dateien",
    actions: {
      label: "Aktionen",
      remix: "Remixen",
      rerun: "Mit neuem Seed erneut ausführen",
      cancel: chat.de.reply.buttons.cancel,
      share: "Im Kanal teilen",
      delete: chat.de.reply.buttons.delete,
      vary: chat.de.reply.buttons.vary,
      varySubtly: chat.de.reply.buttons.subtle,
      upscale: chat.de.reply.buttons.upscale,
      describe: "Beschreiben",
      edit: chat.de.reply.buttons.edit,
      instruction: "Anweisung",
      instructionPlaceholder: "mach es Nacht",
      zoomOut: "Herauszoomen",
      zoomOut15: chat.de.tools.buttons.zoomOut15,
      zoomOut2: chat.de.tools.buttons.zoomOut2,
      customZoom: chat.de.tools.menu.customZoom,
      pan: "Schwenken",
      pans: chat.de.tools.pan,
      varyRegion: chat.de.tools.menu.varyRegion,
      useAsReference: "Als Referenz verwenden",
      ofPicture: (a, n) => `${a} (Bild ${n})`,
    },
    lineage: {
      heading: "Herkunft",
      madeFrom: "Gemacht aus",
      blendedFrom: "Gemischt aus",
      thisJob: "Dieser Auftrag",
      madeFromIt: "Daraus gemacht",
      parentPicture: (n) => `Vorlage · Bild ${n}`,
      source: (n) => `Quelle ${n}`,
      ofPicture: (o, n) => `${o} von Bild ${n}`,
      andMore: "und mehr",
      operations: {
        upscale: "Hochskalierung",
        vary: "Variation",
        edit: "Bearbeitung",
        "zoom-out": "Herauszoomen",
        pan: "Schwenk",
        "vary-region": "Bereichsvariation",
        describe: "Beschreibung",
        blend: "Mischung",
        generate: "Generierung",
      },
      pan: (name, d) => `${name} nach ${{ left: "links", right: "rechts", up: "oben", down: "unten" }[d] ?? d}`,
    },
  },
  fr: {
    types: chat.fr.reply.types,
    back: "← Galerie",
    progress: "Progression",
    statusDetail: { nextInLine: "prochaine chez le fournisseur", inLine: "numéro {n} dans la file du fournisseur" },
    facts: {
      type: "Type",
      author: "Auteur",
      visibility: "Visibilité",
      visibilities: { private: "privée", workspace: "espace de travail" },
      seed: chat.fr.reply.fields.seed,
      size: chat.fr.reply.fields.size,
      operation: "Opération",
      model: chat.fr.reply.fields.model,
      cost: "Coût",
      lora: "LoRA",
      strength: (s) => `force ${s}`,
      triggerWord: "Mot déclencheur",
      created: "Créée",
      finished: "Terminée",
    },
    madeFrom: (n) => [`Faite à partir de l'image ${n} de `, "cette tâche", "."],
    version: (n) => `Version ${n}`,
    picture: "image",
    downloadSize: (s) => `Télécharger ${s}`,
    generate: "Générer",
    generatePrompt: (p) => `Générer : ${p}`,
    aspectRatio: (r) => `Format ${r} : une génération à partir d'un prompt le conserve.`,
    downloadModel: "Télécharger model.safetensors",
    transcriptSummary: (w, s) => `${w} mots, ${s} s.`,
    text: "Texte",
    transcript: {
      heading: "Transcription",
      notKept:
        "L'audio n'est pas conservé (les envois sont supprimés après un jour, et les URL ne sont pas récupérées à nouveau), les lignes ne se lisent donc pas.",
      find: "Chercher dans la transcription",
      findButton: "Chercher",
      playFrom: (at) => `Lire à partir de ${at}`,
      speaker: (s) => `Intervenant ${s}`,
      rename: "Nommer les intervenants (tous ceux qui voient cette transcription voient les noms)",
      renameButton: "Enregistrer les noms",
    },
    files: "Fichiers",
    actions: {
      label: "Actions",
      remix: "Remixer",
      rerun: "Relancer avec une nouvelle graine",
      cancel: chat.fr.reply.buttons.cancel,
      share: "Partager dans le salon",
      delete: chat.fr.reply.buttons.delete,
      vary: chat.fr.reply.buttons.vary,
      varySubtly: chat.fr.reply.buttons.subtle,
      upscale: chat.fr.reply.buttons.upscale,
      describe: "Décrire",
      edit: chat.fr.reply.buttons.edit,
      instruction: "Consigne",
      instructionPlaceholder: "fais-en une scène de nuit",
      zoomOut: "Dézoomer",
      zoomOut15: chat.fr.tools.buttons.zoomOut15,
      zoomOut2: chat.fr.tools.buttons.zoomOut2,
      customZoom: chat.fr.tools.menu.customZoom,
      pan: "Décaler",
      pans: chat.fr.tools.pan,
      varyRegion: chat.fr.tools.menu.varyRegion,
      useAsReference: "Utiliser comme référence",
      ofPicture: (a, n) => `${a} (image ${n})`,
    },
    lineage: {
      heading: "Filiation",
      madeFrom: "Faite à partir de",
      blendedFrom: "Mélangée à partir de",
      thisJob: "Cette tâche",
      madeFromIt: "Faites à partir d'elle",
      parentPicture: (n) => `Parent · image ${n}`,
      source: (n) => `Source ${n}`,
      ofPicture: (o, n) => `${o} de l'image ${n}`,
      andMore: "et d'autres",
      operations: {
        upscale: "Agrandissement",
        vary: "Variation",
        edit: "Retouche",
        "zoom-out": "Dézoom",
        pan: "Décalage",
        "vary-region": "Variation de zone",
        describe: "Description",
        blend: "Mélange",
        generate: "Génération",
      },
      pan: (name, d) => `${name} vers ${{ left: "la gauche", right: "la droite", up: "le haut", down: "le bas" }[d] ?? d}`,
    },
  },
};
