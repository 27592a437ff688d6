import { kontextAspectRatios, limits } from "../../jobs/input.js";
import type { JobReplyText } from "./job-messages.js";
import type { Localized } from "./languages.js";
import type { PictureToolsText } from "./picture-tools.js";
import type { VideoButtonsText } from "./video-buttons.js";
import { privateResult } from "./private-option.js";
import { transcribeCommandText } from "./transcribe-command.js";
import { videoCommandText } from "./video-command.js";

/** A slash command's words: its description, each option's, and examples for /help. */
export interface CommandText<O extends string = string> {
  description: Localized;
  examples: Localized<readonly string[]>;
  options: Record<O, Localized>;
}

/** Discord's slash commands, as registered (the English text is the default, the others its localizations) and as /help shows them. */
export const discordCommandText = {
  generate: {
    description: {
      en: "Generate images from a prompt",
      de: "Bilder aus einem Prompt erzeugen",
      fr: "Générer des images à partir d'un prompt",
    },
    examples: {
      en: [
        "/generate prompt:a lighthouse in fog size:Landscape 16:9 count:2",
        "/generate prompt:a quick sketch of a fox model:FLUX.1 [schnell], fastest",
        "/generate prompt:annstyle portrait lora:annstyle",
      ],
      de: [
        "/generate prompt:ein Leuchtturm im Nebel size:Querformat 16:9 count:2",
        "/generate prompt:eine schnelle Skizze eines Fuchses model:FLUX.1 [schnell], am schnellsten",
        "/generate prompt:annstyle Porträt lora:annstyle",
      ],
      fr: [
        "/generate prompt:un phare dans le brouillard size:Paysage 16:9 count:2",
        "/generate prompt:un croquis rapide d'un renard model:FLUX.1 [schnell], le plus rapide",
        "/generate prompt:annstyle portrait lora:annstyle",
      ],
    },
    options: {
      prompt: {
        en: "What to draw; leave it out for a form",
        de: "Was gezeichnet werden soll; weglassen für ein Formular",
        fr: "Ce qu'il faut dessiner ; laissez vide pour un formulaire",
      },
      size: { en: "Image size", de: "Bildgröße", fr: "Taille de l'image" },
      count: {
        en: `How many images (${limits.imageCount.min}-${limits.imageCount.max})`,
        de: `Wie viele Bilder (${limits.imageCount.min}-${limits.imageCount.max})`,
        fr: `Combien d'images (${limits.imageCount.min}-${limits.imageCount.max})`,
      },
      seed: {
        en: `Seed, for repeatable results (a whole number up to ${limits.seed.max})`,
        de: `Seed für wiederholbare Ergebnisse (eine ganze Zahl bis ${limits.seed.max})`,
        fr: `Seed, pour des résultats reproductibles (un entier jusqu'à ${limits.seed.max})`,
      },
      lora: { en: "One of the LoRAs trained here", de: "Eines der hier trainierten LoRAs", fr: "Un des LoRA entraînés ici" },
      model: {
        en: "FLUX model; left out, the default here",
        de: "FLUX-Modell; ohne Angabe die Voreinstellung hier",
        fr: "Modèle FLUX ; sinon, celui par défaut ici",
      },
      private: privateResult,
      style: {
        en: "A picture whose style to follow (alone: no other reference)",
        de: "Ein Bild, dessen Stil übernommen wird (allein: keine andere Referenz)",
        fr: "Une image dont suivre le style (seule : aucune autre référence)",
      },
      subject: {
        en: "A picture of the subject or character to show",
        de: "Ein Bild des Motivs oder der Figur, die gezeigt werden soll",
        fr: "Une image du sujet ou du personnage à montrer",
      },
      composition: {
        en: "A picture whose composition to follow",
        de: "Ein Bild, dessen Bildaufbau übernommen wird",
        fr: "Une image dont suivre la composition",
      },
      "reference-weight": {
        en: `How strongly the style reference steers (${limits.referenceWeight.min}-${limits.referenceWeight.max})`,
        de: `Wie stark die Stilreferenz lenkt (${limits.referenceWeight.min}-${limits.referenceWeight.max})`,
        fr: `Influence de la référence de style (${limits.referenceWeight.min}-${limits.referenceWeight.max})`,
      },
    },
  },
  describe: {
    description: {
      en: "Four prompts that would make a picture, and its aspect ratio",
      de: "Vier Prompts, die ein Bild erzeugen würden, und sein Seitenverhältnis",
      fr: "Quatre prompts qui produiraient une image, et son format",
    },
    examples: {
      en: ["/describe image:(attach a picture)"],
      de: ["/describe image:(ein Bild anhängen)"],
      fr: ["/describe image:(joindre une image)"],
    },
    options: {
      image: { en: "A PNG, JPEG or WebP picture", de: "Ein PNG-, JPEG- oder WebP-Bild", fr: "Une image PNG, JPEG ou WebP" },
      private: privateResult,
    },
  },
  blend: {
    description: {
      en: `Blend ${limits.blendImages.min} to ${limits.blendImages.endpointMax} pictures into one`,
      de: `${limits.blendImages.min} bis ${limits.blendImages.endpointMax} Bilder zu einem verschmelzen`,
      fr: `Fusionner ${limits.blendImages.min} à ${limits.blendImages.endpointMax} images en une seule`,
    },
    examples: {
      en: ["/blend image1:(a picture) image2:(another) prompt:the fox in the lighthouse aspect:16:9"],
      de: ["/blend image1:(ein Bild) image2:(ein weiteres) prompt:der Fuchs im Leuchtturm aspect:16:9"],
      fr: ["/blend image1:(une image) image2:(une autre) prompt:le renard dans le phare aspect:16:9"],
    },
    options: {
      image1: { en: "The first picture", de: "Das erste Bild", fr: "La première image" },
      image2: { en: "The second picture", de: "Das zweite Bild", fr: "La deuxième image" },
      image3: { en: "A third picture", de: "Ein drittes Bild", fr: "Une troisième image" },
      image4: { en: "A fourth picture", de: "Ein viertes Bild", fr: "Une quatrième image" },
      prompt: {
        en: "How to blend them; left out, a blend of all",
        de: "Wie sie verschmolzen werden; ohne Angabe alle zusammen",
        fr: "Comment les fusionner ; sinon, un mélange de toutes",
      },
      aspect: { en: "The result's aspect ratio", de: "Seitenverhältnis des Ergebnisses", fr: "Format du résultat" },
      private: privateResult,
    },
  },
  video: videoCommandText,
  transcribe: transcribeCommandText,
  train: {
    description: {
      en: "Train a LoRA on your pictures (a .zip of images) or a video",
      de: "Ein LoRA auf deinen Bildern (.zip) oder einem Video trainieren",
      fr: "Entraîner un LoRA sur vos images (un .zip) ou une vidéo",
    },
    examples: {
      en: ["/train name:annstyle images:(attach a .zip of 10 photos)"],
      de: ["/train name:annstyle images:(eine .zip mit 10 Fotos anhängen)"],
      fr: ["/train name:annstyle images:(joindre un .zip de 10 photos)"],
    },
    options: {
      name: {
        en: "Trigger word: one word that will call up the LoRA in prompts",
        de: "Triggerwort: ein Wort, das das LoRA in Prompts aufruft",
        fr: "Mot déclencheur : un mot qui appellera le LoRA dans les prompts",
      },
      images: { en: "A .zip of at least 4 images", de: "Eine .zip mit mindestens 4 Bildern", fr: "Un .zip d'au moins 4 images" },
      video: {
        en: "A video to take frames from",
        de: "Ein Video, aus dem Bilder entnommen werden",
        fr: "Une vidéo dont extraire des images",
      },
      private: { en: "Keep the LoRA to yourself", de: "Das LoRA für dich behalten", fr: "Garder le LoRA pour vous" },
    },
  },
  jobs: {
    description: { en: "Your recent and running jobs", de: "Deine letzten und laufenden Aufträge", fr: "Vos tâches récentes et en cours" },
    examples: { en: ["/jobs"], de: ["/jobs"], fr: ["/jobs"] },
    options: {},
  },
  assets: {
    description: {
      en: "The files shared in this server",
      de: "Die in diesem Server geteilten Dateien",
      fr: "Les fichiers partagés sur ce serveur",
    },
    examples: {
      en: ["/assets type:images search:lighthouse"],
      de: ["/assets type:Bilder search:Leuchtturm"],
      fr: ["/assets type:images search:phare"],
    },
    options: {
      type: { en: "Which kind", de: "Welche Art", fr: "Quel type" },
      search: {
        en: "Words from a prompt, transcript or file name",
        de: "Wörter aus einem Prompt, Transkript oder Dateinamen",
        fr: "Des mots d'un prompt, d'une transcription ou d'un nom de fichier",
      },
    },
  },
  search: {
    description: {
      en: "Search your team's meetings for words or a phrase",
      de: "Die Besprechungen deines Teams nach Wörtern oder einer Wortfolge durchsuchen",
      fr: "Chercher des mots ou une expression dans les réunions de votre équipe",
    },
    examples: {
      en: ['/search query:pricing "next quarter"'],
      de: ['/search query:Preise "nächstes Quartal"'],
      fr: ['/search query:tarifs "trimestre prochain"'],
    },
    options: {
      query: {
        en: 'Every word must appear; a phrase in "quotes"',
        de: 'Jedes Wort muss vorkommen; eine Wortfolge in "Anführungszeichen"',
        fr: 'Chaque mot doit y être ; une expression entre "guillemets"',
      },
    },
  },
  usage: {
    description: {
      en: "This month's jobs and estimated cost",
      de: "Aufträge und geschätzte Kosten dieses Monats",
      fr: "Les tâches et le coût estimé de ce mois",
    },
    examples: { en: ["/usage"], de: ["/usage"], fr: ["/usage"] },
    options: {},
  },
  settings: {
    description: {
      en: "This server's and channel's defaults for jobs",
      de: "Voreinstellungen dieses Servers und Kanals für Aufträge",
      fr: "Les réglages par défaut de ce serveur et de ce salon",
    },
    examples: {
      en: [
        "/settings show",
        "/settings set scope:This channel size:Landscape 16:9 max-images:2",
        "/settings set scope:Whole server model:FLUX.1 [schnell], fastest training:admins",
      ],
      de: [
        "/settings show",
        "/settings set scope:Dieser Kanal size:Querformat 16:9 max-images:2",
        "/settings set scope:Ganzer Server model:FLUX.1 [schnell], am schnellsten training:Admins",
      ],
      fr: [
        "/settings show",
        "/settings set scope:Ce salon size:Paysage 16:9 max-images:2",
        "/settings set scope:Tout le serveur model:FLUX.1 [schnell], le plus rapide training:administrateurs",
      ],
    },
    options: {
      show: { en: "What applies in this channel", de: "Was in diesem Kanal gilt", fr: "Ce qui s'applique dans ce salon" },
      set: {
        en: "Change them (Manage Server needed); 'clear' removes a value",
        de: "Ändern (braucht „Server verwalten“); 'clear' entfernt einen Wert",
        fr: "Les modifier (« Gérer le serveur » requis) ; 'clear' retire une valeur",
      },
      scope: { en: "This channel, or the whole server", de: "Dieser Kanal oder der ganze Server", fr: "Ce salon, ou tout le serveur" },
      size: { en: "Default size", de: "Standardgröße", fr: "Taille par défaut" },
      model: {
        en: "Default FLUX model for generations",
        de: "Standard-FLUX-Modell für Bilder",
        fr: "Modèle FLUX par défaut des générations",
      },
      lora: { en: "Default LoRA, or 'clear'", de: "Standard-LoRA, oder 'clear'", fr: "LoRA par défaut, ou 'clear'" },
      private: { en: "Make every result here private", de: "Jedes Ergebnis hier privat machen", fr: "Rendre privé chaque résultat ici" },
      "max-images": {
        en: "Most images per request (0 clears)",
        de: "Höchstens Bilder pro Anfrage (0 entfernt)",
        fr: "Images par demande au plus (0 retire)",
      },
      training: { en: "Who may train LoRAs", de: "Wer LoRAs trainieren darf", fr: "Qui peut entraîner des LoRA" },
      budget: {
        en: "Monthly budget in USD for a channel's jobs (0 clears)",
        de: "Monatsbudget in USD für die Aufträge eines Kanals (0 entfernt)",
        fr: "Budget mensuel en USD pour les tâches d'un salon (0 retire)",
      },
      vocabulary: {
        en: "Words every transcript spells as given, comma-separated, or 'clear'",
        de: "Wörter, die jedes Transkript so schreibt, durch Kommas getrennt, oder 'clear'",
        fr: "Mots que chaque transcription écrit tels quels, séparés par des virgules, ou 'clear'",
      },
      "redact-pii": {
        en: "Hide personal data in every transcript; members cannot turn it off",
        de: "Personenbezogene Daten in jedem Transkript verbergen; Mitglieder können es nicht abschalten",
        fr: "Masquer les données personnelles de chaque transcription ; non désactivable par les membres",
      },
      notes: {
        en: "Meeting notes for transcripts that do not say (default on)",
        de: "Besprechungsnotizen für Transkripte ohne Angabe (standardmäßig an)",
        fr: "Notes de réunion pour les transcriptions sans choix (activées par défaut)",
      },
    },
  },
  gallery: {
    description: {
      en: "A private link that signs you in to the team's web gallery",
      de: "Ein privater Link, der dich in der Web-Galerie des Teams anmeldet",
      fr: "Un lien privé qui vous connecte à la galerie web de l'équipe",
    },
    examples: { en: ["/gallery"], de: ["/gallery"], fr: ["/gallery"] },
    options: {},
  },
  help: {
    description: {
      en: "What the bot does, with examples",
      de: "Was der Bot kann, mit Beispielen",
      fr: "Ce que fait le bot, avec des exemples",
    },
    examples: { en: ["/help"], de: ["/help"], fr: ["/help"] },
    options: {},
  },
} as const satisfies Record<string, CommandText>;

/** The names Discord shows for option choices whose value stays the same in every language. */
export const discordChoiceText = {
  images: { en: "images", de: "Bilder", fr: "images" },
  transcripts: { en: "transcripts", de: "Transkripte", fr: "transcriptions" },
  videos: { en: "videos", de: "Videos", fr: "vidéos" },
  loras: { en: "LoRAs", de: "LoRAs", fr: "LoRA" },
  channel: { en: "This channel", de: "Dieser Kanal", fr: "Ce salon" },
  server: { en: "Whole server", de: "Ganzer Server", fr: "Tout le serveur" },
  yes: { en: "yes", de: "ja", fr: "oui" },
  no: { en: "no", de: "nein", fr: "non" },
  everyone: { en: "everyone", de: "alle", fr: "tout le monde" },
  admins: { en: "admins", de: "Admins", fr: "administrateurs" },
  clear: { en: "clear", de: "entfernen", fr: "retirer" },
} as const satisfies Record<string, Localized>;

/** The message command on a message's Apps menu: its name in each client language. */
export const transcribeMenuName: Localized = { en: "Transcribe", de: "Transkribieren", fr: "Transcrire" };
export const describeMenuName: Localized = { en: "Describe this image", de: "Dieses Bild beschreiben", fr: "Décrire cette image" };

/** The aspect ratios a blend takes, as Discord's choices: a ratio reads the same in every language. */
export const kontextAspectText = Object.fromEntries(kontextAspectRatios.map((r) => [r, { en: r, de: r, fr: r }])) as Record<
  (typeof kontextAspectRatios)[number],
  Localized
>;

/** `/help`'s own words around the commands. */
export interface HelpText {
  title: string;
  intro: string;
  example: (e: string) => string;
  buttonsName: string;
  buttons: (b: JobReplyText["buttons"], p: PictureToolsText, v: VideoButtonsText) => string;
  menuName: string;
  menu: string;
  describeMenuName: string;
  describeMenu: string;
}

export const helpText: Localized<HelpText> = {
  en: {
    title: "What I can do",
    intro: "Results are posted in the channel for the team, unless you ask for them privately.",
    example: (e) => `e.g. ${e}`,
    buttonsName: "Buttons",
    buttons: (b, p, v) =>
      `On a picture: ${b.upscale}, ${p.buttons.varyStrong}, ${p.buttons.varySubtle}, ${p.buttons.varyRegion} (a one-time link to the gallery's brush), ${b.edit} (say what to change), ${p.buttons.zoomOut2}, ${p.buttons.zoomOut15}, ${p.buttons.customZoom}, Pan ⬅ ➡ ⬆ ⬇ and ${v.buttons.animate.low} or ${v.buttons.animate.high} (a short clip); on 2-4 pictures U1-U4, V1-V4 and a menu per two pictures for the rest. Then ${b.rerun}, ${b.variations}, ${b.remix}, ${b.delete}. A describe offers ${p.buttons.generateN(1)}-4; a failed job has ${b.tryAgain}. A clip offers ${v.result.extend} (a longer clip continuing it), ${v.result.animateAgain} (a new take of the same input) and ${v.result.download}.`,
    menuName: "Apps → Transcribe",
    menu: "On a message with an audio or video file: transcribes it for the channel, replying to the message.",
    describeMenuName: "Apps → Describe this image",
    describeMenu: "On a message with a picture: four prompts that would make it, for the channel, replying to the message.",
  },
  de: {
    title: "Was ich kann",
    intro: "Ergebnisse werden für das Team im Kanal gepostet, außer du willst sie privat.",
    example: (e) => `z. B. ${e}`,
    buttonsName: "Schaltflächen",
    buttons: (b, p, v) =>
      `Auf einem Bild: ${b.upscale}, ${p.buttons.varyStrong}, ${p.buttons.varySubtle}, ${p.buttons.varyRegion} (ein einmaliger Link zum Pinsel der Galerie), ${b.edit} (sag, was sich ändern soll), ${p.buttons.zoomOut2}, ${p.buttons.zoomOut15}, ${p.buttons.customZoom}, Schwenken ⬅ ➡ ⬆ ⬇ und ${v.buttons.animate.low} oder ${v.buttons.animate.high} (ein kurzer Clip); bei 2-4 Bildern U1-U4, V1-V4 und ein Menü je zwei Bilder für den Rest. Dann ${b.rerun}, ${b.variations}, ${b.remix}, ${b.delete}. Eine Beschreibung bietet ${p.buttons.generateN(1)}-4; ein fehlgeschlagener Auftrag hat ${b.tryAgain}. Ein Clip bietet ${v.result.extend} (ein längerer Clip, der ihn fortsetzt), ${v.result.animateAgain} (ein neuer Versuch mit denselben Angaben) und ${v.result.download}.`,
    menuName: "Apps → Transkribieren",
    menu: "Auf einer Nachricht mit einer Audio- oder Videodatei: transkribiert sie für den Kanal, als Antwort auf die Nachricht.",
    describeMenuName: "Apps → Dieses Bild beschreiben",
    describeMenu: "Auf einer Nachricht mit einem Bild: vier Prompts, die es erzeugen würden, für den Kanal, als Antwort auf die Nachricht.",
  },
  fr: {
    title: "Ce que je sais faire",
    intro: "Les résultats sont publiés dans le canal pour l'équipe, sauf si vous les demandez en privé.",
    example: (e) => `p. ex. ${e}`,
    buttonsName: "Boutons",
    buttons: (b, p, v) =>
      `Sur une image : ${b.upscale}, ${p.buttons.varyStrong}, ${p.buttons.varySubtle}, ${p.buttons.varyRegion} (un lien à usage unique vers le pinceau de la galerie), ${b.edit} (dites ce qu'il faut changer), ${p.buttons.zoomOut2}, ${p.buttons.zoomOut15}, ${p.buttons.customZoom}, Panoramique ⬅ ➡ ⬆ ⬇ et ${v.buttons.animate.low} ou ${v.buttons.animate.high} (un court clip) ; sur 2 à 4 images U1-U4, V1-V4 et un menu par paire d'images pour le reste. Puis ${b.rerun}, ${b.variations}, ${b.remix}, ${b.delete}. Une description propose ${p.buttons.generateN(1)}-4 ; une tâche en échec a ${b.tryAgain}. Un clip propose ${v.result.extend} (un clip plus long qui le prolonge), ${v.result.animateAgain} (une nouvelle prise des mêmes réglages) et ${v.result.download}.`,
    menuName: "Applications → Transcrire",
    menu: "Sur un message avec un fichier audio ou vidéo : le transcrit pour le canal, en réponse au message.",
    describeMenuName: "Applications → Décrire cette image",
    describeMenu: "Sur un message avec une image : quatre prompts qui la produiraient, pour le canal, en réponse au message.",
  },
};
