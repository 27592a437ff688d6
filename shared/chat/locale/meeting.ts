import type { CommandText } from "./commands.js";
import type { ChatLocale } from "./languages.js";

/** /ask on Discord: its description and options as registered, and its examples for /help. */
export const askCommandText: CommandText<"job" | "question"> = {
  description: {
    en: "Ask a question of a finished transcription",
    de: "Eine Frage an eine fertige Transkription stellen",
    fr: "Poser une question sur une transcription terminée",
  },
  examples: {
    en: ["/ask job:1a2b3c4d-… question:what did we decide about pricing?"],
    de: ["/ask job:1a2b3c4d-… question:was haben wir zum Preis beschlossen?"],
    fr: ["/ask job:1a2b3c4d-… question:qu'avons-nous décidé sur les prix ?"],
  },
  options: {
    job: { en: "The transcription's job id", de: "Die Job-ID der Transkription", fr: "L'identifiant de la transcription" },
    question: { en: "Your question (3-500 characters)", de: "Deine Frage (3-500 Zeichen)", fr: "Votre question (3 à 500 caractères)" },
  },
};

/** /ask on Slack, as /help and the manifest show it. */
export const slackAskText = {
  en: {
    description: "Ask a question of a finished transcription",
    usage: "/ask <job id> <question>",
    examples: ["/ask 1a2b3c4d-… what did we decide about pricing?"],
  },
  de: {
    description: "Eine Frage an eine fertige Transkription stellen",
    usage: "/ask <Job-ID> <Frage>",
    examples: ["/ask 1a2b3c4d-… was haben wir zum Preis beschlossen?"],
  },
  fr: {
    description: "Poser une question sur une transcription terminée",
    usage: "/ask <identifiant> <question>",
    examples: ["/ask 1a2b3c4d-… qu'avons-nous décidé sur les prix ?"],
  },
} as const;

/** The answer's words. */
export const askReplyText: Record<
  ChatLocale,
  { title: string; noQuotes: string; unknownSpeaker: string; moreQuotes: (n: number) => string }
> = {
  en: {
    title: "Answer from the meeting",
    noQuotes: "No line of the transcript backs this answer.",
    unknownSpeaker: "unknown speaker",
    moreQuotes: (n) => `and ${n} more`,
  },
  de: {
    title: "Antwort aus dem Meeting",
    noQuotes: "Keine Zeile des Transkripts stützt diese Antwort.",
    unknownSpeaker: "unbekannte Person",
    moreQuotes: (n) => `und ${n} weitere`,
  },
  fr: {
    title: "Réponse tirée de la réunion",
    noQuotes: "Aucune ligne de la transcription n'appuie cette réponse.",
    unknownSpeaker: "intervenant inconnu",
    moreQuotes: (n) => `et ${n} de plus`,
  },
};

/** The meeting notes a transcription's result shows under its first words. */
export const notesReplyText: Record<ChatLocale, { summary: string; actionItems: string; moreItems: (n: number) => string }> = {
  en: { summary: "Summary", actionItems: "Action items", moreItems: (n) => `…and ${n} more in notes.md` },
  de: { summary: "Zusammenfassung", actionItems: "Aufgaben", moreItems: (n) => `…und ${n} weitere in notes.md` },
  fr: { summary: "Résumé", actionItems: "Actions à mener", moreItems: (n) => `…et ${n} de plus dans notes.md` },
};
