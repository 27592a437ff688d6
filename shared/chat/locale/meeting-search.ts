import type { Localized } from "./languages.js";

/** The answer of `/search` on Discord and Slack: hits across the team's meetings. */
export interface MeetingSearchText {
  title: (query: string) => string;
  none: string;
  speaker: (label: string) => string;
  /** The link button to every hit, on the gallery's search page. */
  allHits: string;
  more: (hidden: number) => string;
}

export const meetingSearchText: Localized<MeetingSearchText> = {
  en: {
    title: (q) => `Meetings saying “${q}”`,
    none: 'No meeting of your team says that. Every word must appear; put a phrase in "quotes".',
    speaker: (s) => `Speaker ${s}`,
    allHits: "All hits in the gallery",
    more: (n) => `…and ${n} more`,
  },
  de: {
    title: (q) => `Besprechungen mit „${q}“`,
    none: 'Keine Besprechung deines Teams enthält das. Jedes Wort muss vorkommen; setze eine Wortfolge in "Anführungszeichen".',
    speaker: (s) => `Sprecher ${s}`,
    allHits: "Alle Treffer in der Galerie",
    more: (n) => `…und ${n} weitere`,
  },
  fr: {
    title: (q) => `Réunions qui disent « ${q} »`,
    none: 'Aucune réunion de votre équipe ne dit cela. Chaque mot doit y être ; mettez une expression entre "guillemets".',
    speaker: (s) => `Intervenant ${s}`,
    allHits: "Tous les résultats dans la galerie",
    more: (n) => `…et ${n} de plus`,
  },
};
