import type { Localized } from "./languages.js";

/** `/gallery`'s private answer with a one-time sign-in link, and the App Home tab's button for one. */
export interface GalleryText {
  title: string;
  /** How long the link works, and why it is not to be passed on: it signs in whoever opens it first, as the asker. */
  once: string;
  /** The link button's label, and the App Home tab's button that asks for a link of its own. */
  open: string;
}

export const galleryText: Localized<GalleryText> = {
  en: {
    title: "Your sign-in link to the gallery",
    once: "It works once, for the next ten minutes. Whoever opens it is signed in as you, so keep it to yourself.",
    open: "Open the gallery",
  },
  de: {
    title: "Dein Anmeldelink für die Galerie",
    once: "Er funktioniert einmal, in den nächsten zehn Minuten. Wer ihn öffnet, ist als du angemeldet, also behalte ihn für dich.",
    open: "Galerie öffnen",
  },
  fr: {
    title: "Votre lien de connexion à la galerie",
    once: "Il fonctionne une seule fois, dans les dix prochaines minutes. Qui l'ouvre est connecté en votre nom : gardez-le pour vous.",
    open: "Ouvrir la galerie",
  },
};
