import type { Localized } from "../../../shared/chat/locale/languages.js";
import type { ReferenceRole } from "../../../shared/jobs/input.js";

/** The create bar and the upload forms on the gallery page. Sizes and models are the chat forms' words (shared/chat/locale/forms.ts). */
export interface CreateText {
  heading: string;
  needsScript: string;
  prompt: string;
  promptPlaceholder: string;
  create: string;
  /** The disclosure holding every option but the prompt, closed on a phone. */
  options: string;
  size: string;
  sizeHint: string;
  ratio: (r: string) => string;
  model: string;
  defaultModel: string;
  count: string;
  seed: string;
  seedPlaceholder: string;
  lora: string;
  noLora: string;
  loraStrength: string;
  references: (max: number) => string;
  referencePictures: string;
  role: string;
  /** What a reference picture gives the new one. */
  roles: Record<ReferenceRole, string>;
  remove: string;
  drop: string;
  uploads: {
    summary: string;
    transcribe: string;
    audioFile: string;
    languageCode: string;
    languageCodePlaceholder: string;
    speakers: string;
    speakerCount: string;
    speakerNames: string;
    vocabulary: string;
    listHint: string;
    redactPii: string;
    translateTo: string;
    notes: string;
    uploadTranscribe: string;
    train: string;
    trainFiles: string;
    triggerWord: string;
    steps: string;
    learn: string;
    subject: string;
    style: string;
    uploadTrain: string;
    chosen: string;
    uploaded: string;
  };
}

export const createText: Localized<CreateText> = {
  en: {
    heading: "Create",
    needsScript: "Creating from the gallery needs its script; /generate in chat or the CLI work without it.",
    prompt: "Prompt",
    promptPlaceholder: "a lighthouse in fog, golden hour",
    create: "Create",
    options: "Options and references",
    size: "Size",
    sizeHint: "A preset, a ratio such as 16:9, or WxH such as 1280x720",
    ratio: (r) => `Ratio ${r}`,
    model: "Model",
    defaultModel: "Default",
    count: "Count",
    seed: "Seed",
    seedPlaceholder: "random",
    lora: "LoRA",
    noLora: "None",
    loraStrength: "LoRA strength",
    references: (max) => `References (up to ${max})`,
    referencePictures: "Reference pictures",
    role: "Role",
    roles: { style: "style", subject: "subject", composition: "composition" },
    remove: "Remove",
    drop: "Drop or paste a picture here, or choose one",
    uploads: {
      summary: "Transcribe or train a LoRA from files",
      transcribe: "Transcribe audio or video",
      audioFile: "Audio or video file (drop it here or choose)",
      languageCode: "Language code (empty: detect)",
      languageCodePlaceholder: "en, de, fr…",
      speakers: "Tell the speakers apart",
      speakerCount: "How many people speak (1-10)",
      speakerNames: "Speakers' names (Speaker A is the first)",
      vocabulary: "Words to spell as given",
      listHint: "Separate them with commas",
      redactPii: "Hide names, phone numbers, emails and card numbers",
      translateTo: "Also translate into (language code)",
      notes: "Meeting notes (unless the team turned them off)",
      uploadTranscribe: "Upload and transcribe",
      train: "Train a LoRA",
      trainFiles: "4-100 pictures, a zip of them, or a video (drop them here or choose)",
      triggerWord: "Trigger word",
      steps: "Steps",
      learn: "Learn",
      subject: "a subject (a person, a thing)",
      style: "a style",
      uploadTrain: "Upload and train",
      chosen: "Chosen files",
      uploaded: "Uploaded",
    },
  },
  de: {
    heading: "Erstellen",
    needsScript: "Erstellen in der Galerie braucht ihr Skript; /generate im Chat oder die CLI gehen auch ohne.",
    prompt: "Prompt",
    promptPlaceholder: "ein Leuchtturm im Nebel, goldene Stunde",
    create: "Erstellen",
    options: "Optionen und Referenzen",
    size: "Größe",
    sizeHint: "Eine Vorgabe, ein Verhältnis wie 16:9 oder BxH wie 1280x720",
    ratio: (r) => `Verhältnis ${r}`,
    model: "Modell",
    defaultModel: "Standard",
    count: "Anzahl",
    seed: "Seed",
    seedPlaceholder: "zufällig",
    lora: "LoRA",
    noLora: "Keins",
    loraStrength: "LoRA-Stärke",
    references: (max) => `Referenzen (bis zu ${max})`,
    referencePictures: "Referenzbilder",
    role: "Rolle",
    roles: { style: "Stil", subject: "Motiv", composition: "Bildaufbau" },
    remove: "Entfernen",
    drop: "Zieh ein Bild hierher, füge es ein oder wähle eines aus",
    uploads: {
      summary: "Aus Dateien transkribieren oder ein LoRA trainieren",
      transcribe: "Audio oder Video transkribieren",
      audioFile: "Audio- oder Videodatei (hierher ziehen oder auswählen)",
      languageCode: "Sprachcode (leer: erkennen)",
      languageCodePlaceholder: "en, de, fr…",
      speakers: "Sprecher unterscheiden",
      speakerCount: "Wie viele Personen sprechen (1-10)",
      speakerNames: "Namen der Sprecher (Sprecher A ist der erste)",
      vocabulary: "Wörter, die so geschrieben werden sollen",
      listHint: "Durch Kommas getrennt",
      redactPii: "Namen, Telefonnummern, E-Mails und Kartennummern verbergen",
      translateTo: "Auch übersetzen in (Sprachcode)",
      notes: "Besprechungsnotizen (außer das Team hat sie abgeschaltet)",
      uploadTranscribe: "Hochladen und transkribieren",
      train: "Ein LoRA trainieren",
      trainFiles: "4–100 Bilder, ein Zip davon oder ein Video (hierher ziehen oder auswählen)",
      triggerWord: "Triggerwort",
      steps: "Schritte",
      learn: "Lernen",
      subject: "ein Motiv (eine Person, ein Ding)",
      style: "einen Stil",
      uploadTrain: "Hochladen und trainieren",
      chosen: "Gewählte Dateien",
      uploaded: "Hochgeladen",
    },
  },
  fr: {
    heading: "Créer",
    needsScript: "Créer depuis la galerie demande son script ; /generate dans le chat ou la CLI marchent sans.",
    prompt: "Prompt",
    promptPlaceholder: "un phare dans le brouillard, heure dorée",
    create: "Créer",
    options: "Options et références",
    size: "Taille",
    sizeHint: "Un préréglage, un format comme 16:9, ou LxH comme 1280x720",
    ratio: (r) => `Format ${r}`,
    model: "Modèle",
    defaultModel: "Par défaut",
    count: "Nombre",
    seed: "Graine",
    seedPlaceholder: "aléatoire",
    lora: "LoRA",
    noLora: "Aucun",
    loraStrength: "Force du LoRA",
    references: (max) => `Références (jusqu'à ${max})`,
    referencePictures: "Images de référence",
    role: "Rôle",
    roles: { style: "style", subject: "sujet", composition: "composition" },
    remove: "Retirer",
    drop: "Déposez ou collez une image ici, ou choisissez-en une",
    uploads: {
      summary: "Transcrire ou entraîner un LoRA à partir de fichiers",
      transcribe: "Transcrire de l'audio ou de la vidéo",
      audioFile: "Fichier audio ou vidéo (déposez-le ici ou choisissez)",
      languageCode: "Code de langue (vide : détection)",
      languageCodePlaceholder: "en, de, fr…",
      speakers: "Distinguer les intervenants",
      speakerCount: "Combien de personnes parlent (1-10)",
      speakerNames: "Noms des intervenants (l'intervenant A est le premier)",
      vocabulary: "Mots à écrire tels quels",
      listHint: "Séparés par des virgules",
      redactPii: "Masquer noms, numéros de téléphone, e-mails et numéros de carte",
      translateTo: "Traduire aussi en (code de langue)",
      notes: "Notes de réunion (sauf si l'équipe les a désactivées)",
      uploadTranscribe: "Envoyer et transcrire",
      train: "Entraîner un LoRA",
      trainFiles: "4 à 100 images, un zip de celles-ci ou une vidéo (déposez-les ici ou choisissez)",
      triggerWord: "Mot déclencheur",
      steps: "Étapes",
      learn: "Apprendre",
      subject: "un sujet (une personne, un objet)",
      style: "un style",
      uploadTrain: "Envoyer et entraîner",
      chosen: "Fichiers choisis",
      uploaded: "Envoyé",
    },
  },
};
