import { imageModels, imageSizes, kontextAspectRatios, limits } from "../../jobs/input.js";
import type { Localized } from "./languages.js";
import { slackAskText } from "./meeting.js";
import { slackVideoText } from "./video-command.js";

/** Slack's slash commands: the English is what the manifest declares (slack-manifest.test.ts); Slack shows no other, /help does. */
export const slackCommandText: Record<string, Localized<{ description: string; usage: string; examples: readonly string[] }>> = {
  generate: {
    en: {
      description: "Generate images from a prompt",
      usage: `/generate <prompt> [--size ${imageSizes.join("|")}|WIDTHxHEIGHT|W:H] [--count ${limits.imageCount.min}-${limits.imageCount.max}] [--model ${imageModels.join("|")}] [--seed n] [--lora name] [--private] [--style <file link>] [--subject <file link>] [--composition <file link>] [--weight ${limits.referenceWeight.min}-${limits.referenceWeight.max}]`,
      examples: [
        "/generate a lighthouse in fog --size landscape_16_9 --count 2",
        "/generate annstyle portrait --lora annstyle",
        "/generate a fox in the snow --style <link to a picture shared in Slack> --weight 0.6",
      ],
    },
    de: {
      description: "Bilder aus einem Prompt erzeugen",
      usage: `/generate <Prompt> [--size ${imageSizes.join("|")}|BREITExHÖHE|B:H] [--count ${limits.imageCount.min}-${limits.imageCount.max}] [--model ${imageModels.join("|")}] [--seed n] [--lora Name] [--private] [--style <Slack-Dateilink>] [--subject <Slack-Dateilink>] [--composition <Slack-Dateilink>] [--weight ${limits.referenceWeight.min}-${limits.referenceWeight.max}]`,
      examples: [
        "/generate ein Leuchtturm im Nebel --size landscape_16_9 --count 2",
        "/generate annstyle Porträt --lora annstyle",
        "/generate ein Fuchs im Schnee --style <Link zu einem in Slack geteilten Bild> --weight 0.6",
      ],
    },
    fr: {
      description: "Générer des images à partir d'un prompt",
      usage: `/generate <prompt> [--size ${imageSizes.join("|")}|LARGEURxHAUTEUR|L:H] [--count ${limits.imageCount.min}-${limits.imageCount.max}] [--model ${imageModels.join("|")}] [--seed n] [--lora nom] [--private] [--style <lien de fichier Slack>] [--subject <lien de fichier Slack>] [--composition <lien de fichier Slack>] [--weight ${limits.referenceWeight.min}-${limits.referenceWeight.max}]`,
      examples: [
        "/generate un phare dans le brouillard --size landscape_16_9 --count 2",
        "/generate annstyle portrait --lora annstyle",
        "/generate un renard dans la neige --style <lien vers une image partagée dans Slack> --weight 0.6",
      ],
    },
  },
  describe: {
    en: {
      description: "Four prompts that would make a picture (a Slack file link, or a link to a picture)",
      usage: "/describe <link to a Slack file or to a picture> [--private]",
      examples: ["/describe <link to a picture shared in this channel>"],
    },
    de: {
      description: "Vier Prompts, die ein Bild erzeugen würden (der Link einer Slack-Datei oder eines Bildes)",
      usage: "/describe <Link zu einer Slack-Datei oder einem Bild> [--private]",
      examples: ["/describe <Link zu einem in diesem Kanal geteilten Bild>"],
    },
    fr: {
      description: "Quatre prompts qui produiraient une image (le lien d'un fichier Slack ou d'une image)",
      usage: "/describe <lien vers un fichier Slack ou une image> [--private]",
      examples: ["/describe <lien vers une image partagée dans ce canal>"],
    },
  },
  blend: {
    en: {
      description: `Blend ${limits.blendImages.min} to ${limits.blendImages.endpointMax} pictures into one (Slack file links, or links to pictures)`,
      usage: `/blend <picture link> <picture link> [more, up to ${limits.blendImages.endpointMax}] [--prompt "how to blend them"] [--aspect ${kontextAspectRatios.join("|")}] [--private]`,
      examples: ['/blend <link to fox.png> <link to lighthouse.png> --prompt "the fox in the lighthouse" --aspect 16:9'],
    },
    de: {
      description: `${limits.blendImages.min} bis ${limits.blendImages.endpointMax} Bilder zu einem verschmelzen (Links zu Slack-Dateien oder Bildern)`,
      usage: `/blend <Bildlink> <Bildlink> [weitere, bis ${limits.blendImages.endpointMax}] [--prompt "wie sie verschmelzen"] [--aspect ${kontextAspectRatios.join("|")}] [--private]`,
      examples: ['/blend <Link zu fuchs.png> <Link zu leuchtturm.png> --prompt "der Fuchs im Leuchtturm" --aspect 16:9'],
    },
    fr: {
      description: `Fusionner ${limits.blendImages.min} à ${limits.blendImages.endpointMax} images en une (liens de fichiers Slack ou d'images)`,
      usage: `/blend <lien d'image> <lien d'image> [d'autres, jusqu'à ${limits.blendImages.endpointMax}] [--prompt "comment les fusionner"] [--aspect ${kontextAspectRatios.join("|")}] [--private]`,
      examples: ['/blend <lien vers renard.png> <lien vers phare.png> --prompt "le renard dans le phare" --aspect 16:9'],
    },
  },
  video: slackVideoText,
  transcribe: {
    en: {
      description: "Transcribe a recording (a link, or a Slack file link)",
      usage:
        "/transcribe <link to audio/video or to a Slack file> [--speakers] [--language en] [--speaker-count 2] [--speaker-names “Ann, Bo”] [--vocabulary “Acme, Kubernetes”] [--redact-pii] [--translate-to de] [--no-notes] [--private]",
      examples: [
        "/transcribe https://example.com/talk.mp3 --speakers",
        "/transcribe https://example.com/standup.mp3 --speaker-names “Ann, Bo” --redact-pii",
      ],
    },
    de: {
      description: "Eine Aufnahme transkribieren (ein Link oder der Link einer Slack-Datei)",
      usage:
        "/transcribe <Link zu Audio/Video oder zu einer Slack-Datei> [--speakers] [--language de] [--speaker-count 2] [--speaker-names “Ann, Bo”] [--vocabulary “Acme, Kubernetes”] [--redact-pii] [--translate-to fr] [--no-notes] [--private]",
      examples: [
        "/transcribe https://example.com/vortrag.mp3 --speakers",
        "/transcribe https://example.com/standup.mp3 --speaker-names “Ann, Bo” --translate-to en",
      ],
    },
    fr: {
      description: "Transcrire un enregistrement (un lien, ou le lien d'un fichier Slack)",
      usage:
        "/transcribe <lien vers un audio/vidéo ou un fichier Slack> [--speakers] [--language fr] [--speaker-count 2] [--speaker-names “Ann, Bo”] [--vocabulary “Acme, Kubernetes”] [--redact-pii] [--translate-to de] [--no-notes] [--private]",
      examples: [
        "/transcribe https://example.com/expose.mp3 --speakers",
        "/transcribe https://example.com/reunion.mp3 --vocabulary “Acme, Kubernetes” --no-notes",
      ],
    },
  },
  ask: slackAskText,
  train: {
    en: {
      description: "Train a LoRA on a .zip of images or a video shared in Slack",
      usage: "/train <trigger word> <link to a Slack file: .zip of images or a video> [--private]",
      examples: ["/train annstyle <link to photos.zip shared in this channel>"],
    },
    de: {
      description: "Ein LoRA auf einer .zip mit Bildern oder einem in Slack geteilten Video trainieren",
      usage: "/train <Triggerwort> <Link zu einer Slack-Datei: .zip mit Bildern oder ein Video> [--private]",
      examples: ["/train annstyle <Link zu fotos.zip, in diesem Kanal geteilt>"],
    },
    fr: {
      description: "Entraîner un LoRA sur un .zip d'images ou une vidéo partagés dans Slack",
      usage: "/train <mot déclencheur> <lien vers un fichier Slack : .zip d'images ou vidéo> [--private]",
      examples: ["/train annstyle <lien vers photos.zip partagé dans ce canal>"],
    },
  },
  jobs: {
    en: { description: "Your recent and running jobs", usage: "/jobs", examples: ["/jobs"] },
    de: { description: "Deine letzten und laufenden Aufträge", usage: "/jobs", examples: ["/jobs"] },
    fr: { description: "Vos tâches récentes et en cours", usage: "/jobs", examples: ["/jobs"] },
  },
  assets: {
    en: {
      description: "The files shared in this workspace",
      usage: "/assets [images|videos|transcripts|loras] [search words]",
      examples: ["/assets images lighthouse"],
    },
    de: {
      description: "Die in diesem Workspace geteilten Dateien",
      usage: "/assets [images|videos|transcripts|loras] [Suchwörter]",
      examples: ["/assets images Leuchtturm"],
    },
    fr: {
      description: "Les fichiers partagés dans cet espace de travail",
      usage: "/assets [images|videos|transcripts|loras] [mots à chercher]",
      examples: ["/assets images phare"],
    },
  },
  search: {
    en: {
      description: "Search your team's meetings for words or a phrase",
      usage: '/search <words> ["a phrase"]',
      examples: ['/search pricing "next quarter"'],
    },
    de: {
      description: "Die Besprechungen deines Teams nach Wörtern oder einer Wortfolge durchsuchen",
      usage: '/search <Wörter> ["eine Wortfolge"]',
      examples: ['/search Preise "nächstes Quartal"'],
    },
    fr: {
      description: "Chercher des mots ou une expression dans les réunions de votre équipe",
      usage: '/search <mots> ["une expression"]',
      examples: ['/search tarifs "trimestre prochain"'],
    },
  },
  usage: {
    en: { description: "This month's jobs and estimated cost", usage: "/usage", examples: ["/usage"] },
    de: { description: "Aufträge und geschätzte Kosten dieses Monats", usage: "/usage", examples: ["/usage"] },
    fr: { description: "Les tâches et le coût estimé de ce mois", usage: "/usage", examples: ["/usage"] },
  },
  settings: {
    en: {
      description: "This workspace's and channel's defaults for jobs",
      usage: `/settings show | set [--scope channel|team] [--size preset|clear] [--model ${imageModels.join("|")}|clear] [--lora name|clear] [--private yes|no|clear] [--max-images n|clear] [--training everyone|admins|clear] [--budget usd|clear] [--vocabulary “X, Y”|clear] [--redact-pii yes|no|clear] [--notes yes|no|clear]`,
      examples: ["/settings show", "/settings set --size landscape_16_9 --max-images 2", "/settings set --scope team --training admins"],
    },
    de: {
      description: "Voreinstellungen dieses Workspace und Kanals für Aufträge",
      usage: `/settings show | set [--scope channel|team] [--size Vorgabe|clear] [--model ${imageModels.join("|")}|clear] [--lora Name|clear] [--private yes|no|clear] [--max-images n|clear] [--training everyone|admins|clear] [--budget USD|clear] [--vocabulary “X, Y”|clear] [--redact-pii yes|no|clear] [--notes yes|no|clear]`,
      examples: ["/settings show", "/settings set --size landscape_16_9 --max-images 2", "/settings set --scope team --training admins"],
    },
    fr: {
      description: "Les réglages par défaut de cet espace de travail et de ce canal",
      usage: `/settings show | set [--scope channel|team] [--size préréglage|clear] [--model ${imageModels.join("|")}|clear] [--lora nom|clear] [--private yes|no|clear] [--max-images n|clear] [--training everyone|admins|clear] [--budget usd|clear] [--vocabulary “X, Y”|clear] [--redact-pii yes|no|clear] [--notes yes|no|clear]`,
      examples: ["/settings show", "/settings set --size landscape_16_9 --max-images 2", "/settings set --scope team --training admins"],
    },
  },
  gallery: {
    en: { description: "A private link that signs you in to the team's web gallery", usage: "/gallery", examples: ["/gallery"] },
    de: { description: "Ein privater Link, der dich in der Web-Galerie des Teams anmeldet", usage: "/gallery", examples: ["/gallery"] },
    fr: { description: "Un lien privé qui vous connecte à la galerie web de l'équipe", usage: "/gallery", examples: ["/gallery"] },
  },
  help: {
    en: { description: "What the app does, with examples", usage: "/help", examples: ["/help"] },
    de: { description: "Was die App kann, mit Beispielen", usage: "/help", examples: ["/help"] },
    fr: { description: "Ce que fait l'app, avec des exemples", usage: "/help", examples: ["/help"] },
  },
};
