import type { Localized } from "../../../shared/chat/locale/languages.js";

/** A clip on the gallery: its player and facts on the job page, and the Animate action beside a picture's others. */
export interface VideoText {
  player: string;
  duration: string;
  seconds: (s: number) => string;
  download: (size: string) => string;
  downloadPoster: string;
  animate: string;
  /** The Animate form's choice of model. */
  model: string;
  animateLow: string;
  animateHigh: string;
  /** A tile's name for a clip, so a screen reader says what it opens. */
  clip: (prompt: string) => string;
  /** What a video job did, as the lineage tree names it under its poster. */
  operations: { animate: string; extend: string; "text-to-video": string };
  /** The lineage's parent of an extend: the clip it continues. */
  parentClip: string;
}

const seconds = (locale: string, unit: string) => (s: number) =>
  `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(s)} ${unit}`;

export const videoText: Localized<VideoText> = {
  en: {
    player: "Clip",
    duration: "Duration",
    seconds: seconds("en", "s"),
    download: (size) => `Download the clip (MP4, ${size})`,
    downloadPoster: "Download the poster",
    animate: "Animate",
    model: "Video model",
    animateLow: "Animate (low motion)",
    animateHigh: "Animate (high motion)",
    clip: (prompt) => `Clip: ${prompt}`,
    operations: { animate: "Animation", extend: "Extension", "text-to-video": "Clip from a prompt" },
    parentClip: "Parent · clip",
  },
  de: {
    player: "Clip",
    duration: "Dauer",
    seconds: seconds("de", "s"),
    download: (size) => `Clip herunterladen (MP4, ${size})`,
    downloadPoster: "Standbild herunterladen",
    animate: "Animieren",
    model: "Videomodell",
    animateLow: "Animieren (wenig Bewegung)",
    animateHigh: "Animieren (viel Bewegung)",
    clip: (prompt) => `Clip: ${prompt}`,
    operations: { animate: "Animation", extend: "Verlängerung", "text-to-video": "Clip aus einem Prompt" },
    parentClip: "Vorlage · Clip",
  },
  fr: {
    player: "Clip",
    duration: "Durée",
    seconds: seconds("fr", "s"),
    download: (size) => `Télécharger le clip (MP4, ${size})`,
    downloadPoster: "Télécharger l’affiche",
    animate: "Animer",
    model: "Modèle vidéo",
    animateLow: "Animer (peu de mouvement)",
    animateHigh: "Animer (beaucoup de mouvement)",
    clip: (prompt) => `Clip : ${prompt}`,
    operations: { animate: "Animation", extend: "Prolongation", "text-to-video": "Clip d’après un prompt" },
    parentClip: "Parent · clip",
  },
};
