import type { VideoModel, VideoMotion } from "../../jobs/video-endpoints.js";
import { chatVideoAspectRatios, chatVideoDurations, chatVideoModels } from "../video-choices.js";
import { type Localized, inEveryLocale } from "./languages.js";
import { privateResult } from "./private-option.js";

/** Discord's `/video`: its description, each option's, and examples for /help (discordCommandText checks its shape). */
export const videoCommandText = {
  description: {
    en: "Make a short video clip from a prompt, or animate an attached picture",
    de: "Einen kurzen Videoclip aus einem Prompt erzeugen oder ein angehängtes Bild animieren",
    fr: "Créer un court clip vidéo à partir d'un prompt, ou animer une image jointe",
  },
  examples: {
    en: [
      "/video prompt:a paper boat on a stream duration:10 seconds aspect:9:16",
      "/video prompt:the waves roll in image:(a picture) motion:high",
    ],
    de: [
      "/video prompt:ein Papierboot auf einem Bach duration:10 Sekunden aspect:9:16",
      "/video prompt:die Wellen rollen heran image:(ein Bild) motion:viel",
    ],
    fr: [
      "/video prompt:un bateau en papier sur un ruisseau duration:10 secondes aspect:9:16",
      "/video prompt:les vagues arrivent image:(une image) motion:forte",
    ],
  },
  options: {
    prompt: {
      en: "What the clip shows; with a picture, what happens in it",
      de: "Was der Clip zeigt; mit einem Bild, was darin geschieht",
      fr: "Ce que montre le clip ; avec une image, ce qui s'y passe",
    },
    image: {
      en: "A PNG, JPEG or WebP picture to animate",
      de: "Ein PNG-, JPEG- oder WebP-Bild zum Animieren",
      fr: "Une image PNG, JPEG ou WebP à animer",
    },
    duration: {
      en: "Length; each model makes its own (Kling 5 or 10 s, Hailuo 6 or 10 s)",
      de: "Länge; jedes Modell hat eigene (Kling 5 oder 10 s, Hailuo 6 oder 10 s)",
      fr: "Durée ; chaque modèle a les siennes (Kling 5 ou 10 s, Hailuo 6 ou 10 s)",
    },
    aspect: {
      en: "Shape of a clip from a prompt (Kling); a picture keeps its own",
      de: "Seitenverhältnis eines Clips aus einem Prompt (Kling); ein Bild behält seines",
      fr: "Format d'un clip depuis un prompt (Kling) ; une image garde le sien",
    },
    model: {
      en: "Video model; left out, Kling 2.5 Turbo from a prompt, Kling 2.1 for a picture",
      de: "Videomodell; ohne Angabe Kling 2.5 Turbo aus einem Prompt, Kling 2.1 für ein Bild",
      fr: "Modèle vidéo ; sinon Kling 2.5 Turbo depuis un prompt, Kling 2.1 pour une image",
    },
    motion: {
      en: "With a picture: how much moves (low by default)",
      de: "Mit einem Bild: wie viel sich bewegt (standardmäßig wenig)",
      fr: "Avec une image : combien ça bouge (faible par défaut)",
    },
    private: privateResult,
  },
} as const;

/** The video models as `/video` names them, in every language. */
export const videoModelText: Partial<Record<VideoModel, Localized>> = {
  "kling-2.1": {
    en: "Kling 2.1: pictures only, the default to animate",
    de: "Kling 2.1: nur Bilder, Standard zum Animieren",
    fr: "Kling 2.1 : images seulement, par défaut pour animer",
  },
  "kling-2.5-turbo": {
    en: "Kling 2.5 Turbo Pro: the default from a prompt",
    de: "Kling 2.5 Turbo Pro: Standard aus einem Prompt",
    fr: "Kling 2.5 Turbo Pro : par défaut depuis un prompt",
  },
  "hailuo-02": {
    en: "MiniMax Hailuo 02: 6 or 10 s, no aspect ratio",
    de: "MiniMax Hailuo 02: 6 oder 10 s, kein Seitenverhältnis",
    fr: "MiniMax Hailuo 02 : 6 ou 10 s, sans format",
  },
};

/** A clip's length as a choice: "5 seconds". */
export const videoDurationText = (seconds: number): Localized =>
  inEveryLocale((l) => `${seconds} ${{ en: "seconds", de: "Sekunden", fr: "secondes" }[l]}`);

export const videoMotionText: Record<VideoMotion, Localized> = {
  low: { en: "low", de: "wenig", fr: "faible" },
  high: { en: "high", de: "viel", fr: "forte" },
};

/** A value that reads the same in every language: an aspect ratio, a model's id. */
export const videoValueText = (ratio: string): Localized => ({ en: ratio, de: ratio, fr: ratio });

const models = chatVideoModels.join("|");
const durations = chatVideoDurations.join("|");
const aspects = chatVideoAspectRatios.join("|");

/** Slack's `/video`: a slash command takes no file, so a picture to animate is a Slack file's link after `--image`. */
export const slackVideoText: Localized<{ description: string; usage: string; examples: readonly string[] }> = {
  en: {
    description: "Make a short video clip from a prompt, or animate a picture shared in Slack",
    usage: `/video <prompt> [--duration ${durations}] [--aspect ${aspects}] [--model ${models}] [--image <Slack file link>] [--motion low|high] [--private]`,
    examples: [
      "/video a paper boat on a stream --duration 10 --aspect 9:16",
      "/video the waves roll in --image <link to a picture shared in this channel> --motion high",
    ],
  },
  de: {
    description: "Einen kurzen Videoclip aus einem Prompt erzeugen oder ein in Slack geteiltes Bild animieren",
    usage: `/video <Prompt> [--duration ${durations}] [--aspect ${aspects}] [--model ${models}] [--image <Slack-Dateilink>] [--motion low|high] [--private]`,
    examples: [
      "/video ein Papierboot auf einem Bach --duration 10 --aspect 9:16",
      "/video die Wellen rollen heran --image <Link zu einem in diesem Kanal geteilten Bild> --motion high",
    ],
  },
  fr: {
    description: "Créer un court clip vidéo à partir d'un prompt, ou animer une image partagée dans Slack",
    usage: `/video <prompt> [--duration ${durations}] [--aspect ${aspects}] [--model ${models}] [--image <lien de fichier Slack>] [--motion low|high] [--private]`,
    examples: [
      "/video un bateau en papier sur un ruisseau --duration 10 --aspect 9:16",
      "/video les vagues arrivent --image <lien vers une image partagée dans ce canal> --motion high",
    ],
  },
};
