import type { Localized } from "./languages.js";

/** The bots' short answers to the person who clicked or asked: what a button did, where a result went. */
export interface NoticeText {
  done: string;
  deletedJob: (jobId: string, files: number) => string;
  alreadyDeleted: (jobId: string) => string;
  canceledJob: (jobId: string) => string;
  /** `status` is the job's, in this language (statusText). */
  alreadyEnded: (jobId: string, status: string) => string;
  sent: string;
  inYourDms: string;
  queued: string;
  queuedPrivately: (jobId: string) => string;
  notOpened: string;
  editNotOpened: string;
  notSupported: string;
  buttonGone: string;
  formGone: string;
  notShared: string;
  shareFromChannel: string;
  nothingToTranscribe: string;
  noRecordingHere: string;
}

export const noticeText: Localized<NoticeText> = {
  en: {
    done: "Done",
    deletedJob: (id, n) => `Deleted job ${id} and its ${n} files.`,
    alreadyDeleted: (id) => `Job ${id} was already deleted.`,
    canceledJob: (id) => `Canceled job ${id}.`,
    alreadyEnded: (id, status) => `Job ${id} had already ${status}.`,
    sent: "Sent",
    inYourDms: "The result is in your DMs with me.",
    queued: "Queued",
    queuedPrivately: (id) => `Job ${id} is queued; only you will see its result, here.`,
    notOpened: "Not opened",
    editNotOpened: "Slack did not open the form in time; press Edit again.",
    notSupported: "Not supported",
    buttonGone: "This button is no longer supported.",
    formGone: "This form is no longer supported.",
    notShared: "Not shared",
    shareFromChannel: "Share it from the channel where you asked for it: this is a direct message.",
    nothingToTranscribe: "Nothing to transcribe",
    noRecordingHere: "That message has no audio or video file. Use the shortcut on a message with a recording.",
  },
  de: {
    done: "Erledigt",
    deletedJob: (id, n) => `Auftrag ${id} und seine ${n} Dateien gelöscht.`,
    alreadyDeleted: (id) => `Auftrag ${id} war schon gelöscht.`,
    canceledJob: (id) => `Auftrag ${id} abgebrochen.`,
    alreadyEnded: (id, status) => `Auftrag ${id} war schon beendet (${status}).`,
    sent: "Gesendet",
    inYourDms: "Das Ergebnis ist in deinen Direktnachrichten mit mir.",
    queued: "In der Warteschlange",
    queuedPrivately: (id) => `Auftrag ${id} ist in der Warteschlange; nur du siehst sein Ergebnis, hier.`,
    notOpened: "Nicht geöffnet",
    editNotOpened: "Slack hat das Formular nicht rechtzeitig geöffnet; drück noch einmal auf Bearbeiten.",
    notSupported: "Nicht unterstützt",
    buttonGone: "Diese Schaltfläche wird nicht mehr unterstützt.",
    formGone: "Dieses Formular wird nicht mehr unterstützt.",
    notShared: "Nicht geteilt",
    shareFromChannel: "Teile es aus dem Kanal, in dem du es angefragt hast: dies ist eine Direktnachricht.",
    nothingToTranscribe: "Nichts zu transkribieren",
    noRecordingHere: "Diese Nachricht hat keine Audio- oder Videodatei. Nutze den Shortcut auf einer Nachricht mit einer Aufnahme.",
  },
  fr: {
    done: "C'est fait",
    deletedJob: (id, n) => `Tâche ${id} et ses ${n} fichiers supprimés.`,
    alreadyDeleted: (id) => `La tâche ${id} était déjà supprimée.`,
    canceledJob: (id) => `Tâche ${id} annulée.`,
    alreadyEnded: (id, status) => `La tâche ${id} était déjà terminée (${status}).`,
    sent: "Envoyé",
    inYourDms: "Le résultat est dans vos messages privés avec moi.",
    queued: "En file d'attente",
    queuedPrivately: (id) => `La tâche ${id} est en file d'attente ; vous seul verrez son résultat, ici.`,
    notOpened: "Non ouvert",
    editNotOpened: "Slack n'a pas ouvert le formulaire à temps ; appuyez de nouveau sur Retoucher.",
    notSupported: "Non pris en charge",
    buttonGone: "Ce bouton n'est plus pris en charge.",
    formGone: "Ce formulaire n'est plus pris en charge.",
    notShared: "Non partagé",
    shareFromChannel: "Partagez-le depuis le canal où vous l'avez demandé : ceci est un message privé.",
    nothingToTranscribe: "Rien à transcrire",
    noRecordingHere: "Ce message n'a pas de fichier audio ou vidéo. Utilisez le raccourci sur un message contenant un enregistrement.",
  },
};
