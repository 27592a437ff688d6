import type { ImageModel, ImageSize } from "../../jobs/input.js";
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
  lora: string;
  loraStrength: (min: number, max: number) => string;
  editQuestion: string;
  editPlaceholder: string;
  sizes: Record<ImageSize, string>;
  model: string;
  /** Slack's model picker's first choice: the channel's default, or the deployment's. */
  defaultModel: string;
  /** Discord's one text input for a model or a LoRA: a LoRA runs on FLUX.1 [dev] anyway, and a modal holds five inputs. */
  modelOrLora: (min: number, max: number) => string;
  modelOrLoraPlaceholder: string;
  models: Record<ImageModel, string>;
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
    model: "Model",
    defaultModel: "The default here",
    modelOrLora: (min, max) => `Model, or LoRA trigger word:strength ${min}-${max}`,
    modelOrLoraPlaceholder: "flux-schnell, flux-dev, flux-pro; or annstyle, annstyle:0.8",
    models: {
      "flux-pro": "FLUX1.1 [pro], best quality",
      "flux-dev": "FLUX.1 [dev], balanced",
      "flux-schnell": "FLUX.1 [schnell], fastest",
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
    model: "Modell",
    defaultModel: "Die Voreinstellung hier",
    modelOrLora: (min, max) => `Modell, oder LoRA-Triggerwort:Stärke ${min}-${max}`,
    modelOrLoraPlaceholder: "flux-schnell, flux-dev, flux-pro; oder annstyle, annstyle:0.8",
    models: {
      "flux-pro": "FLUX1.1 [pro], beste Qualität",
      "flux-dev": "FLUX.1 [dev], ausgewogen",
      "flux-schnell": "FLUX.1 [schnell], am schnellsten",
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
    model: "Modèle",
    defaultModel: "Celui par défaut ici",
    modelOrLora: (min, max) => `Modèle, ou LoRA mot:intensité ${min}-${max}`,
    modelOrLoraPlaceholder: "flux-schnell, flux-dev, flux-pro ; ou annstyle, annstyle:0.8",
    models: {
      "flux-pro": "FLUX1.1 [pro], meilleure qualité",
      "flux-dev": "FLUX.1 [dev], équilibré",
      "flux-schnell": "FLUX.1 [schnell], le plus rapide",
    },
  },
};
