import type { JobSort } from "../../../shared/db/mongo/job-pages.js";
import type { JobStatus, JobType } from "../../../shared/db/mongo/job-schema.js";
import { type Localized, inEveryLocale } from "../../../shared/chat/locale/languages.js";
import { listingText } from "../../../shared/chat/locale/listings.js";

/** The gallery's grid page: its filters, its tiles, the lightbox and the selection bar. */
export interface GalleryText {
  title: string;
  heading: string;
  /** The type filter's and a text tile's kinds, as a heading says them: "Images". */
  types: Record<JobType, string>;
  allTypes: string;
  sorts: Record<JobSort, string>;
  statuses: Record<JobStatus, string>;
  filter: {
    label: string;
    search: string;
    searchPlaceholder: string;
    type: string;
    sort: string;
    member: string;
    everyone: string;
    lora: string;
    anyLora: string;
    channel: string;
    channelPlaceholder: string;
    from: string;
    to: string;
    apply: string;
    /** The disclosure's summary on a phone, with how many filters are on. */
    disclosure: (on: number) => string;
  };
  empty: string;
  results: string;
  end: string;
  loadMore: string;
  /** A picture's alt when its job made several: "a fox (2 of 4)". */
  nthOf: (prompt: string, n: number, of: number) => string;
  transcript: string;
  words: (n: number) => string;
  select: (label: string) => string;
  favourite: string;
  favouriteOf: (label: string) => string;
  lightbox: {
    label: string;
    previous: string;
    next: string;
    openJob: string;
    download: string;
    remix: string;
    copyPrompt: string;
    fullSize: string;
    close: string;
  };
  selection: {
    label: string;
    tick: string;
    board: string;
    addToBoard: string;
    makeBoard: string;
    zip: string;
    share: string;
    shareTitle: string;
    delete: string;
    deleteConfirm: string;
    takeOff: string;
  };
}

const statuses = inEveryLocale((l) => listingText[l].statuses);

export const galleryText: Localized<GalleryText> = {
  en: {
    title: "Gallery",
    heading: "Your team's gallery",
    types: { "image-generation": "Images", transcription: "Transcripts", "lora-training": "LoRAs", "video-generation": "Videos" },
    allTypes: "All types",
    sorts: { newest: "Newest", oldest: "Oldest", "most-used": "Most used" },
    statuses: statuses.en,
    filter: {
      label: "Filter the gallery",
      search: "Search",
      searchPlaceholder: "lighthouse fog",
      type: "Type",
      sort: "Sort",
      member: "Member",
      everyone: "Everyone",
      lora: "LoRA",
      anyLora: "Any",
      channel: "Channel",
      channelPlaceholder: "channel id",
      from: "From",
      to: "To",
      apply: "Apply",
      disclosure: (n) => (n > 0 ? `Filters (${n} on)` : "Filters"),
    },
    empty: "Nothing here yet. Try /generate in chat, or clear the filters.",
    results: "Results",
    end: "That is everything.",
    loadMore: "Load more",
    nthOf: (p, n, of) => `${p} (${n} of ${of})`,
    transcript: "Transcript",
    words: (n) => `${n} ${n === 1 ? "word" : "words"}`,
    select: (l) => `Select ${l}`,
    favourite: "Favourite",
    favouriteOf: (l) => `Favourite ${l}`,
    lightbox: {
      label: "Picture",
      previous: "Previous picture",
      next: "Next picture",
      openJob: "Open job",
      download: "Download",
      remix: "Remix",
      copyPrompt: "Copy prompt",
      fullSize: "Full size",
      close: "Close",
    },
    selection: {
      label: "Selected pictures",
      tick: "Tick pictures to act on them",
      board: "Board",
      addToBoard: "Add to board",
      makeBoard: "Make a board to collect pictures",
      zip: "Download zip",
      share: "Share",
      shareTitle: "Make your selected private pictures visible to the workspace",
      delete: "Delete",
      deleteConfirm: "Delete the selected pictures' jobs, with every file they hold?",
      takeOff: "Take off this board",
    },
  },
  de: {
    title: "Galerie",
    heading: "Die Galerie deines Teams",
    types: { "image-generation": "Bilder", transcription: "Transkripte", "lora-training": "LoRAs", "video-generation": "Videos" },
    allTypes: "Alle Arten",
    sorts: { newest: "Neueste", oldest: "Älteste", "most-used": "Meistgenutzte" },
    statuses: statuses.de,
    filter: {
      label: "Die Galerie filtern",
      search: "Suche",
      searchPlaceholder: "Leuchtturm Nebel",
      type: "Art",
      sort: "Reihenfolge",
      member: "Mitglied",
      everyone: "Alle",
      lora: "LoRA",
      anyLora: "Beliebig",
      channel: "Kanal",
      channelPlaceholder: "Kanal-ID",
      from: "Von",
      to: "Bis",
      apply: "Anwenden",
      disclosure: (n) => (n > 0 ? `Filter (${n} aktiv)` : "Filter"),
    },
    empty: "Hier ist noch nichts. Versuch /generate im Chat, oder leere die Filter.",
    results: "Ergebnisse",
    end: "Das ist alles.",
    loadMore: "Mehr laden",
    nthOf: (p, n, of) => `${p} (${n} von ${of})`,
    transcript: "Transkript",
    words: (n) => `${n} ${n === 1 ? "Wort" : "Wörter"}`,
    select: (l) => `${l} auswählen`,
    favourite: "Favorit",
    favouriteOf: (l) => `${l} als Favorit`,
    lightbox: {
      label: "Bild",
      previous: "Vorheriges Bild",
      next: "Nächstes Bild",
      openJob: "Auftrag öffnen",
      download: "Herunterladen",
      remix: "Remixen",
      copyPrompt: "Prompt kopieren",
      fullSize: "Volle Größe",
      close: "Schließen",
    },
    selection: {
      label: "Ausgewählte Bilder",
      tick: "Hake Bilder an, um etwas mit ihnen zu tun",
      board: "Board",
      addToBoard: "Zum Board hinzufügen",
      makeBoard: "Lege ein Board an, um Bilder zu sammeln",
      zip: "Als Zip herunterladen",
      share: "Teilen",
      shareTitle: "Deine ausgewählten privaten Bilder für den Workspace sichtbar machen",
      delete: "Löschen",
      deleteConfirm: "Die Aufträge der ausgewählten Bilder löschen, mit allen ihren Dateien?",
      takeOff: "Von diesem Board nehmen",
    },
  },
  fr: {
    title: "Galerie",
    heading: "La galerie de votre équipe",
    types: { "image-generation": "Images", transcription: "Transcriptions", "lora-training": "LoRA", "video-generation": "Vidéos" },
    allTypes: "Tous les types",
    sorts: { newest: "Plus récentes", oldest: "Plus anciennes", "most-used": "Plus utilisées" },
    statuses: statuses.fr,
    filter: {
      label: "Filtrer la galerie",
      search: "Recherche",
      searchPlaceholder: "phare brouillard",
      type: "Type",
      sort: "Tri",
      member: "Membre",
      everyone: "Tout le monde",
      lora: "LoRA",
      anyLora: "N'importe lequel",
      channel: "Salon",
      channelPlaceholder: "id du salon",
      from: "Du",
      to: "Au",
      apply: "Appliquer",
      disclosure: (n) => (n > 0 ? `Filtres (${n} actifs)` : "Filtres"),
    },
    empty: "Rien ici pour l'instant. Essayez /generate dans le chat, ou videz les filtres.",
    results: "Résultats",
    end: "C'est tout.",
    loadMore: "Charger la suite",
    nthOf: (p, n, of) => `${p} (${n} sur ${of})`,
    transcript: "Transcription",
    words: (n) => `${n} ${n <= 1 ? "mot" : "mots"}`,
    select: (l) => `Sélectionner ${l}`,
    favourite: "Favori",
    favouriteOf: (l) => `${l} en favori`,
    lightbox: {
      label: "Image",
      previous: "Image précédente",
      next: "Image suivante",
      openJob: "Ouvrir la tâche",
      download: "Télécharger",
      remix: "Remixer",
      copyPrompt: "Copier le prompt",
      fullSize: "Taille réelle",
      close: "Fermer",
    },
    selection: {
      label: "Images sélectionnées",
      tick: "Cochez des images pour agir sur elles",
      board: "Tableau",
      addToBoard: "Ajouter au tableau",
      makeBoard: "Créez un tableau pour rassembler des images",
      zip: "Télécharger en zip",
      share: "Partager",
      shareTitle: "Rendre vos images privées sélectionnées visibles par l'espace de travail",
      delete: "Supprimer",
      deleteConfirm: "Supprimer les tâches des images sélectionnées, avec tous leurs fichiers ?",
      takeOff: "Retirer de ce tableau",
    },
  },
};
