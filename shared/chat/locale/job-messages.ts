import type { JobType } from "../../db/mongo/job-schema.js";
import { type Localized, plural, pluralFr } from "./languages.js";

/** What a job's message says, in one language: its progress, result and buttons, and what the deliver worker adds. */
export interface JobReplyText {
  types: Record<JobType, string>;
  queued: string;
  nextInLine: string;
  ahead: (n: number) => string;
  atProvider: (position: number) => string;
  running: string;
  canceled: string;
  canceledBecause: (reason: string) => string;
  failed: (reason: string) => string;
  noReason: string;
  imagesReady: (n: number) => string;
  transcriptReady: string;
  /** A describe's result: the prompts follow, one a line. */
  promptsReady: (n: number) => string;
  loraTrained: (trigger: string) => string;
  done: string;
  of: (i: number, n: number) => string;
  fields: {
    seed: string;
    size: string;
    took: string;
    words: string;
    speakers: string;
    duration: string;
    version: string;
    model: string;
    aspectRatio: string;
  };
  buttons: {
    cancel: string;
    tryAgain: string;
    delete: string;
    share: string;
    dm: string;
    rerun: string;
    variations: string;
    remix: string;
    upscale: string;
    vary: string;
    subtle: string;
    edit: string;
  };
  job: string;
  private: string;
  /** Slack's context line names the requester after this word: "for @ann". */
  requesterLabel: string;
  /** A shared result as its author's click posts it in the channel. */
  sharedByAuthor: string;
  /** What replaces a deleted job's message. */
  deleted: { title: (jobId: string) => string; line: string };
  /**
   * The content of a result posted as a new message once the command's reply can no longer be
   * edited (Discord, after the interaction's window): it names the requester, who is pinged.
   */
  finished: { discord: (mention: string) => string };
  /** The result went to its requester alone, because the bot may not post in the channel; why, and what to do. */
  notPosted: {
    discord: (channel: string, why: string) => string;
    slack: (channel: string, code: string) => string;
    slackMissingScope: (channel: string, scope: string | undefined) => string;
  };
}

export const jobReplyText: Localized<JobReplyText> = {
  en: {
    types: {
      "image-generation": "Image generation",
      transcription: "Transcription",
      "lora-training": "LoRA training",
      "video-generation": "Video generation",
    },
    queued: "Queued, waiting for a worker.",
    nextInLine: "Queued: next in line.",
    ahead: (n) => `Queued: ${plural(n, "job", "jobs")} ahead of yours.`,
    atProvider: (p) => `Waiting at the provider, position ${p} in line.`,
    running: "Running",
    canceled: "Canceled.",
    canceledBecause: (r) => `Canceled: ${r}.`,
    failed: (r) => `Failed: ${r}`,
    noReason: "the provider did not say why",
    imagesReady: (n) => `${plural(n, "image", "images")} ready.`,
    transcriptReady: "Transcript ready.",
    promptsReady: (n) => `${plural(n, "prompt", "prompts")} that would make this picture:`,
    loraTrained: (t) => `LoRA trained. Use it with /generate lora:${t}.`,
    done: "Done.",
    of: (i, n) => `${i} of ${n}`,
    fields: {
      seed: "Seed",
      size: "Size",
      took: "Took",
      words: "Words",
      speakers: "Speakers",
      duration: "Duration",
      version: "Version",
      model: "Model",
      aspectRatio: "Aspect ratio",
    },
    buttons: {
      cancel: "Cancel",
      tryAgain: "Try again",
      delete: "Delete",
      share: "Share to channel",
      dm: "Send to DM",
      rerun: "Rerun, new seed",
      variations: "4 variations",
      remix: "Edit prompt & rerun",
      upscale: "Upscale",
      vary: "Vary",
      subtle: "Vary subtly",
      edit: "Edit",
    },
    job: "job",
    private: "private",
    requesterLabel: "for",
    sharedByAuthor: "Shared to the channel by its author.",
    deleted: { title: (id) => `Deleted: job ${id}`, line: "Deleted by its owner; its files are gone." },
    finished: { discord: (mention) => `${mention} your job has finished.` },
    notPosted: {
      discord: (channel, why) =>
        `I could not post this in ${channel} (Discord says ${why}): give me View Channel, Send Messages and Embed Links there, or use the command in a channel where I have them.`,
      slack: (channel, code) =>
        `I could not post this in ${channel} (Slack says ${code}): add me there with /invite, or run the command in a channel I am in.`,
      slackMissingScope: (channel, scope) =>
        `I could not post this in ${channel}: this app is installed without Slack's ${scope ?? "needed"} permission. Ask a workspace admin to reinstall it from its manifest.`,
    },
  },
  de: {
    types: {
      "image-generation": "Bildgenerierung",
      transcription: "Transkription",
      "lora-training": "LoRA-Training",
      "video-generation": "Videogenerierung",
    },
    queued: "In der Warteschlange, wartet auf einen Worker.",
    nextInLine: "In der Warteschlange: als Nächstes dran.",
    ahead: (n) => `In der Warteschlange: ${plural(n, "Auftrag", "Aufträge")} vor deinem.`,
    atProvider: (p) => `Wartet beim Anbieter, Platz ${p} in der Schlange.`,
    running: "Läuft",
    canceled: "Abgebrochen.",
    canceledBecause: (r) => `Abgebrochen: ${r}.`,
    failed: (r) => `Fehlgeschlagen: ${r}`,
    noReason: "der Anbieter hat keinen Grund genannt",
    imagesReady: (n) => `${plural(n, "Bild", "Bilder")} fertig.`,
    transcriptReady: "Transkript fertig.",
    promptsReady: (n) => `${plural(n, "Prompt", "Prompts")}, die dieses Bild ergeben würden:`,
    loraTrained: (t) => `LoRA trainiert. Nutze es mit /generate lora:${t}.`,
    done: "Fertig.",
    of: (i, n) => `${i} von ${n}`,
    fields: {
      seed: "Seed",
      size: "Größe",
      took: "Dauer",
      words: "Wörter",
      speakers: "Sprecher",
      duration: "Länge",
      version: "Version",
      model: "Modell",
      aspectRatio: "Seitenverhältnis",
    },
    buttons: {
      cancel: "Abbrechen",
      tryAgain: "Erneut versuchen",
      delete: "Löschen",
      share: "Im Kanal teilen",
      dm: "Als DM senden",
      rerun: "Neu, anderer Seed",
      variations: "4 Varianten",
      remix: "Prompt ändern & neu",
      upscale: "Hochskalieren",
      vary: "Variieren",
      subtle: "Leicht variieren",
      edit: "Bearbeiten",
    },
    job: "Auftrag",
    private: "privat",
    requesterLabel: "für",
    sharedByAuthor: "Von der Person, die es erstellt hat, im Kanal geteilt.",
    deleted: { title: (id) => `Gelöscht: Auftrag ${id}`, line: "Von seinem Besitzer gelöscht; seine Dateien sind entfernt." },
    finished: { discord: (mention) => `${mention} dein Auftrag ist fertig.` },
    notPosted: {
      discord: (channel, why) =>
        `Ich konnte das nicht in ${channel} posten (Discord sagt ${why}): gib mir dort „Kanal ansehen“, „Nachrichten senden“ und „Links einbetten“, oder nutze den Befehl in einem Kanal, in dem ich sie habe.`,
      slack: (channel, code) =>
        `Ich konnte das nicht in ${channel} posten (Slack sagt ${code}): füge mich dort mit /invite hinzu, oder nutze den Befehl in einem Kanal, in dem ich bin.`,
      slackMissingScope: (channel, scope) =>
        `Ich konnte das nicht in ${channel} posten: diese App ist ohne ${scope ? `Slacks Berechtigung ${scope}` : "eine nötige Slack-Berechtigung"} installiert. Bitte einen Workspace-Admin, sie aus ihrem Manifest neu zu installieren.`,
    },
  },
  fr: {
    types: {
      "image-generation": "Génération d'images",
      transcription: "Transcription",
      "lora-training": "Entraînement LoRA",
      "video-generation": "Génération de vidéo",
    },
    queued: "En file d'attente, en attente d'un worker.",
    nextInLine: "En file d'attente : la prochaine.",
    ahead: (n) => `En file d'attente : ${pluralFr(n, "tâche", "tâches")} avant la vôtre.`,
    atProvider: (p) => `En attente chez le fournisseur, position ${p} dans la file.`,
    running: "En cours",
    canceled: "Annulée.",
    canceledBecause: (r) => `Annulée : ${r}.`,
    failed: (r) => `Échec : ${r}`,
    noReason: "le fournisseur n'a pas donné de raison",
    imagesReady: (n) => `${pluralFr(n, "image prête", "images prêtes")}.`,
    transcriptReady: "Transcription prête.",
    promptsReady: (n) => `${plural(n, "prompt", "prompts")} qui donneraient cette image :`,
    loraTrained: (t) => `LoRA entraîné. Utilisez-le avec /generate lora:${t}.`,
    done: "Terminé.",
    of: (i, n) => `${i} sur ${n}`,
    fields: {
      seed: "Seed",
      size: "Taille",
      took: "Temps",
      words: "Mots",
      speakers: "Intervenants",
      duration: "Durée",
      version: "Version",
      model: "Modèle",
      aspectRatio: "Format",
    },
    buttons: {
      cancel: "Annuler",
      tryAgain: "Réessayer",
      delete: "Supprimer",
      share: "Partager dans le canal",
      dm: "Envoyer en MP",
      rerun: "Relancer, autre seed",
      variations: "4 variantes",
      remix: "Modifier le prompt et relancer",
      upscale: "Agrandir",
      vary: "Varier",
      subtle: "Varier légèrement",
      edit: "Retoucher",
    },
    job: "tâche",
    private: "privée",
    requesterLabel: "pour",
    sharedByAuthor: "Partagé dans le canal par son auteur.",
    deleted: { title: (id) => `Supprimée : tâche ${id}`, line: "Supprimée par son propriétaire ; ses fichiers ont été effacés." },
    finished: { discord: (mention) => `${mention} votre tâche est terminée.` },
    notPosted: {
      discord: (channel, why) =>
        `Je n'ai pas pu publier ceci dans ${channel} (Discord répond ${why}) : donnez-moi « Voir le salon », « Envoyer des messages » et « Intégrer des liens », ou utilisez la commande dans un salon où je les ai.`,
      slack: (channel, code) =>
        `Je n'ai pas pu publier ceci dans ${channel} (Slack répond ${code}) : ajoutez-moi avec /invite, ou lancez la commande dans un canal où je suis.`,
      slackMissingScope: (channel, scope) =>
        `Je n'ai pas pu publier ceci dans ${channel} : cette app est installée sans ${scope ? `la permission Slack ${scope}` : "une permission Slack nécessaire"}. Demandez à un administrateur de l'espace de travail de la réinstaller depuis son manifeste.`,
    },
  },
};
