import type { VideoMotion } from "../../jobs/video-endpoints.js";
import type { Localized } from "./languages.js";

/**
 * The words of a picture's Animate controls and of a video result: its title, fields and buttons.
 * Discord takes 80 characters in a button's label and 100 in a menu option's; Slack 75 in a
 * button's text and an option's (test/unit/chat-video-results.test.ts holds every text to 75).
 */
export interface VideoButtonsText {
  /** On a one-picture result, as Midjourney names them. */
  buttons: { animate: Record<VideoMotion, string> };
  /** In a result's "More for picture n…" menu, after the picture's number. */
  menu: { animate: Record<VideoMotion, string> };
  /** A video result's title by what made it: a picture animated, a clip extended, a clip from a prompt. */
  titles: { animate: string; extend: string; textToVideo: string };
  clipReady: (seconds: string) => string;
  fields: { duration: string; model: string; motion: string; size: string; cost: string };
  motions: Record<VideoMotion, string>;
  result: {
    extend: string;
    /** The same input again: the video models take no seed, so it is a new run. */
    animateAgain: string;
    /** A text-to-video's or an extend's same input again. */
    again: string;
    download: string;
  };
}

export const videoButtonsText: Localized<VideoButtonsText> = {
  en: {
    buttons: { animate: { low: "Animate (Low motion)", high: "Animate (High motion)" } },
    menu: { animate: { low: "Animate, low motion", high: "Animate, high motion" } },
    titles: { animate: "Animate", extend: "Extend", textToVideo: "Video" },
    clipReady: (s) => `Your clip is ready (${s}).`,
    fields: { duration: "Duration", model: "Model", motion: "Motion", size: "Size", cost: "Cost" },
    motions: { low: "Low", high: "High" },
    result: { extend: "Extend", animateAgain: "Animate again", again: "Make again", download: "Download" },
  },
  de: {
    buttons: { animate: { low: "Animieren (wenig Bewegung)", high: "Animieren (viel Bewegung)" } },
    menu: { animate: { low: "Animieren, wenig Bewegung", high: "Animieren, viel Bewegung" } },
    titles: { animate: "Animation", extend: "Verlängerung", textToVideo: "Video" },
    clipReady: (s) => `Dein Clip ist fertig (${s}).`,
    fields: { duration: "Länge", model: "Modell", motion: "Bewegung", size: "Größe", cost: "Kosten" },
    motions: { low: "Wenig", high: "Viel" },
    result: { extend: "Verlängern", animateAgain: "Erneut animieren", again: "Erneut erstellen", download: "Herunterladen" },
  },
  fr: {
    buttons: { animate: { low: "Animer (mouvement léger)", high: "Animer (mouvement fort)" } },
    menu: { animate: { low: "Animer, mouvement léger", high: "Animer, mouvement fort" } },
    titles: { animate: "Animation", extend: "Prolongation", textToVideo: "Vidéo" },
    clipReady: (s) => `Votre clip est prêt (${s}).`,
    fields: { duration: "Durée", model: "Modèle", motion: "Mouvement", size: "Taille", cost: "Coût" },
    motions: { low: "Léger", high: "Fort" },
    result: { extend: "Prolonger", animateAgain: "Animer à nouveau", again: "Refaire", download: "Télécharger" },
  },
};
