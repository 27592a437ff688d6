import type { Localized } from "./languages.js";

/** The words of a transcript's Translate menu and of its answers. */
export interface TranslationText {
  /** The menu's placeholder (Discord: at most 150 characters; Slack: 150). */
  menu: string;
  /** The clicker's answer while AssemblyAI translates. */
  translating: (language: string) => string;
  /** The answer's title once the files are there. */
  translated: (language: string) => string;
  /** When the files take longer than the answer waits: where they will be. */
  later: (language: string, jobId: string) => string;
}

export const translationText: Localized<TranslationText> = {
  en: {
    menu: "Translate the transcript…",
    translating: (l) => `Translating the transcript into ${l}…`,
    translated: (l) => `Transcript in ${l}`,
    later: (l, id) => `The ${l} transcript is still being made: it will be among the files of job ${id}.`,
  },
  de: {
    menu: "Transkript übersetzen…",
    translating: (l) => `Das Transkript wird übersetzt (${l})…`,
    translated: (l) => `Transkript auf ${l}`,
    later: (l, id) => `Das Transkript auf ${l} entsteht noch: Es wird bei den Dateien von Auftrag ${id} liegen.`,
  },
  fr: {
    menu: "Traduire la transcription…",
    translating: (l) => `Traduction de la transcription (${l})…`,
    translated: (l) => `Transcription en ${l}`,
    later: (l, id) => `La transcription en ${l} est encore en cours : elle sera parmi les fichiers de la tâche ${id}.`,
  },
};
