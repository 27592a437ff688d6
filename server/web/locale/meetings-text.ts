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
  /** A hit's link: the meeting's page, its audio from that moment. */
  playAt: (fileName: string, at: string) => string;
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
    playAt: (f, at) => `Play ${f} from ${at}`,
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
    playAt: (f, at) => `${f} ab ${at} abspielen`,
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
    playAt: (f, at) => `Écouter ${f} à partir de ${at}`,
    more: "Plus de résultats",
  },
};
