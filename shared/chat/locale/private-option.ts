import type { Localized } from "./languages.js";

/** The `private` option every job command takes. */
export const privateResult: Localized = {
  en: "Show the result only to you",
  de: "Das Ergebnis nur dir zeigen",
  fr: "Ne montrer le résultat qu'à vous",
};
