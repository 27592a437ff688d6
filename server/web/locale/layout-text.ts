import type { ChatLocale, Localized } from "../../../shared/chat/locale/languages.js";

/** The frame of every gallery page: its header, its sections, the language switch. */
export interface LayoutText {
  /** The page title's suffix and the brand link. */
  gallery: string;
  skip: string;
  sectionsLabel: string;
  sections: { gallery: string; queue: string; favourites: string; boards: string; loras: string; usage: string };
  accountLabel: string;
  signOut: string;
  /** The switch: its label, and its button for a browser without the page script. */
  language: string;
  change: string;
}

/** Each language by its own name, as a reader of it looks for it in a list. */
export const languageNames: Record<ChatLocale, string> = { en: "English", de: "Deutsch", fr: "Français" };

export const layoutText: Localized<LayoutText> = {
  en: {
    gallery: "Gallery",
    skip: "Skip to content",
    sectionsLabel: "Sections",
    sections: { gallery: "Gallery", queue: "Queue", favourites: "Favourites", boards: "Boards", loras: "LoRAs", usage: "Usage" },
    accountLabel: "Account",
    signOut: "Sign out",
    language: "Language",
    change: "Change",
  },
  de: {
    gallery: "Galerie",
    skip: "Zum Inhalt springen",
    sectionsLabel: "Bereiche",
    sections: { gallery: "Galerie", queue: "Warteschlange", favourites: "Favoriten", boards: "Boards", loras: "LoRAs", usage: "Verbrauch" },
    accountLabel: "Konto",
    signOut: "Abmelden",
    language: "Sprache",
    change: "Wechseln",
  },
  fr: {
    gallery: "Galerie",
    skip: "Aller au contenu",
    sectionsLabel: "Rubriques",
    sections: {
      gallery: "Galerie",
      queue: "File d'attente",
      favourites: "Favoris",
      boards: "Tableaux",
      loras: "LoRA",
      usage: "Consommation",
    },
    accountLabel: "Compte",
    signOut: "Se déconnecter",
    language: "Langue",
    change: "Changer",
  },
};

/** The pages that say why something did not work: sign-in links, refusals, not found. */
export interface ProblemText {
  refused: string;
  notFromGallery: string;
  notFromGalleryReload: string;
  signInFromLink: string;
  notFound: string;
  notYours: string;
  didNotWork: string;
  /** An API refusal, kept in English as the API wrote it, inside a sentence of the viewer's language. */
  apiSaid: (message: string) => string;
  badRequest: string;
  unknownLanguage: string;
  unreadable: (reason: string) => string;
  notGalleryPage: string;
  leadsOutside: string;
  link: Record<"unknown" | "used" | "expired", [title: string, message: string]>;
}

export const problemText: Localized<ProblemText> = {
  en: {
    refused: "Refused",
    notFromGallery: "This request did not come from the gallery's own page.",
    notFromGalleryReload: "This request did not come from the gallery's own page; reload it and try again.",
    signInFromLink: "Sign in from the link itself.",
    notFound: "Not found",
    notYours: "There is nothing here, or it is not yours to see.",
    didNotWork: "That did not work",
    apiSaid: (m) => m,
    badRequest: "Bad request",
    unknownLanguage: "The gallery speaks English, German and French; pick one of them.",
    unreadable: (r) => `${r}. Reload the page and try again.`,
    notGalleryPage: "Not a gallery page",
    leadsOutside: "This sign-in link leads somewhere outside the gallery. Ask for a new one in chat.",
    link: {
      unknown: ["Not a sign-in link", "This link does not sign anyone in. Ask for a new one with /gallery in chat."],
      used: ["Link already used", "A sign-in link works once. Ask for a new one with /gallery in chat, or npm run cli -- login-link."],
      expired: [
        "Link expired",
        "A sign-in link works for ten minutes. Ask for a new one with /gallery in chat, or npm run cli -- login-link.",
      ],
    },
  },
  de: {
    refused: "Abgelehnt",
    notFromGallery: "Diese Anfrage kam nicht von der Seite der Galerie selbst.",
    notFromGalleryReload: "Diese Anfrage kam nicht von der Seite der Galerie selbst; lade sie neu und versuche es noch einmal.",
    signInFromLink: "Melde dich über den Link selbst an.",
    notFound: "Nicht gefunden",
    notYours: "Hier ist nichts, oder du darfst es nicht sehen.",
    didNotWork: "Das hat nicht geklappt",
    apiSaid: (m) => `Die API antwortet: „${m}“`,
    badRequest: "Fehlerhafte Anfrage",
    unknownLanguage: "Die Galerie spricht Englisch, Deutsch und Französisch; wähle eine davon.",
    unreadable: (r) => `Die Anfrage war nicht lesbar („${r}“). Lade die Seite neu und versuche es noch einmal.`,
    notGalleryPage: "Keine Seite der Galerie",
    leadsOutside: "Dieser Anmeldelink führt aus der Galerie hinaus. Fordere im Chat einen neuen an.",
    link: {
      unknown: ["Kein Anmeldelink", "Mit diesem Link meldet sich niemand an. Fordere mit /gallery im Chat einen neuen an."],
      used: [
        "Link schon benutzt",
        "Ein Anmeldelink funktioniert einmal. Fordere mit /gallery im Chat einen neuen an, oder mit npm run cli -- login-link.",
      ],
      expired: [
        "Link abgelaufen",
        "Ein Anmeldelink funktioniert zehn Minuten lang. Fordere mit /gallery im Chat einen neuen an, oder mit npm run cli -- login-link.",
      ],
    },
  },
  fr: {
    refused: "Refusé",
    notFromGallery: "Cette requête ne vient pas de la page de la galerie elle-même.",
    notFromGalleryReload: "Cette requête ne vient pas de la page de la galerie elle-même ; rechargez-la et réessayez.",
    signInFromLink: "Connectez-vous depuis le lien lui-même.",
    notFound: "Introuvable",
    notYours: "Il n'y a rien ici, ou ce n'est pas à vous de le voir.",
    didNotWork: "Cela n'a pas marché",
    apiSaid: (m) => `L'API répond : « ${m} »`,
    badRequest: "Requête invalide",
    unknownLanguage: "La galerie parle anglais, allemand et français ; choisissez l'une de ces langues.",
    unreadable: (r) => `La requête était illisible (« ${r} »). Rechargez la page et réessayez.`,
    notGalleryPage: "Pas une page de la galerie",
    leadsOutside: "Ce lien de connexion mène hors de la galerie. Demandez-en un nouveau dans le chat.",
    link: {
      unknown: ["Pas un lien de connexion", "Ce lien ne connecte personne. Demandez-en un nouveau avec /gallery dans le chat."],
      used: [
        "Lien déjà utilisé",
        "Un lien de connexion ne marche qu'une fois. Demandez-en un nouveau avec /gallery dans le chat, ou npm run cli -- login-link.",
      ],
      expired: [
        "Lien expiré",
        "Un lien de connexion marche dix minutes. Demandez-en un nouveau avec /gallery dans le chat, ou npm run cli -- login-link.",
      ],
    },
  },
};

/** The sign-in page and the page a signed-out visitor sees. */
export interface SignInText {
  title: string;
  heading: string;
  signingInAs: [before: string, middle: string, after: string];
  continue: string;
  worksUntil: (time: string) => string;
  signedOut: string;
  notSignedIn: string;
  askForLink: [before: string, middle: string, after: string];
}

export const signInText: Localized<SignInText> = {
  en: {
    title: "Sign in",
    heading: "Sign in to the gallery",
    signingInAs: ["You are signing in as ", " in ", "."],
    continue: "Continue",
    worksUntil: (t) => `This link works once, until ${t}.`,
    signedOut: "Signed out",
    notSignedIn: "Not signed in",
    askForLink: ["Ask for a sign-in link with ", " in Discord or Slack, or run ", " with your API key."],
  },
  de: {
    title: "Anmelden",
    heading: "Bei der Galerie anmelden",
    signingInAs: ["Du meldest dich an als ", " in ", "."],
    continue: "Weiter",
    worksUntil: (t) => `Dieser Link funktioniert einmal, bis ${t}.`,
    signedOut: "Abgemeldet",
    notSignedIn: "Nicht angemeldet",
    askForLink: ["Fordere einen Anmeldelink mit ", " in Discord oder Slack an, oder führe ", " mit deinem API-Schlüssel aus."],
  },
  fr: {
    title: "Connexion",
    heading: "Se connecter à la galerie",
    signingInAs: ["Vous vous connectez en tant que ", " dans ", "."],
    continue: "Continuer",
    worksUntil: (t) => `Ce lien ne marche qu'une fois, jusqu'à ${t}.`,
    signedOut: "Déconnecté",
    notSignedIn: "Non connecté",
    askForLink: ["Demandez un lien de connexion avec ", " dans Discord ou Slack, ou lancez ", " avec votre clé d'API."],
  },
};
