import { CommandInputError } from "../chat/input-error.js";
import { formText } from "../chat/locale/forms.js";
import { chatLocales } from "../chat/locale/languages.js";
import { type ImageModel, type ImageSize, imageModels, imageSizes, limits } from "./limits.js";

/**
 * A generation's size and model as people type them, in chat (the bots' commands and forms) and
 * on the command line (the CLI): one reading for both, so `16:9` means the same everywhere.
 */

/** A model by its name (flux-schnell), as typed in a form, on Slack's command line or the CLI's. */
export function imageModelNamed(text: string): ImageModel | undefined {
  const t = text.trim().toLowerCase();
  return imageModels.find((m) => m === t);
}

/** A size preset by its value or its name in any of the bots' languages. */
export function imageSizeNamed(text: string): ImageSize | undefined {
  const t = text.trim().toLowerCase();
  return imageSizes.find((value) => value === t || chatLocales.some((l) => formText[l].sizes[value].toLowerCase() === t));
}

export type SizeChoice = { imageSize: ImageSize } | { width: number; height: number };

/** The pixels an aspect ratio's picture gets: about one megapixel, as FLUX is trained on. */
const RATIO_AREA = 1024 * 1024;
const roundTo = (n: number, step: number) => Math.max(step, Math.round(n / step) * step);

/** A size as people type it: a preset by value or name, WIDTHxHEIGHT, or an aspect ratio W:H. */
export function parseSize(text: string): SizeChoice {
  const size = readSize(text);
  const { min, max, multipleOf } = limits.dimension;
  if ("width" in size && [size.width, size.height].some((d) => d < min || d > max || d % multipleOf !== 0)) {
    throw new CommandInputError((say) => say.sizeDimensions(multipleOf, min, max));
  }
  return size;
}

/**
 * parseSize without its bounds on WIDTHxHEIGHT: the gallery's create bar sends the numbers as
 * typed, so the API's schema refuses them with the message it gives every caller.
 */
export function readSize(text: string): SizeChoice {
  const t = text.trim();
  const preset = imageSizeNamed(t);
  if (preset) return { imageSize: preset };
  const { min, max } = limits.dimension;
  const dims = /^(\d{1,5})\s*[x×*]\s*(\d{1,5})$/i.exec(t);
  if (dims) return { width: Number(dims[1]), height: Number(dims[2]) };
  const ratio = /^(\d{1,2})\s*:\s*(\d{1,2})$/.exec(t);
  if (ratio) {
    const r = Number(ratio[1]) / Number(ratio[2]);
    if (!(r >= 1 / 4 && r <= 4)) throw new CommandInputError((say) => say.aspectRatio);
    const clamp = (d: number) => Math.min(max, Math.max(min, d));
    return { width: clamp(roundTo(Math.sqrt(RATIO_AREA * r), 64)), height: clamp(roundTo(Math.sqrt(RATIO_AREA / r), 64)) };
  }
  throw new CommandInputError((say) => say.sizeFormat(imageSizes.join(", ")));
}
