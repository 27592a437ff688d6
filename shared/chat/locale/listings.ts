import type { JobStatus, JobType } from "../../db/mongo/job-schema.js";
import { type Localized, plural, pluralFr } from "./languages.js";

export type AssetKind = "images" | "videos" | "transcripts" | "loras";

/** `/jobs`, `/assets`, `/usage` and the Slack App Home, in one language. */
export interface ListingText {
  statuses: Record<JobStatus, string>;
  /** A job's kind in a list line: "image", "transcript", "LoRA". */
  kinds: Record<JobType, string>;
  ago: { seconds: (n: number) => string; minutes: (n: number) => string; hours: (n: number) => string; days: (n: number) => string };
  jobs: {
    title: string;
    noneTitle: string;
    none: string;
    notPosted: (reason: string) => string;
    postingAgain: (reason: string) => string;
    cancel: (kind: string, shortId: string) => string;
  };
  assets: {
    kinds: Record<AssetKind, string>;
    matching: (q: string) => string;
    shared: (kind: string) => string;
    nothingMatches: string;
    none: (kind: string) => string;
    nextPage: string;
    moreMatch: string;
  };
  usage: {
    title: (month: string) => string;
    you: string;
    workspace: (members: number) => string;
    line: (who: string, t: { jobs: number; costUsd: number; images: number; videos: number; transcripts: number; loras: number }) => string;
    footer: string;
  };
  home: { header: string; generate: string; loras: string; noLoras: string; pictures: string };
  /** The last line of a list a platform could show only part of: how many items were left out. */
  more: (n: number) => string;
}

const usd = (n: number) => n.toFixed(2);

export const listingText: Localized<ListingText> = {
  en: {
    statuses: { queued: "queued", running: "running", completed: "completed", failed: "failed", canceled: "canceled" },
    kinds: { "image-generation": "image", transcription: "transcript", "lora-training": "LoRA", "video-generation": "video" },
    ago: { seconds: (n) => `${n} s ago`, minutes: (n) => `${n} min ago`, hours: (n) => `${n} h ago`, days: (n) => `${n} d ago` },
    jobs: {
      title: "Your recent jobs",
      noneTitle: "Your jobs",
      none: "You have no jobs yet. Try /generate.",
      notPosted: (r) => `not posted: ${r}`,
      postingAgain: (r) => `posting again: ${r}`,
      cancel: (kind, id) => `Cancel ${kind} ${id}`,
    },
    assets: {
      kinds: { images: "images", videos: "videos", transcripts: "transcripts", loras: "loras" },
      matching: (q) => `Assets matching "${q}"`,
      shared: (kind) => `Workspace ${kind}`,
      nothingMatches: "Nothing matches.",
      none: (kind) => `No ${kind} yet.`,
      nextPage: "Next page",
      moreMatch: "More match; narrow the search to see them.",
    },
    usage: {
      title: (m) => `Usage in ${m}`,
      you: "You",
      workspace: (n) => `Workspace (${plural(n, "member", "members")})`,
      line: (who, t) =>
        `${who}: ${plural(t.jobs, "job", "jobs")}, about $${usd(t.costUsd)} (images ${t.images}, videos ${t.videos}, transcripts ${t.transcripts}, LoRAs ${t.loras})`,
      footer: "Estimated provider cost at list prices.",
    },
    home: {
      header: "Content generation",
      generate: "Generate images",
      loras: "The team's LoRAs",
      noLoras: "None yet: train one with /train.",
      pictures: "Your recent pictures",
    },
    more: (n) => `…and ${n} more, not shown here`,
  },
  de: {
    statuses: { queued: "wartet", running: "läuft", completed: "fertig", failed: "fehlgeschlagen", canceled: "abgebrochen" },
    kinds: { "image-generation": "Bild", transcription: "Transkript", "lora-training": "LoRA", "video-generation": "Video" },
    ago: { seconds: (n) => `vor ${n} s`, minutes: (n) => `vor ${n} min`, hours: (n) => `vor ${n} h`, days: (n) => `vor ${n} T.` },
    jobs: {
      title: "Deine letzten Aufträge",
      noneTitle: "Deine Aufträge",
      none: "Du hast noch keine Aufträge. Probier /generate.",
      notPosted: (r) => `nicht gepostet: ${r}`,
      postingAgain: (r) => `wird erneut gepostet: ${r}`,
      cancel: (kind, id) => `${kind} ${id} abbrechen`,
    },
    assets: {
      kinds: { images: "Bilder", videos: "Videos", transcripts: "Transkripte", loras: "LoRAs" },
      matching: (q) => `Dateien zu „${q}“`,
      shared: (kind) => `${kind} im Workspace`,
      nothingMatches: "Nichts gefunden.",
      none: (kind) => `Noch keine ${kind}.`,
      nextPage: "Nächste Seite",
      moreMatch: "Es gibt mehr Treffer; grenze die Suche ein, um sie zu sehen.",
    },
    usage: {
      title: (m) => `Nutzung im ${m}`,
      you: "Du",
      workspace: (n) => `Workspace (${plural(n, "Mitglied", "Mitglieder")})`,
      line: (who, t) =>
        `${who}: ${plural(t.jobs, "Auftrag", "Aufträge")}, etwa $${usd(t.costUsd)} (Bilder ${t.images}, Videos ${t.videos}, Transkripte ${t.transcripts}, LoRAs ${t.loras})`,
      footer: "Geschätzte Anbieterkosten zu Listenpreisen.",
    },
    home: {
      header: "Content-Generierung",
      generate: "Bilder erzeugen",
      loras: "Die LoRAs des Teams",
      noLoras: "Noch keine: trainiere eines mit /train.",
      pictures: "Deine letzten Bilder",
    },
    more: (n) => `…und ${n} weitere, hier nicht gezeigt`,
  },
  fr: {
    statuses: { queued: "en attente", running: "en cours", completed: "terminée", failed: "en échec", canceled: "annulée" },
    kinds: { "image-generation": "image", transcription: "transcription", "lora-training": "LoRA", "video-generation": "vidéo" },
    ago: {
      seconds: (n) => `il y a ${n} s`,
      minutes: (n) => `il y a ${n} min`,
      hours: (n) => `il y a ${n} h`,
      days: (n) => `il y a ${n} j`,
    },
    jobs: {
      title: "Vos tâches récentes",
      noneTitle: "Vos tâches",
      none: "Vous n'avez encore aucune tâche. Essayez /generate.",
      notPosted: (r) => `non publiée : ${r}`,
      postingAgain: (r) => `nouvelle tentative de publication : ${r}`,
      cancel: (kind, id) => `Annuler ${kind} ${id}`,
    },
    assets: {
      kinds: { images: "images", videos: "vidéos", transcripts: "transcriptions", loras: "LoRA" },
      matching: (q) => `Fichiers correspondant à « ${q} »`,
      shared: (kind) => `${kind[0]?.toUpperCase() ?? ""}${kind.slice(1)} de l'espace de travail`,
      nothingMatches: "Aucun résultat.",
      none: (kind) => `Pas encore de ${kind}.`,
      nextPage: "Page suivante",
      moreMatch: "D'autres fichiers correspondent ; affinez la recherche pour les voir.",
    },
    usage: {
      title: (m) => `Utilisation en ${m}`,
      you: "Vous",
      workspace: (n) => `Espace de travail (${pluralFr(n, "membre", "membres")})`,
      line: (who, t) =>
        `${who} : ${pluralFr(t.jobs, "tâche", "tâches")}, environ ${usd(t.costUsd)} $ (images ${t.images}, vidéos ${t.videos}, transcriptions ${t.transcripts}, LoRA ${t.loras})`,
      footer: "Coût fournisseur estimé aux prix catalogue.",
    },
    home: {
      header: "Génération de contenu",
      generate: "Générer des images",
      loras: "Les LoRA de l'équipe",
      noLoras: "Aucun pour l'instant : entraînez-en un avec /train.",
      pictures: "Vos images récentes",
    },
    more: (n) => `…et ${n} de plus, non affichés ici`,
  },
};
