import { privateResult } from "./private-option.js";

/** Discord's `/transcribe`: its description, each option's, and examples for /help (discordCommandText checks its shape). */
export const transcribeCommandText = {
  description: {
    en: "Transcribe a recording: a link, or an attached audio or video file",
    de: "Eine Aufnahme transkribieren: ein Link oder eine angehängte Audio- oder Videodatei",
    fr: "Transcrire un enregistrement : un lien, ou un fichier audio ou vidéo joint",
  },
  examples: {
    en: ["/transcribe file:(attach a recording) speakers:True", "/transcribe url:https://example.com/talk.mp3 language:fr"],
    de: ["/transcribe file:(eine Aufnahme anhängen) speakers:True", "/transcribe url:https://example.com/vortrag.mp3 language:de"],
    fr: ["/transcribe file:(joindre un enregistrement) speakers:True", "/transcribe url:https://example.com/expose.mp3 language:fr"],
  },
  options: {
    url: { en: "Link to an audio or video file", de: "Link zu einer Audio- oder Videodatei", fr: "Lien vers un fichier audio ou vidéo" },
    file: { en: "An audio or video file", de: "Eine Audio- oder Videodatei", fr: "Un fichier audio ou vidéo" },
    speakers: { en: "Label who speaks when", de: "Kennzeichnen, wer wann spricht", fr: "Indiquer qui parle et quand" },
    language: {
      en: "Language code such as en or fr; detected when omitted",
      de: "Sprachcode wie de oder en; ohne Angabe erkannt",
      fr: "Code de langue comme fr ou en ; détecté s'il est omis",
    },
    private: privateResult,
    "speaker-count": {
      en: "How many people speak (1-10)",
      de: "Wie viele Personen sprechen (1-10)",
      fr: "Combien de personnes parlent (1-10)",
    },
    "speaker-names": {
      en: "Speakers' names, comma-separated: Speaker A becomes the first",
      de: "Namen der Sprecher, durch Kommas getrennt: Sprecher A wird der erste",
      fr: "Noms des intervenants, séparés par des virgules : l'intervenant A devient le premier",
    },
    vocabulary: {
      en: "Words to spell as given, comma-separated",
      de: "Wörter, die so geschrieben werden sollen, durch Kommas getrennt",
      fr: "Mots à écrire tels quels, séparés par des virgules",
    },
    "redact-pii": {
      en: "Hide names, phone numbers, emails and card numbers",
      de: "Namen, Telefonnummern, E-Mails und Kartennummern verbergen",
      fr: "Masquer noms, numéros de téléphone, e-mails et numéros de carte",
    },
    "translate-to": {
      en: "Also translate into this language code, such as de",
      de: "Auch in diesen Sprachcode übersetzen, etwa fr",
      fr: "Traduire aussi dans ce code de langue, comme de",
    },
    notes: {
      en: "Meeting notes after the transcript (on unless turned off)",
      de: "Besprechungsnotizen nach dem Transkript (an, außer abgeschaltet)",
      fr: "Notes de réunion après la transcription (activées sauf si désactivées)",
    },
  },
} as const;
