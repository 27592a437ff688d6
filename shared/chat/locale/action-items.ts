import type { ItemDelay } from "../job-buttons.js";
import type { Localized } from "./languages.js";

/**
 * The words of a Slack result's action-items menu and the modal that sends one to its owner's DM.
 * Slack caps a select's placeholder at 150, an option at 75, a modal's title, submit and close at 24.
 */
export interface ActionItemsText {
  menu: string;
  title: string;
  owner: string;
  ownerPlaceholder: string;
  when: string;
  delays: Record<ItemDelay, string>;
  submit: string;
  cancel: string;
  notOpened: string;
  /** The DM the owner gets. */
  message: (item: string, owner: string | undefined, jobId: string) => string;
  sent: string;
  scheduled: (isoTime: string) => string;
  gone: string;
  /** The install lacks a scope the DM needs (im:write), as Slack answers `missing_scope`. */
  needsScope: string;
}

export const actionItemsText: Localized<ActionItemsText> = {
  en: {
    menu: "Send an action item to its owner…",
    title: "Send an action item",
    owner: "Send to",
    ownerPlaceholder: "Choose the owner",
    when: "When",
    delays: { now: "Now", hour: "In an hour", tomorrow: "Tomorrow, this time", week: "In a week" },
    submit: "Send",
    cancel: "Cancel",
    notOpened: "Slack did not open the form in time; choose the action item again.",
    message: (item, owner, id) => `Action item from a meeting${owner ? ` (${owner})` : ""}: ${item} (job ${id})`,
    sent: "Sent to their direct messages.",
    scheduled: (at) => `Scheduled for their direct messages at ${at}.`,
    gone: "That action item is no longer in the meeting's notes.",
    needsScope: "The app may not open direct messages in this workspace yet: an admin reinstalls it to allow that.",
  },
  de: {
    menu: "Eine Aufgabe an ihre Verantwortlichen senden…",
    title: "Aufgabe senden",
    owner: "Senden an",
    ownerPlaceholder: "Verantwortliche Person wählen",
    when: "Wann",
    delays: { now: "Jetzt", hour: "In einer Stunde", tomorrow: "Morgen um diese Zeit", week: "In einer Woche" },
    submit: "Senden",
    cancel: "Abbrechen",
    notOpened: "Slack hat das Formular nicht rechtzeitig geöffnet; wähl die Aufgabe noch einmal.",
    message: (item, owner, id) => `Aufgabe aus einem Meeting${owner ? ` (${owner})` : ""}: ${item} (Auftrag ${id})`,
    sent: "An die Direktnachrichten der Person gesendet.",
    scheduled: (at) => `Für die Direktnachrichten der Person geplant: ${at}.`,
    gone: "Diese Aufgabe steht nicht mehr in den Notizen des Meetings.",
    needsScope: "Die App darf in diesem Workspace noch keine Direktnachrichten öffnen: Ein Admin installiert sie neu, um das zu erlauben.",
  },
  fr: {
    menu: "Envoyer une action à son responsable…",
    title: "Envoyer une action",
    owner: "Envoyer à",
    ownerPlaceholder: "Choisir le responsable",
    when: "Quand",
    delays: { now: "Maintenant", hour: "Dans une heure", tomorrow: "Demain, à cette heure", week: "Dans une semaine" },
    submit: "Envoyer",
    cancel: "Annuler",
    notOpened: "Slack n'a pas ouvert le formulaire à temps ; choisissez de nouveau l'action.",
    message: (item, owner, id) => `Action issue d'une réunion${owner ? ` (${owner})` : ""} : ${item} (tâche ${id})`,
    sent: "Envoyé dans ses messages directs.",
    scheduled: (at) => `Programmé dans ses messages directs pour ${at}.`,
    gone: "Cette action ne figure plus dans les notes de la réunion.",
    needsScope:
      "L'application ne peut pas encore ouvrir de messages directs dans cet espace de travail : un administrateur la réinstalle pour l'autoriser.",
  },
};
