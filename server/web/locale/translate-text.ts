import type { Localized } from "../../../shared/chat/locale/languages.js";
import { translationText } from "../../../shared/chat/locale/translation.js";

/** A finished transcript's translate form on its job page; the heading is the chat menu's words. */
export interface TranslateText {
  heading: string;
  language: string;
  submit: string;
  /** After asking: the files join the list below once AssemblyAI has made them. */
  asked: (language: string) => string;
}

const heading = (locale: keyof Localized) => translationText[locale].menu.replace(/…$/, "");

export const translateText: Localized<TranslateText> = {
  en: {
    heading: heading("en"),
    language: "Language",
    submit: "Translate",
    asked: (l) => `Translating into ${l}: the files appear among the job's files in a few seconds (reload the page).`,
  },
  de: {
    heading: heading("de"),
    language: "Sprache",
    submit: "Übersetzen",
    asked: (l) => `Wird übersetzt (${l}): Die Dateien erscheinen in einigen Sekunden bei den Dateien des Auftrags (Seite neu laden).`,
  },
  fr: {
    heading: heading("fr"),
    language: "Langue",
    submit: "Traduire",
    asked: (l) => `Traduction (${l}) : les fichiers apparaissent parmi ceux de la tâche dans quelques secondes (rechargez la page).`,
  },
};
