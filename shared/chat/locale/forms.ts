import type { ImageSize } from "../../jobs/input.js";
import type { Localized } from "./languages.js";

/**
 * The modals' words in one language: the generate form (from /generate with no prompt, and Edit
 * prompt & rerun) and the Edit form. Discord takes at most 45 characters in a title or a label;
 * Slack 24 in a modal's title and its buttons.
 */
export interface FormText {
  generateTitle: string;
  remixTitle: string;
  editTitle: (image: number) => string;
  generate: string;
  edit: string;
  cancel: string;
  postIn: string;
  prompt: string;
  promptPlaceholder: string;
  /** Discord's one text input for the size. */
  sizeAny: string;
  size: string;
  sizeCustom: string;
  sizeCustomPlaceholder: string;
  count: (min: number, max: number) => string;
  howMany: string;
  seed: string;
  seedPlaceholder: string;
  /** Discord's one text input for a LoRA and its strength. */
  loraWithStrength: (min: number, max: number) => string;
  loraPlaceholder: string;
  lora: string;
  loraStrength: (min: number, max: number) => string;
  editQuestion: string;
  editPlaceholder: string;
  sizes: Record<ImageSize, string>;
}

export const formText: Localized<FormText> = {
  en: {
    generateTitle: "Generate images",
    remixTitle: "Edit prompt & rerun",
    editTitle: (n) => `Edit picture ${n}`,
    generate: "Generate",
    edit: "Edit",
    cancel: "Cancel",
    postIn: "Post in",
    prompt: "Prompt",
    promptPlaceholder: "a lighthouse in fog at dusk",
    sizeAny: "Size: a preset, 1024x768 or 16:9",
    size: "Size",
    sizeCustom: "Or a size or aspect ratio",
    sizeCustomPlaceholder: "1024x768 or 16:9",
    count: (min, max) => `How many (${min}-${max})`,
    howMany: "How many",
    seed: "Seed (blank: a new one)",
    seedPlaceholder: "a whole number",
    loraWithStrength: (min, max) => `LoRA trigger word, :strength ${min}-${max}`,
    loraPlaceholder: "annstyle or annstyle:0.8",
    lora: "LoRA",
    loraStrength: (min, max) => `LoRA strength (${min}-${max})`,
    editQuestion: "What should change?",
    editPlaceholder: "make it night, add a red umbrella, turn it into a watercolour",
    sizes: {
      square_hd: "Square HD (1024×1024)",
      square: "Square (512×512)",
      portrait_4_3: "Portrait 3:4",
      portrait_16_9: "Portrait 9:16",
      landscape_4_3: "Landscape 4:3",
      landscape_16_9: "Landscape 16:9",
    },
  },
  de: {
    generateTitle: "Bilder erzeugen",
    remixTitle: "Prompt ändern & neu",
    editTitle: (n) => `Bild ${n} bearbeiten`,
    generate: "Erzeugen",
    edit: "Bearbeiten",
    cancel: "Abbrechen",
    postIn: "Posten in",
    prompt: "Prompt",
    promptPlaceholder: "ein Leuchtturm im Nebel in der Dämmerung",
    sizeAny: "Größe: Vorgabe, 1024x768 oder 16:9",
    size: "Größe",
    sizeCustom: "Oder eine Größe oder ein Seitenverhältnis",
    sizeCustomPlaceholder: "1024x768 oder 16:9",
    count: (min, max) => `Wie viele (${min}-${max})`,
    howMany: "Wie viele",
    seed: "Seed (leer: ein neuer)",
    seedPlaceholder: "eine ganze Zahl",
    loraWithStrength: (min, max) => `LoRA-Triggerwort, :Stärke ${min}-${max}`,
    loraPlaceholder: "annstyle oder annstyle:0.8",
    lora: "LoRA",
    loraStrength: (min, max) => `LoRA-Stärke (${min}-${max})`,
    editQuestion: "Was soll sich ändern?",
    editPlaceholder: "mach es Nacht, füge einen roten Schirm hinzu, mach ein Aquarell daraus",
    sizes: {
      square_hd: "Quadrat HD (1024×1024)",
      square: "Quadrat (512×512)",
      portrait_4_3: "Hochformat 3:4",
      portrait_16_9: "Hochformat 9:16",
      landscape_4_3: "Querformat 4:3",
      landscape_16_9: "Querformat 16:9",
    },
  },
  fr: {
    generateTitle: "Générer des images",
    remixTitle: "Modifier et relancer",
    editTitle: (n) => `Retoucher l'image ${n}`,
    generate: "Générer",
    edit: "Retoucher",
    cancel: "Annuler",
    postIn: "Publier dans",
    prompt: "Prompt",
    promptPlaceholder: "un phare dans le brouillard au crépuscule",
    sizeAny: "Taille : préréglage, 1024x768 ou 16:9",
    size: "Taille",
    sizeCustom: "Ou une taille ou un format",
    sizeCustomPlaceholder: "1024x768 ou 16:9",
    count: (min, max) => `Combien (${min}-${max})`,
    howMany: "Combien",
    seed: "Seed (vide : une nouvelle)",
    seedPlaceholder: "un nombre entier",
    loraWithStrength: (min, max) => `Mot déclencheur du LoRA, :intensité ${min}-${max}`,
    loraPlaceholder: "annstyle ou annstyle:0.8",
    lora: "LoRA",
    loraStrength: (min, max) => `Intensité du LoRA (${min}-${max})`,
    editQuestion: "Que faut-il changer ?",
    editPlaceholder: "en pleine nuit, ajoute un parapluie rouge, en aquarelle",
    sizes: {
      square_hd: "Carré HD (1024×1024)",
      square: "Carré (512×512)",
      portrait_4_3: "Portrait 3:4",
      portrait_16_9: "Portrait 9:16",
      landscape_4_3: "Paysage 4:3",
      landscape_16_9: "Paysage 16:9",
    },
  },
};
