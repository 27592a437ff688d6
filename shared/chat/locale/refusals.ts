import type { Localized } from "./languages.js";

/**
 * How a refused or failed command is told, in one language. The API's refusals keep its own
 * words (it answers in English) inside a sentence of the user's language; English shows them as
 * they are.
 */
export interface RefusalText {
  titles: {
    didNotWork: string;
    notFound: string;
    notAllowed: string;
    notNow: string;
    limitReached: string;
    notSetUp: string;
    unreachable: string;
    wentWrong: string;
  };
  api: {
    /** A request the API refused as invalid: nothing was made. */
    badRequest: (reason: string) => string;
    /** Not allowed: the API's reason, a sentence of its own. */
    forbidden: (reason: string) => string;
    /** Not found, not now, over a limit: the API's reason. */
    said: (reason: string) => string;
  };
  notSetUp: string;
  unreachable: string;
  serviceFailed: string;
  botFailed: string;
}

export const refusalText: Localized<RefusalText> = {
  en: {
    titles: {
      didNotWork: "That did not work",
      notFound: "Not found",
      notAllowed: "Not allowed",
      notNow: "Not now",
      limitReached: "Limit reached",
      notSetUp: "The bot is not set up",
      unreachable: "The service is not reachable",
      wentWrong: "Something went wrong",
    },
    api: { badRequest: (r) => `${r}. Nothing was created.`, forbidden: (r) => `${r}.`, said: (r) => r },
    notSetUp: "The service refused the bot's API key. Ask an admin to check DISCORD_BOT_API_KEY / SLACK_BOT_API_KEY.",
    unreachable: "It did not answer in time. Nothing was created; try again in a minute.",
    serviceFailed: "The service failed on its side. Nothing was lost; try again in a minute.",
    botFailed: "The bot hit an unexpected error. Try again in a minute.",
  },
  de: {
    titles: {
      didNotWork: "Das hat nicht geklappt",
      notFound: "Nicht gefunden",
      notAllowed: "Nicht erlaubt",
      notNow: "Gerade nicht möglich",
      limitReached: "Limit erreicht",
      notSetUp: "Der Bot ist nicht eingerichtet",
      unreachable: "Der Dienst ist nicht erreichbar",
      wentWrong: "Etwas ist schiefgelaufen",
    },
    api: {
      badRequest: (r) => `Abgelehnt, es wurde nichts erstellt. Der Dienst sagt: „${r}“`,
      forbidden: (r) => `Der Dienst sagt: „${r}“`,
      said: (r) => `Der Dienst sagt: „${r}“`,
    },
    notSetUp: "Der Dienst hat den API-Schlüssel des Bots abgelehnt. Bitte einen Admin, DISCORD_BOT_API_KEY / SLACK_BOT_API_KEY zu prüfen.",
    unreachable: "Er hat nicht rechtzeitig geantwortet. Es wurde nichts erstellt; versuch es in einer Minute noch einmal.",
    serviceFailed: "Der Dienst hatte einen Fehler. Nichts ging verloren; versuch es in einer Minute noch einmal.",
    botFailed: "Der Bot hatte einen unerwarteten Fehler. Versuch es in einer Minute noch einmal.",
  },
  fr: {
    titles: {
      didNotWork: "Cela n'a pas fonctionné",
      notFound: "Introuvable",
      notAllowed: "Non autorisé",
      notNow: "Pas maintenant",
      limitReached: "Limite atteinte",
      notSetUp: "Le bot n'est pas configuré",
      unreachable: "Le service est injoignable",
      wentWrong: "Un problème est survenu",
    },
    api: {
      badRequest: (r) => `Refusé, rien n'a été créé. Le service répond : « ${r} »`,
      forbidden: (r) => `Le service répond : « ${r} »`,
      said: (r) => `Le service répond : « ${r} »`,
    },
    notSetUp: "Le service a refusé la clé d'API du bot. Demandez à un administrateur de vérifier DISCORD_BOT_API_KEY / SLACK_BOT_API_KEY.",
    unreachable: "Il n'a pas répondu à temps. Rien n'a été créé ; réessayez dans une minute.",
    serviceFailed: "Le service a échoué de son côté. Rien n'est perdu ; réessayez dans une minute.",
    botFailed: "Le bot a rencontré une erreur inattendue. Réessayez dans une minute.",
  },
};

/** The bots' own refusals of what a user typed, attached or clicked, before anything reaches the API. */
export interface InputText {
  serverOnly: string;
  noSuchLora: (name: string) => string;
  noFinishedLora: (name: string) => string;
  linkOrFile: string;
  notALink: (text: string) => string;
  notMedia: (extension: string) => string;
  triggerWord: (max: number) => string;
  sayWhatToChange: string;
  zipOrVideo: string;
  fileNotAccepted: (name: string, kind: "media" | "training" | "image", contentType: string | undefined) => string;
  /** `orLink`: the command also takes a link, which has no such limit. */
  fileTooLarge: (name: string, size: string, limit: string, orLink: boolean) => string;
  fileNoLink: (name: string) => string;
  fileNotPlatformHosted: (name: string) => string;
  fileNotDownloaded: (name: string, status: number) => string;
  fileNotStored: (name: string, status: number) => string;
  slackFileUnreadable: string;
  noRecording: string;
  sizeDimensions: (multipleOf: number, min: number, max: number) => string;
  aspectRatio: string;
  sizeFormat: (presets: string) => string;
  prompt: string;
  count: (min: number, max: number) => string;
  seed: (max: string) => string;
  loraStrength: (min: number, max: number) => string;
  model: (models: string) => string;
  /** Slack's slash command text. */
  unreadableOptions: (reason: string, usage: string) => string;
  wholeNumberOption: (flag: string, min: number, max: number) => string;
  seedOption: (min: string, max: string) => string;
  optionChoice: (flag: string, allowed: string) => string;
  budgetOption: string;
  giveRecordingLink: (usage: string) => string;
  giveTriggerAndFile: (usage: string) => string;
  giveJobAndQuestion: (usage: string) => string;
  formNotOpened: (usage: string) => string;
  /** The image commands (describe, blend, generate's references). */
  noImage: string;
  notAnImageLink: (text: string) => string;
  giveImage: (usage: string) => string;
  weightOption: (flag: string, min: number, max: number) => string;
  promptTwice: (usage: string) => string;
  referenceNotSlackFile: (flag: string) => string;
  weightWithoutReference: (option: string) => string;
  /** What the API would answer, said before anything is uploaded. */
  apiWouldRefuse: (reason: string) => string;
  /** Animate again on a clip of a picture its author uploaded: uploads are theirs alone. */
  animateAgainOwnUpload: string;
  /** A Slack file `--image` names that the app cannot read (another workspace's, or one it was not shared with). */
  imageSlackFileUnreadable: (flag: string) => string;
}

export const inputText: Localized<InputText> = {
  en: {
    serverOnly: "Use the commands in a server channel; the results are shared with its members.",
    noSuchLora: (v) => `There is no trained LoRA called "${v}" here. Pick one from the list, or train one with /train.`,
    noFinishedLora: (v) => `There is no finished LoRA called "${v}" here.`,
    linkOrFile: "Give either a link to an audio or video file, or attach one (not both).",
    notALink: (t) => `"${t}" is not a link. Give an http(s) link to an audio or video file.`,
    notMedia: (ext) => `That link is to a ${ext} file, not audio or video. Link the recording itself, or attach it.`,
    triggerWord: (max) => `The name (trigger word) must be 1-${max} letters, digits, '_' or '-', with no spaces.`,
    sayWhatToChange: "Say what to change, such as: make it night.",
    zipOrVideo: "Attach either a .zip of images or a video (one of them).",
    fileNotAccepted: (name, kind, type) =>
      `${name} is not ${kind === "media" ? "an audio or video file" : kind === "image" ? "a PNG, JPEG or WebP picture" : "a .zip of images or a video"}${type ? ` (it is ${type})` : ""}.`,
    fileTooLarge: (name, size, limit, orLink) =>
      `${name} is ${size}; the limit is ${limit}. Send a smaller file${orLink ? " or a link" : ""}.`,
    fileNoLink: (name) => `${name} has no downloadable link.`,
    fileNotPlatformHosted: (name) => `${name} is not hosted by the chat platform.`,
    fileNotDownloaded: (name, status) => `${name} could not be downloaded from the platform (status ${status}).`,
    fileNotStored: (name, status) => `${name} could not be stored (status ${status}); its size may not match what the platform reported.`,
    slackFileUnreadable: "That Slack file could not be opened. Share it in this channel first, or use a public link.",
    noRecording: "That message has no audio or video file to transcribe.",
    sizeDimensions: (m, min, max) => `Width and height must be multiples of ${m} from ${min} to ${max}, such as 1024x768.`,
    aspectRatio: "An aspect ratio must be between 1:4 and 4:1, such as 16:9.",
    sizeFormat: (presets) => `Give a size as one of ${presets}, as WIDTHxHEIGHT such as 1024x768, or as an aspect ratio such as 16:9.`,
    prompt: "Give a prompt: what to draw.",
    count: (min, max) => `The count must be a whole number from ${min} to ${max}.`,
    seed: (max) => `The seed must be a whole number up to ${max}, or blank for a new one.`,
    loraStrength: (min, max) => `The LoRA strength must be from ${min} to ${max}.`,
    model: (models) => `The model must be one of ${models}.`,
    unreadableOptions: (reason, usage) => `${reason}. Usage: ${usage}`,
    wholeNumberOption: (flag, min, max) => `--${flag} must be a whole number from ${min} to ${max}.`,
    seedOption: (min, max) => `--seed must be a whole number from ${min} to ${max}.`,
    optionChoice: (flag, allowed) => `--${flag} must be one of ${allowed}.`,
    budgetOption: "--budget must be an amount in US dollars, such as 25, or clear.",
    giveRecordingLink: (usage) => `Give a link to the recording. Usage: ${usage}`,
    giveTriggerAndFile: (usage) => `Give a trigger word and a Slack file. Usage: ${usage}`,
    giveJobAndQuestion: (usage) => `Give the transcription's job id, then your question. Usage: ${usage}`,
    formNotOpened: (usage) =>
      `Slack did not open the form in time: run /generate again, or give the prompt, such as /generate a red fox. Usage: ${usage}`,
    noImage: "That message has no PNG, JPEG or WebP picture to describe.",
    notAnImageLink: (t) => `"${t}" is not a link. Give a Slack file's link or an http(s) link to a picture.`,
    giveImage: (usage) => `Give a picture: a Slack file's link or an http(s) link to one. Usage: ${usage}`,
    weightOption: (flag, min, max) => `--${flag} must be a number from ${min} to ${max}, such as 0.6.`,
    promptTwice: (usage) => `Give the prompt once: as words or with --prompt, not both. Usage: ${usage}`,
    referenceNotSlackFile: (flag) => `--${flag} takes the link of a picture shared in Slack.`,
    weightWithoutReference: (o) => `${o} goes with a reference picture, such as a style one.`,
    apiWouldRefuse: (r) => refusalText.en.api.badRequest(r),
    animateAgainOwnUpload:
      "This clip animates a picture its author uploaded, which only they can animate again. Animate a picture from a result instead, or Extend the clip.",
    imageSlackFileUnreadable: (flag) =>
      `That Slack file could not be opened: --${flag} takes a picture shared in this workspace, in a channel I am in. Share it here first.`,
  },
  de: {
    serverOnly: "Nutze die Befehle in einem Serverkanal; die Ergebnisse werden mit seinen Mitgliedern geteilt.",
    noSuchLora: (v) => `Hier gibt es kein trainiertes LoRA namens „${v}“. Wähle eines aus der Liste, oder trainiere eines mit /train.`,
    noFinishedLora: (v) => `Hier gibt es kein fertiges LoRA namens „${v}“.`,
    linkOrFile: "Gib entweder einen Link zu einer Audio- oder Videodatei an, oder hänge eine an (nicht beides).",
    notALink: (t) => `„${t}“ ist kein Link. Gib einen http(s)-Link zu einer Audio- oder Videodatei an.`,
    notMedia: (ext) =>
      `Dieser Link führt zu einer ${ext}-Datei, nicht zu Audio oder Video. Verlinke die Aufnahme selbst, oder hänge sie an.`,
    triggerWord: (max) => `Der Name (Triggerwort) muss aus 1-${max} Buchstaben, Ziffern, '_' oder '-' bestehen, ohne Leerzeichen.`,
    sayWhatToChange: "Sag, was sich ändern soll, zum Beispiel: mach es Nacht.",
    zipOrVideo: "Hänge entweder eine .zip mit Bildern oder ein Video an (eines davon).",
    fileNotAccepted: (name, kind, type) =>
      `${name} ist ${kind === "media" ? "keine Audio- oder Videodatei" : kind === "image" ? "kein PNG-, JPEG- oder WebP-Bild" : "weder eine .zip mit Bildern noch ein Video"}${type ? ` (es ist ${type})` : ""}.`,
    fileTooLarge: (name, size, limit, orLink) =>
      `${name} hat ${size}; die Grenze ist ${limit}. Schick eine kleinere Datei${orLink ? " oder einen Link" : ""}.`,
    fileNoLink: (name) => `${name} hat keinen Link zum Herunterladen.`,
    fileNotPlatformHosted: (name) => `${name} liegt nicht bei der Chat-Plattform.`,
    fileNotDownloaded: (name, status) => `${name} konnte nicht von der Plattform geladen werden (Status ${status}).`,
    fileNotStored: (name, status) =>
      `${name} konnte nicht gespeichert werden (Status ${status}); die Größe stimmt vielleicht nicht mit der Angabe der Plattform überein.`,
    slackFileUnreadable: "Diese Slack-Datei ließ sich nicht öffnen. Teile sie zuerst in diesem Kanal, oder nutze einen öffentlichen Link.",
    noRecording: "Diese Nachricht hat keine Audio- oder Videodatei zum Transkribieren.",
    sizeDimensions: (m, min, max) => `Breite und Höhe müssen Vielfache von ${m} zwischen ${min} und ${max} sein, zum Beispiel 1024x768.`,
    aspectRatio: "Ein Seitenverhältnis muss zwischen 1:4 und 4:1 liegen, zum Beispiel 16:9.",
    sizeFormat: (presets) => `Gib eine Größe als eine von ${presets} an, als BREITExHÖHE wie 1024x768, oder als Seitenverhältnis wie 16:9.`,
    prompt: "Gib einen Prompt an: was gezeichnet werden soll.",
    count: (min, max) => `Die Anzahl muss eine ganze Zahl von ${min} bis ${max} sein.`,
    seed: (max) => `Der Seed muss eine ganze Zahl bis ${max} sein, oder leer für einen neuen.`,
    loraStrength: (min, max) => `Die LoRA-Stärke muss zwischen ${min} und ${max} liegen.`,
    model: (models) => `Das Modell muss eines von ${models} sein.`,
    unreadableOptions: (reason, usage) => `Die Optionen waren nicht lesbar (${reason}). Aufruf: ${usage}`,
    wholeNumberOption: (flag, min, max) => `--${flag} muss eine ganze Zahl von ${min} bis ${max} sein.`,
    seedOption: (min, max) => `--seed muss eine ganze Zahl von ${min} bis ${max} sein.`,
    optionChoice: (flag, allowed) => `--${flag} muss eines von ${allowed} sein.`,
    budgetOption: "--budget muss ein Betrag in US-Dollar sein, zum Beispiel 25, oder clear.",
    giveRecordingLink: (usage) => `Gib einen Link zur Aufnahme an. Aufruf: ${usage}`,
    giveTriggerAndFile: (usage) => `Gib ein Triggerwort und eine Slack-Datei an. Aufruf: ${usage}`,
    giveJobAndQuestion: (usage) => `Gib die Job-ID der Transkription an, dann deine Frage. Aufruf: ${usage}`,
    formNotOpened: (usage) =>
      `Slack hat das Formular nicht rechtzeitig geöffnet: führe /generate noch einmal aus, oder gib den Prompt mit an, etwa /generate ein roter Fuchs. Aufruf: ${usage}`,
    noImage: "Diese Nachricht hat kein PNG-, JPEG- oder WebP-Bild zum Beschreiben.",
    notAnImageLink: (t) => `„${t}“ ist kein Link. Gib den Link einer Slack-Datei oder einen http(s)-Link zu einem Bild an.`,
    giveImage: (usage) => `Gib ein Bild an: den Link einer Slack-Datei oder einen http(s)-Link zu einem Bild. Aufruf: ${usage}`,
    weightOption: (flag, min, max) => `--${flag} muss eine Zahl von ${min} bis ${max} sein, zum Beispiel 0.6.`,
    promptTwice: (usage) => `Gib den Prompt nur einmal an: als Wörter oder mit --prompt, nicht beides. Aufruf: ${usage}`,
    referenceNotSlackFile: (flag) => `--${flag} nimmt den Link eines in Slack geteilten Bildes.`,
    weightWithoutReference: (o) => `${o} gehört zu einem Referenzbild, etwa einer Stilreferenz.`,
    apiWouldRefuse: (r) => refusalText.de.api.badRequest(r),
    animateAgainOwnUpload:
      "Dieser Clip animiert ein Bild, das sein Autor hochgeladen hat; nur er kann es erneut animieren. Animiere stattdessen ein Bild aus einem Ergebnis, oder verlängere den Clip.",
    imageSlackFileUnreadable: (flag) =>
      `Diese Slack-Datei ließ sich nicht öffnen: --${flag} nimmt ein Bild, das in diesem Workspace in einem Kanal geteilt wurde, in dem ich bin. Teile es zuerst hier.`,
  },
  fr: {
    serverOnly: "Utilisez les commandes dans un salon du serveur ; les résultats sont partagés avec ses membres.",
    noSuchLora: (v) => `Aucun LoRA entraîné ne s'appelle « ${v} » ici. Choisissez-en un dans la liste, ou entraînez-en un avec /train.`,
    noFinishedLora: (v) => `Aucun LoRA terminé ne s'appelle « ${v} » ici.`,
    linkOrFile: "Donnez soit un lien vers un fichier audio ou vidéo, soit un fichier joint (pas les deux).",
    notALink: (t) => `« ${t} » n'est pas un lien. Donnez un lien http(s) vers un fichier audio ou vidéo.`,
    notMedia: (ext) =>
      `Ce lien mène à un fichier ${ext}, pas à de l'audio ou de la vidéo. Donnez le lien de l'enregistrement lui-même, ou joignez-le.`,
    triggerWord: (max) => `Le nom (mot déclencheur) doit compter 1 à ${max} lettres, chiffres, '_' ou '-', sans espace.`,
    sayWhatToChange: "Dites ce qu'il faut changer, par exemple : fais-en une scène de nuit.",
    zipOrVideo: "Joignez soit un .zip d'images, soit une vidéo (l'un des deux).",
    fileNotAccepted: (name, kind, type) =>
      `${name} n'est pas ${kind === "media" ? "un fichier audio ou vidéo" : kind === "image" ? "une image PNG, JPEG ou WebP" : "un .zip d'images ni une vidéo"}${type ? ` (c'est ${type})` : ""}.`,
    fileTooLarge: (name, size, limit, orLink) =>
      `${name} fait ${size} ; la limite est ${limit}. Envoyez un fichier plus petit${orLink ? " ou un lien" : ""}.`,
    fileNoLink: (name) => `${name} n'a pas de lien de téléchargement.`,
    fileNotPlatformHosted: (name) => `${name} n'est pas hébergé par la plateforme de chat.`,
    fileNotDownloaded: (name, status) => `${name} n'a pas pu être téléchargé depuis la plateforme (statut ${status}).`,
    fileNotStored: (name, status) =>
      `${name} n'a pas pu être enregistré (statut ${status}) ; sa taille ne correspond peut-être pas à celle annoncée par la plateforme.`,
    slackFileUnreadable: "Ce fichier Slack n'a pas pu être ouvert. Partagez-le d'abord dans ce canal, ou utilisez un lien public.",
    noRecording: "Ce message n'a pas de fichier audio ou vidéo à transcrire.",
    sizeDimensions: (m, min, max) =>
      `La largeur et la hauteur doivent être des multiples de ${m} entre ${min} et ${max}, par exemple 1024x768.`,
    aspectRatio: "Un format doit être compris entre 1:4 et 4:1, par exemple 16:9.",
    sizeFormat: (presets) => `Donnez une taille parmi ${presets}, sous la forme LARGEURxHAUTEUR comme 1024x768, ou un format comme 16:9.`,
    prompt: "Donnez un prompt : ce qu'il faut dessiner.",
    count: (min, max) => `Le nombre doit être un entier de ${min} à ${max}.`,
    seed: (max) => `La seed doit être un entier jusqu'à ${max}, ou vide pour en tirer une nouvelle.`,
    loraStrength: (min, max) => `L'intensité du LoRA doit être comprise entre ${min} et ${max}.`,
    model: (models) => `Le modèle doit être l'un de ${models}.`,
    unreadableOptions: (reason, usage) => `Options illisibles (${reason}). Usage : ${usage}`,
    wholeNumberOption: (flag, min, max) => `--${flag} doit être un entier de ${min} à ${max}.`,
    seedOption: (min, max) => `--seed doit être un entier de ${min} à ${max}.`,
    optionChoice: (flag, allowed) => `--${flag} doit valoir l'une de ces valeurs : ${allowed}.`,
    budgetOption: "--budget doit être un montant en dollars US, par exemple 25, ou clear.",
    giveRecordingLink: (usage) => `Donnez un lien vers l'enregistrement. Usage : ${usage}`,
    giveTriggerAndFile: (usage) => `Donnez un mot déclencheur et un fichier Slack. Usage : ${usage}`,
    giveJobAndQuestion: (usage) => `Donnez l'identifiant de la transcription, puis votre question. Usage : ${usage}`,
    formNotOpened: (usage) =>
      `Slack n'a pas ouvert le formulaire à temps : relancez /generate, ou donnez le prompt, par exemple /generate un renard roux. Usage : ${usage}`,
    noImage: "Ce message n'a pas d'image PNG, JPEG ou WebP à décrire.",
    notAnImageLink: (t) => `« ${t} » n'est pas un lien. Donnez le lien d'un fichier Slack ou un lien http(s) vers une image.`,
    giveImage: (usage) => `Donnez une image : le lien d'un fichier Slack ou un lien http(s) vers une image. Usage : ${usage}`,
    weightOption: (flag, min, max) => `--${flag} doit être un nombre de ${min} à ${max}, par exemple 0.6.`,
    promptTwice: (usage) => `Donnez le prompt une seule fois : en mots ou avec --prompt, pas les deux. Usage : ${usage}`,
    referenceNotSlackFile: (flag) => `--${flag} prend le lien d'une image partagée dans Slack.`,
    weightWithoutReference: (o) => `${o} va avec une image de référence, par exemple de style.`,
    apiWouldRefuse: (r) => refusalText.fr.api.badRequest(r),
    animateAgainOwnUpload:
      "Ce clip anime une image envoyée par son auteur, que lui seul peut animer à nouveau. Animez plutôt une image d'un résultat, ou prolongez le clip.",
    imageSlackFileUnreadable: (flag) =>
      `Ce fichier Slack n'a pas pu être ouvert : --${flag} prend une image partagée dans cet espace de travail, dans un canal où je suis. Partagez-la d'abord ici.`,
  },
};
