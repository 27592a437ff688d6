import type { Localized } from "../../../shared/chat/locale/languages.js";

/** The search across meetings: its page, its box and its hits. */
export interface MeetingsText {
  title: string;
  intro: string;
  label: string;
  button: string;
  placeholder: string;
  none: (query: string) => string;
  speaker: (label: string) => string;
  /** Said after a hit's link (its recording and time) to a screen reader: the link plays from there. */
  play: string;
  more: string;
}

export const meetingsText: Localized<MeetingsText> = {
  en: {
    title: "Meetings",
    intro: 'Search every transcript of your team: all words must appear; put a phrase in "quotes". A hit opens the meeting at that moment.',
    label: "Search meetings",
    button: "Search",
    placeholder: 'pricing "next quarter"',
    none: (q) => `No meeting says ${q}.`,
    speaker: (s) => `Speaker ${s}`,
    play: "play from here",
    more: "More hits",
  },
  de: {
    title: "Besprechungen",
    intro:
      'Durchsucht alle Transkripte deines Teams: Alle Wörter müssen vorkommen; setze eine Wortfolge in "Anführungszeichen". Ein Treffer öffnet die Besprechung an dieser Stelle.',
    label: "Besprechungen durchsuchen",
    button: "Suchen",
    placeholder: 'Preise "nächstes Quartal"',
    none: (q) => `Keine Besprechung enthält ${q}.`,
    speaker: (s) => `Sprecher ${s}`,
    play: "ab hier abspielen",
    more: "Weitere Treffer",
  },
  fr: {
    title: "Réunions",
    intro:
      'Cherchez dans toutes les transcriptions de votre équipe : tous les mots doivent y être ; mettez une expression entre "guillemets". Un résultat ouvre la réunion à ce moment.',
    label: "Chercher dans les réunions",
    button: "Chercher",
    placeholder: 'tarifs "trimestre prochain"',
    none: (q) => `Aucune réunion ne contient ${q}.`,
    speaker: (s) => `Intervenant ${s}`,
    play: "écouter à partir d'ici",
    more: "Plus de résultats",
  },
};
