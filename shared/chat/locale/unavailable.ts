import type { Localized } from "./languages.js";

/** What a bot says when the service answered 503: a store is down for seconds, and when to try again. */
export const unavailableText: Localized<{ title: string; line: (seconds: number) => string }> = {
  en: {
    title: "Briefly unavailable",
    line: (s) => `The service is restarting part of itself. Nothing was created; try again in ${s} seconds.`,
  },
  de: {
    title: "Kurz nicht verfügbar",
    line: (s) => `Der Dienst startet gerade einen Teil neu. Es wurde nichts erstellt; versuch es in ${s} Sekunden noch einmal.`,
  },
  fr: {
    title: "Brièvement indisponible",
    line: (s) => `Le service redémarre une de ses parties. Rien n'a été créé ; réessayez dans ${s} secondes.`,
  },
};
