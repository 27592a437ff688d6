import type { SettingsLayer } from "../../jobs/settings.js";
import type { Localized } from "./languages.js";

/** `/settings show` in one language: each setting's name, its values, and where a value comes from. */
export interface SettingsText {
  title: string;
  line: string;
  names: Record<keyof SettingsLayer, string>;
  notSet: string;
  yes: string;
  no: string;
  trainers: Record<"everyone" | "admins", string>;
  fromChannel: string;
  fromWorkspace: string;
}

export const settingsText: Localized<SettingsText> = {
  en: {
    title: "Settings here",
    line: "Admins change them with /settings set; a channel's value overrides the server's or team's.",
    names: {
      imageSize: "Default size",
      model: "Default model",
      lora: "Default LoRA",
      privateResults: "Results private",
      maxImages: "Most images per request",
      trainers: "Who may train LoRAs",
      monthlyBudgetUsd: "Monthly budget (USD)",
      vocabulary: "Transcription vocabulary",
      redactPii: "Redact personal data in transcripts",
      notes: "Meeting notes",
    },
    notSet: "not set",
    yes: "yes",
    no: "no",
    trainers: { everyone: "everyone", admins: "admins" },
    fromChannel: "this channel",
    fromWorkspace: "whole server or team",
  },
  de: {
    title: "Einstellungen hier",
    line: "Admins ändern sie mit /settings set; der Wert eines Kanals geht dem des Servers oder Teams vor.",
    names: {
      imageSize: "Standardgröße",
      model: "Standardmodell",
      lora: "Standard-LoRA",
      privateResults: "Ergebnisse privat",
      maxImages: "Höchstens Bilder pro Anfrage",
      trainers: "Wer LoRAs trainieren darf",
      monthlyBudgetUsd: "Monatsbudget (USD)",
      vocabulary: "Vokabular für Transkripte",
      redactPii: "Personenbezogene Daten in Transkripten schwärzen",
      notes: "Besprechungsnotizen",
    },
    notSet: "nicht gesetzt",
    yes: "ja",
    no: "nein",
    trainers: { everyone: "alle", admins: "Admins" },
    fromChannel: "dieser Kanal",
    fromWorkspace: "ganzer Server oder ganzes Team",
  },
  fr: {
    title: "Réglages ici",
    line: "Les administrateurs les changent avec /settings set ; la valeur d'un canal l'emporte sur celle du serveur ou de l'équipe.",
    names: {
      imageSize: "Taille par défaut",
      model: "Modèle par défaut",
      lora: "LoRA par défaut",
      privateResults: "Résultats privés",
      maxImages: "Images par demande au plus",
      trainers: "Qui peut entraîner des LoRA",
      monthlyBudgetUsd: "Budget mensuel (USD)",
      vocabulary: "Vocabulaire des transcriptions",
      redactPii: "Masquer les données personnelles des transcriptions",
      notes: "Notes de réunion",
    },
    notSet: "non défini",
    yes: "oui",
    no: "non",
    trainers: { everyone: "tout le monde", admins: "administrateurs" },
    fromChannel: "ce canal",
    fromWorkspace: "tout le serveur ou l'équipe",
  },
};
