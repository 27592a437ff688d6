import { galleryText } from "./gallery-text.js";
import { type StatusDetailWords, jobText } from "./job-text.js";
import type { JobStatus } from "../../../shared/db/mongo/job-schema.js";
import { type Localized, inEveryLocale } from "../../../shared/chat/locale/languages.js";
import { listingText } from "../../../shared/chat/locale/listings.js";
import { type PictureToolsText, pictureToolsText } from "../../../shared/chat/locale/picture-tools.js";

/**
 * The words the page script writes, sent with every page (the body's `data-client-text`) in the
 * page's language. Plain strings only, as they travel as JSON: `{name}` marks where the script
 * puts a value. An API refusal goes into `{message}` as the API wrote it, in English.
 */
export interface ClientText {
  statuses: Record<JobStatus, string>;
  statusDetail: StatusDetailWords;
  progress: string;
  results: string;
  liveStopped: string;
  /** A refusal of the API beside no field, as it wrote it. */
  apiRefused: string;
  loadMoreFailed: string;
  /** Create bar and uploads. */
  roleOf: string;
  removeReference: string;
  uploading: string;
  remixFailed: string;
  useAsReference: string;
  uploadedOf: string;
  uploadedQueued: string;
  uploadRefused: string;
  uploadBrokeOff: string;
  uploadStopped: string;
  chooseAudio: string;
  chooseLoraFiles: string;
  dropAFile: string;
  /** Lightbox. */
  fit: string;
  fullSize: string;
  shownAt: string;
  promptCopied: string;
  copyRefused: string;
  facts: { prompt: string; author: string; seed: string; size: string; model: string; lora: string; cost: string; created: string };
  /** Organize and the queue. */
  couldNotChange: string;
  tickPictures: string;
  oneSelected: string;
  manySelected: string;
  couldNotCancel: string;
  /** The editors. */
  tooManyLassos: string;
  tooManyMarks: string;
  markFirst: string;
  /** The pan editor's caption and button: the chat's "Pan ⬅ left". */
  pans: PictureToolsText["pan"];
  zoomCaption: string;
  frameCaption: string;
}

const statuses = inEveryLocale((l) => listingText[l].statuses);

export const clientText: Localized<ClientText> = {
  en: {
    statuses: statuses.en,
    statusDetail: jobText.en.statusDetail,
    progress: "Progress",
    results: "Results",
    liveStopped: "Live updates stopped: {message}",
    apiRefused: "{message}",
    loadMoreFailed: "Could not load more ({message}); click to try again",
    roleOf: "Role of {name}",
    removeReference: "Remove {name}",
    uploading: "Uploading {name}",
    remixFailed: "Could not remix that job: {message}",
    useAsReference: "Use as reference",
    uploadedOf: "{sent} of {total} uploaded",
    uploadedQueued: "Uploaded; the job is queued and shown at the top of the grid.",
    uploadRefused: "the upload was refused (HTTP {status})",
    uploadBrokeOff: "the upload broke off; try again",
    uploadStopped: "the upload was stopped",
    chooseAudio: "choose one audio or video file",
    chooseLoraFiles: "choose pictures, one zip of them, or one video",
    dropAFile: "drop a file here or choose one",
    fit: "Fit",
    fullSize: "Full size",
    shownAt: "Shown at {percent}",
    promptCopied: "Prompt copied.",
    copyRefused: "The browser did not allow copying: select the prompt below and copy it.",
    facts: {
      prompt: "Prompt",
      author: "Author",
      seed: "Seed",
      size: "Size",
      model: "Model",
      lora: "LoRA",
      cost: "Cost",
      created: "Created",
    },
    couldNotChange: "Could not change it: {message}",
    tickPictures: galleryText.en.selection.tick,
    oneSelected: "1 selected",
    manySelected: "{n} selected",
    couldNotCancel: "Could not cancel: {message}",
    tooManyLassos: "At most {n} lasso shapes: undo some.",
    tooManyMarks: "Too many separate marks to send: undo some.",
    markFirst: "Mark the part to repaint first, with the brush or the lasso.",
    pans: pictureToolsText.en.pan,
    zoomCaption: "Zoom out {factor}×",
    frameCaption: "{how}: a {width}×{height} frame; the checkerboard is the part to paint.",
  },
  de: {
    statuses: statuses.de,
    statusDetail: jobText.de.statusDetail,
    progress: "Fortschritt",
    results: "Ergebnisse",
    liveStopped: "Live-Aktualisierung beendet: {message}",
    apiRefused: "Die API lehnt ab: „{message}“",
    loadMoreFailed: "Weitere konnten nicht geladen werden ({message}); zum erneuten Versuch klicken",
    roleOf: "Rolle von {name}",
    removeReference: "{name} entfernen",
    uploading: "{name} wird hochgeladen",
    remixFailed: "Dieser Auftrag ließ sich nicht remixen: {message}",
    useAsReference: "Als Referenz verwenden",
    uploadedOf: "{sent} von {total} hochgeladen",
    uploadedQueued: "Hochgeladen; der Auftrag ist in der Warteschlange und steht oben im Raster.",
    uploadRefused: "der Upload wurde abgelehnt (HTTP {status})",
    uploadBrokeOff: "der Upload brach ab; versuche es noch einmal",
    uploadStopped: "der Upload wurde angehalten",
    chooseAudio: "wähle eine Audio- oder Videodatei",
    chooseLoraFiles: "wähle Bilder, ein Zip davon oder ein Video",
    dropAFile: "zieh eine Datei hierher oder wähle eine aus",
    fit: "Einpassen",
    fullSize: "Volle Größe",
    shownAt: "Angezeigt mit {percent}",
    promptCopied: "Prompt kopiert.",
    copyRefused: "Der Browser hat das Kopieren nicht erlaubt: markiere den Prompt unten und kopiere ihn.",
    facts: {
      prompt: "Prompt",
      author: "Autor",
      seed: "Seed",
      size: "Größe",
      model: "Modell",
      lora: "LoRA",
      cost: "Kosten",
      created: "Erstellt",
    },
    couldNotChange: "Konnte nicht geändert werden: {message}",
    tickPictures: galleryText.de.selection.tick,
    oneSelected: "1 ausgewählt",
    manySelected: "{n} ausgewählt",
    couldNotCancel: "Abbrechen ging nicht: {message}",
    tooManyLassos: "Höchstens {n} Lasso-Formen: mach einige rückgängig.",
    tooManyMarks: "Zu viele einzelne Markierungen zum Senden: mach einige rückgängig.",
    markFirst: "Markiere zuerst den neu zu malenden Teil, mit dem Pinsel oder dem Lasso.",
    pans: pictureToolsText.de.pan,
    zoomCaption: "Herauszoomen {factor}×",
    frameCaption: "{how}: ein Rahmen von {width}×{height}; das Schachbrett ist der zu malende Teil.",
  },
  fr: {
    statuses: statuses.fr,
    statusDetail: jobText.fr.statusDetail,
    progress: "Progression",
    results: "Résultats",
    liveStopped: "Mises à jour en direct arrêtées : {message}",
    apiRefused: "L'API refuse : « {message} »",
    loadMoreFailed: "Impossible de charger la suite ({message}) ; cliquez pour réessayer",
    roleOf: "Rôle de {name}",
    removeReference: "Retirer {name}",
    uploading: "Envoi de {name}",
    remixFailed: "Impossible de remixer cette tâche : {message}",
    useAsReference: "Utiliser comme référence",
    uploadedOf: "{sent} sur {total} envoyés",
    uploadedQueued: "Envoyé ; la tâche est en file d'attente et s'affiche en haut de la grille.",
    uploadRefused: "l'envoi a été refusé (HTTP {status})",
    uploadBrokeOff: "l'envoi s'est interrompu ; réessayez",
    uploadStopped: "l'envoi a été arrêté",
    chooseAudio: "choisissez un fichier audio ou vidéo",
    chooseLoraFiles: "choisissez des images, un zip de celles-ci ou une vidéo",
    dropAFile: "déposez un fichier ici ou choisissez-en un",
    fit: "Ajuster",
    fullSize: "Taille réelle",
    shownAt: "Affiché à {percent}",
    promptCopied: "Prompt copié.",
    copyRefused: "Le navigateur n'a pas permis la copie : sélectionnez le prompt ci-dessous et copiez-le.",
    facts: {
      prompt: "Prompt",
      author: "Auteur",
      seed: "Graine",
      size: "Taille",
      model: "Modèle",
      lora: "LoRA",
      cost: "Coût",
      created: "Créé",
    },
    couldNotChange: "Modification impossible : {message}",
    tickPictures: galleryText.fr.selection.tick,
    oneSelected: "1 sélectionnée",
    manySelected: "{n} sélectionnées",
    couldNotCancel: "Annulation impossible : {message}",
    tooManyLassos: "Au plus {n} formes au lasso : annulez-en quelques-unes.",
    tooManyMarks: "Trop de marques séparées à envoyer : annulez-en quelques-unes.",
    markFirst: "Marquez d'abord la partie à repeindre, au pinceau ou au lasso.",
    pans: pictureToolsText.fr.pan,
    zoomCaption: "Dézoom {factor}×",
    frameCaption: "{how} : un cadre de {width}×{height} ; le damier est la partie à peindre.",
  },
};
