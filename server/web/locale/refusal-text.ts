import type { Localized } from "../../../shared/chat/locale/languages.js";

/**
 * What the gallery's own routes refuse, before or beside any procedure: a selection, an action or
 * a picture the page sent that the route itself does not take. (A procedure's refusal is the API's
 * English, inside a sentence of the viewer's language: problemText.apiSaid.)
 */
export interface RefusalText {
  signInFirst: string;
  unknownAction: string;
  tickFirst: string;
  notAPicture: string;
  zipAtMost: (max: number) => string;
  noPictureToDownload: (jobId: string) => string;
  notFinishedToEdit: string;
  notFinishedToShare: (jobId: string) => string;
  onlyOwner: (action: "share" | "delete", jobId: string, owner: string) => string;
  brokeOff: (received: number, size: number) => string;
}

export const refusalText: Localized<RefusalText> = {
  en: {
    signInFirst: "Sign in first.",
    unknownAction: "The gallery does not know that action.",
    tickFirst: "Tick one picture or more first.",
    notAPicture: "That is not a picture.",
    zipAtMost: (max) => `A zip holds at most ${max} pictures; tick fewer.`,
    noPictureToDownload: (jobId) => `Job ${jobId} has no picture to download.`,
    notFinishedToEdit: "The job has not finished: its pictures can be edited once it has.",
    notFinishedToShare: (jobId) => `Job ${jobId} has not finished; share it once it has.`,
    onlyOwner: (action, jobId, owner) => `Only its owner can ${action} a job: ${jobId} is ${owner}'s; untick it.`,
    brokeOff: (received, size) => `The file broke off after ${received} of ${size} bytes; send it again.`,
  },
  de: {
    signInFirst: "Melde dich zuerst an.",
    unknownAction: "Diese Aktion kennt die Galerie nicht.",
    tickFirst: "Kreuze zuerst ein Bild oder mehrere an.",
    notAPicture: "Das ist kein Bild.",
    zipAtMost: (max) => `Ein Zip fasst höchstens ${max} Bilder; kreuze weniger an.`,
    noPictureToDownload: (jobId) => `Auftrag ${jobId} hat kein Bild zum Herunterladen.`,
    notFinishedToEdit: "Der Auftrag ist noch nicht fertig: Seine Bilder lassen sich bearbeiten, sobald er es ist.",
    notFinishedToShare: (jobId) => `Auftrag ${jobId} ist noch nicht fertig; teile ihn, sobald er es ist.`,
    onlyOwner: (action, jobId, owner) =>
      `Nur wem ein Auftrag gehört, kann ihn ${action === "share" ? "teilen" : "löschen"}: ${jobId} gehört ${owner}; nimm das Häkchen weg.`,
    brokeOff: (received, size) => `Die Datei brach nach ${received} von ${size} Bytes ab; sende sie noch einmal.`,
  },
  fr: {
    signInFirst: "Connectez-vous d'abord.",
    unknownAction: "La galerie ne connaît pas cette action.",
    tickFirst: "Cochez d'abord une image ou plusieurs.",
    notAPicture: "Ce n'est pas une image.",
    zipAtMost: (max) => `Un zip contient au plus ${max} images ; cochez-en moins.`,
    noPictureToDownload: (jobId) => `La tâche ${jobId} n'a pas d'image à télécharger.`,
    notFinishedToEdit: "La tâche n'est pas terminée : ses images pourront être modifiées une fois qu'elle le sera.",
    notFinishedToShare: (jobId) => `La tâche ${jobId} n'est pas terminée ; partagez-la une fois qu'elle le sera.`,
    onlyOwner: (action, jobId, owner) =>
      `Seul son propriétaire peut ${action === "share" ? "partager" : "supprimer"} une tâche : ${jobId} appartient à ${owner} ; décochez-la.`,
    brokeOff: (received, size) => `Le fichier s'est interrompu après ${received} octets sur ${size} ; renvoyez-le.`,
  },
};
