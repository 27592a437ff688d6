import type { Localized } from "./languages.js";

/**
 * The words of a transcript result's Ask and Chapters buttons, the Ask modal and the chapters'
 * answer. Slack caps a modal's title, submit and close at 24 characters and a button's text at
 * 75; Discord a modal's title and an input's label at 45 and a button's label at 80.
 */
export interface MeetingButtonsText {
  buttons: { ask: string; chapters: string };
  ask: { title: string; question: string; placeholder: string; submit: string; cancel: string; notOpened: string };
  chapters: {
    title: string;
    /** A transcription without notes (turned off, or not made) has no chapters to show. */
    noNotes: string;
    none: string;
    more: (n: number) => string;
  };
}

export const meetingButtonsText: Localized<MeetingButtonsText> = {
  en: {
    buttons: { ask: "Ask", chapters: "Chapters" },
    ask: {
      title: "Ask the meeting",
      question: "Your question (3-500 characters)",
      placeholder: "What did we decide about pricing?",
      submit: "Ask",
      cancel: "Cancel",
      notOpened: "Slack did not open the form in time; press Ask again.",
    },
    chapters: {
      title: "Chapters",
      noNotes: "This transcription has no meeting notes, so no chapters.",
      none: "The notes name no chapters.",
      more: (n) => `…and ${n} more in notes.md`,
    },
  },
  de: {
    buttons: { ask: "Fragen", chapters: "Kapitel" },
    ask: {
      title: "Frage ans Meeting",
      question: "Deine Frage (3-500 Zeichen)",
      placeholder: "Was haben wir zum Preis beschlossen?",
      submit: "Fragen",
      cancel: "Abbrechen",
      notOpened: "Slack hat das Formular nicht rechtzeitig geöffnet; drück noch einmal auf Fragen.",
    },
    chapters: {
      title: "Kapitel",
      noNotes: "Diese Transkription hat keine Meeting-Notizen, also keine Kapitel.",
      none: "Die Notizen nennen keine Kapitel.",
      more: (n) => `…und ${n} weitere in notes.md`,
    },
  },
  fr: {
    buttons: { ask: "Poser une question", chapters: "Chapitres" },
    ask: {
      title: "Question sur la réunion",
      question: "Votre question (3 à 500 caractères)",
      placeholder: "Qu'avons-nous décidé sur les prix ?",
      submit: "Demander",
      cancel: "Annuler",
      notOpened: "Slack n'a pas ouvert le formulaire à temps ; appuyez de nouveau sur Poser une question.",
    },
    chapters: {
      title: "Chapitres",
      noNotes: "Cette transcription n'a pas de notes de réunion, donc pas de chapitres.",
      none: "Les notes ne nomment aucun chapitre.",
      more: (n) => `…et ${n} de plus dans notes.md`,
    },
  },
};
