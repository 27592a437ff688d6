import type { JobType } from "../../../shared/db/mongo/job-schema.js";
import type { Localized } from "../../../shared/chat/locale/languages.js";

/** The queue, favourites and boards pages. */
export interface OrganizeText {
  queue: {
    title: string;
    intro: string;
    yours: string;
    team: string;
    noneYours: string;
    noneTeam: string;
    you: string;
    waiting: (position: string) => string;
    running: string;
    progressOf: (title: string) => string;
    cancel: string;
    cancelOf: (title: string) => string;
    /** A queued job's kind in its row: "Image". */
    kinds: Record<JobType, string>;
  };
  favourites: { title: string; heading: string; empty: string };
  boards: {
    title: string;
    intro: (workspace: string) => string;
    newBoard: string;
    placeholder: string;
    create: string;
    none: string;
    pictures: (n: number) => string;
    by: (who: string) => string;
    madeBy: (workspace: string, who: string) => string;
    renameOrDelete: string;
    name: string;
    rename: string;
    delete: string;
    empty: string;
  };
}

export const organizeText: Localized<OrganizeText> = {
  en: {
    queue: {
      title: "Queue",
      intro:
        "Running and waiting jobs you can see, each type in its own line; a job's owner can cancel it. This page keeps itself up to date.",
      yours: "Yours",
      team: "Your team's",
      noneYours: "Nothing of yours is running or waiting.",
      noneTeam: "Nothing of your team's is running or waiting.",
      you: "you",
      waiting: (p) => `waiting · #${p} in line`,
      running: "running",
      progressOf: (t) => `Progress of ${t}`,
      cancel: "Cancel",
      cancelOf: (t) => `Cancel ${t}`,
      kinds: { "image-generation": "Image", transcription: "Transcription", "lora-training": "LoRA training", "video-generation": "Video" },
    },
    favourites: { title: "Favourites", heading: "Your favourites", empty: "No favourites yet: tap ☆ on a picture." },
    boards: {
      title: "Boards",
      intro: (w) => `Boards are shared with everyone in ${w}; a picture can be on several.`,
      newBoard: "New board",
      placeholder: "Moodboard",
      create: "Create board",
      none: "No boards yet.",
      pictures: (n) => (n === 1 ? "1 picture" : `${n} pictures`),
      by: (w) => `by ${w}`,
      madeBy: (w, who) => `A board of ${w}, made by ${who}.`,
      renameOrDelete: "Rename or delete",
      name: "Name",
      rename: "Rename",
      delete: "Delete board",
      empty: "Nothing on this board yet.",
    },
  },
  de: {
    queue: {
      title: "Warteschlange",
      intro:
        "Laufende und wartende Aufträge, die du sehen kannst, jede Art in ihrer eigenen Reihe; wer einen Auftrag gestartet hat, kann ihn abbrechen. Diese Seite aktualisiert sich selbst.",
      yours: "Deine",
      team: "Die deines Teams",
      noneYours: "Von dir läuft oder wartet nichts.",
      noneTeam: "Von deinem Team läuft oder wartet nichts.",
      you: "du",
      waiting: (p) => `wartet · Nr. ${p} in der Reihe`,
      running: "läuft",
      progressOf: (t) => `Fortschritt von ${t}`,
      cancel: "Abbrechen",
      cancelOf: (t) => `${t} abbrechen`,
      kinds: { "image-generation": "Bild", transcription: "Transkription", "lora-training": "LoRA-Training", "video-generation": "Video" },
    },
    favourites: { title: "Favoriten", heading: "Deine Favoriten", empty: "Noch keine Favoriten: tippe ☆ auf einem Bild an." },
    boards: {
      title: "Boards",
      intro: (w) => `Boards teilst du mit allen in ${w}; ein Bild kann auf mehreren sein.`,
      newBoard: "Neues Board",
      placeholder: "Moodboard",
      create: "Board anlegen",
      none: "Noch keine Boards.",
      pictures: (n) => (n === 1 ? "1 Bild" : `${n} Bilder`),
      by: (w) => `von ${w}`,
      madeBy: (w, who) => `Ein Board von ${w}, angelegt von ${who}.`,
      renameOrDelete: "Umbenennen oder löschen",
      name: "Name",
      rename: "Umbenennen",
      delete: "Board löschen",
      empty: "Auf diesem Board ist noch nichts.",
    },
  },
  fr: {
    queue: {
      title: "File d'attente",
      intro:
        "Les tâches en cours et en attente que vous pouvez voir, chaque type dans sa propre file ; l'auteur d'une tâche peut l'annuler. Cette page se met à jour toute seule.",
      yours: "Les vôtres",
      team: "Celles de votre équipe",
      noneYours: "Rien de vous n'est en cours ou en attente.",
      noneTeam: "Rien de votre équipe n'est en cours ou en attente.",
      you: "vous",
      waiting: (p) => `en attente · n° ${p} dans la file`,
      running: "en cours",
      progressOf: (t) => `Progression de ${t}`,
      cancel: "Annuler",
      cancelOf: (t) => `Annuler ${t}`,
      kinds: {
        "image-generation": "Image",
        transcription: "Transcription",
        "lora-training": "Entraînement LoRA",
        "video-generation": "Vidéo",
      },
    },
    favourites: { title: "Favoris", heading: "Vos favoris", empty: "Pas encore de favoris : touchez ☆ sur une image." },
    boards: {
      title: "Tableaux",
      intro: (w) => `Les tableaux sont partagés avec tout ${w} ; une image peut être sur plusieurs.`,
      newBoard: "Nouveau tableau",
      placeholder: "Planche d'ambiance",
      create: "Créer le tableau",
      none: "Pas encore de tableaux.",
      pictures: (n) => (n <= 1 ? `${n} image` : `${n} images`),
      by: (w) => `par ${w}`,
      madeBy: (w, who) => `Un tableau de ${w}, créé par ${who}.`,
      renameOrDelete: "Renommer ou supprimer",
      name: "Nom",
      rename: "Renommer",
      delete: "Supprimer le tableau",
      empty: "Rien sur ce tableau pour l'instant.",
    },
  },
};

/** The LoRAs and usage pages. */
export interface TeamText {
  loras: {
    title: string;
    none: string;
    versions: (n: number) => string;
    by: (who: string) => string;
    modes: Record<string, string>;
    triggerWord: string;
    picture: string;
    prompt: string;
    strength: string;
    generate: string;
    retrain: string;
  };
  usage: {
    title: string;
    types: Record<JobType, string>;
    chartTitle: string;
    barTitle: (month: string, type: string, cost: string, jobs: number) => string;
    budget: (amount: string) => string;
    thisMonth: (month: string) => string;
    spent: (jobs: number) => string;
    ofBudget: (percent: string, budget: string) => string;
    noBudget: string;
    memberBudget: (amount: string) => string;
    members: string;
    member: string;
    total: string;
    ofBudgetColumn: string;
    noneThisMonth: string;
    byMonth: string;
    month: string;
  };
}

export const teamText: Localized<TeamText> = {
  en: {
    loras: {
      title: "LoRAs",
      none: "No LoRAs yet. Train one with /train in chat or npm run cli -- train.",
      versions: (n) => (n === 1 ? "1 version" : `${n} versions`),
      by: (w) => `by ${w}`,
      modes: { subject: "subject", style: "style" },
      triggerWord: "Trigger word:",
      picture: "picture",
      prompt: "Prompt",
      strength: "Strength",
      generate: "Generate with this LoRA",
      retrain: "Train a new version",
    },
    usage: {
      title: "Usage",
      types: {
        "image-generation": "Images",
        "lora-training": "LoRA training",
        transcription: "Transcription",
        "video-generation": "Videos",
      },
      chartTitle: "Spend per month, by job type, against the workspace's monthly budget",
      barTitle: (m, t, c, j) => `${m} ${t}: ${c}, ${j} jobs`,
      budget: (a) => `budget ${a}`,
      thisMonth: (m) => `This month (${m}): `,
      spent: (j) => ` in ${j} finished jobs`,
      ofBudget: (p, b) => `, ${p} of the workspace's ${b} budget`,
      noBudget: ", no workspace budget set",
      memberBudget: (a) => ` Each member may spend ${a} a month.`,
      members: "Members this month",
      member: "Member",
      total: "Total",
      ofBudgetColumn: "Of budget",
      noneThisMonth: "No finished jobs this month.",
      byMonth: "By month",
      month: "Month",
    },
  },
  de: {
    loras: {
      title: "LoRAs",
      none: "Noch keine LoRAs. Trainiere eins mit /train im Chat oder npm run cli -- train.",
      versions: (n) => (n === 1 ? "1 Version" : `${n} Versionen`),
      by: (w) => `von ${w}`,
      modes: { subject: "Motiv", style: "Stil" },
      triggerWord: "Triggerwort:",
      picture: "Bild",
      prompt: "Prompt",
      strength: "Stärke",
      generate: "Mit diesem LoRA generieren",
      retrain: "Eine neue Version trainieren",
    },
    usage: {
      title: "Verbrauch",
      types: {
        "image-generation": "Bilder",
        "lora-training": "LoRA-Training",
        transcription: "Transkription",
        "video-generation": "Videos",
      },
      chartTitle: "Ausgaben pro Monat, nach Auftragsart, gegenüber dem Monatsbudget des Workspace",
      barTitle: (m, t, c, j) => `${m} ${t}: ${c}, ${j} Aufträge`,
      budget: (a) => `Budget ${a}`,
      thisMonth: (m) => `Diesen Monat (${m}): `,
      spent: (j) => ` in ${j} fertigen Aufträgen`,
      ofBudget: (p, b) => `, ${p} des Workspace-Budgets von ${b}`,
      noBudget: ", kein Workspace-Budget festgelegt",
      memberBudget: (a) => ` Jedes Mitglied darf ${a} im Monat ausgeben.`,
      members: "Mitglieder diesen Monat",
      member: "Mitglied",
      total: "Summe",
      ofBudgetColumn: "Vom Budget",
      noneThisMonth: "Diesen Monat keine fertigen Aufträge.",
      byMonth: "Nach Monat",
      month: "Monat",
    },
  },
  fr: {
    loras: {
      title: "LoRA",
      none: "Pas encore de LoRA. Entraînez-en un avec /train dans le chat ou npm run cli -- train.",
      versions: (n) => (n <= 1 ? `${n} version` : `${n} versions`),
      by: (w) => `par ${w}`,
      modes: { subject: "sujet", style: "style" },
      triggerWord: "Mot déclencheur :",
      picture: "image",
      prompt: "Prompt",
      strength: "Force",
      generate: "Générer avec ce LoRA",
      retrain: "Entraîner une nouvelle version",
    },
    usage: {
      title: "Consommation",
      types: {
        "image-generation": "Images",
        "lora-training": "Entraînement LoRA",
        transcription: "Transcription",
        "video-generation": "Vidéos",
      },
      chartTitle: "Dépenses par mois, par type de tâche, face au budget mensuel de l'espace de travail",
      barTitle: (m, t, c, j) => `${m} ${t} : ${c}, ${j} tâches`,
      budget: (a) => `budget ${a}`,
      thisMonth: (m) => `Ce mois-ci (${m}) : `,
      spent: (j) => ` pour ${j} tâches terminées`,
      ofBudget: (p, b) => `, ${p} du budget de ${b} de l'espace de travail`,
      noBudget: ", aucun budget d'espace de travail fixé",
      memberBudget: (a) => ` Chaque membre peut dépenser ${a} par mois.`,
      members: "Membres ce mois-ci",
      member: "Membre",
      total: "Total",
      ofBudgetColumn: "Part du budget",
      noneThisMonth: "Aucune tâche terminée ce mois-ci.",
      byMonth: "Par mois",
      month: "Mois",
    },
  },
};
