import { formText } from "../../shared/chat/locale/forms.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { imageSizes } from "../../shared/jobs/input.js";
import { parseSize } from "../../shared/jobs/typed-choices.js";

type Choice = { name: string; value: string };

/** Discord takes at most 25 suggestions (Receiving and Responding: Autocomplete). */
const CHOICES_MAX = 25;
/** Aspect ratios offered beside the presets, each about one megapixel (typed-choices.ts). */
const RATIOS = ["16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9", "1:1"];

const pixels = (text: string) => {
  const size = parseSize(text);
  return "width" in size ? `${size.width}×${size.height}` : undefined;
};

/**
 * /generate's `size` is free text, read as the CLI and Slack read it (a preset by value or name,
 * WIDTHxHEIGHT, W:H); autocomplete suggests the presets in the member's language and common
 * ratios, with what the member typed first when it reads as a size. Discord sends what was typed
 * when no suggestion is picked; a size that does not read is refused by the command, saying why.
 */
export function sizeSuggestions(typed: string, locale: ChatLocale): Choice[] {
  const needle = typed.trim().toLowerCase();
  const presets = imageSizes.map((value) => ({ name: formText[locale].sizes[value], value }));
  const ratios = RATIOS.map((r) => ({ name: `${r} (${pixels(r)})`, value: r }));
  const offered = [...presets, ...ratios].filter(
    (c) => !needle || c.name.toLowerCase().includes(needle) || c.value.toLowerCase().includes(needle),
  );
  let own: Choice | undefined;
  try {
    const size = parseSize(typed);
    const value = typed.trim();
    if ("width" in size && !offered.some((c) => c.value === value)) own = { name: `${value} (${size.width}×${size.height})`, value };
  } catch {
    // Not a size (yet): the member is still typing, and the suggestions that match are shown.
  }
  return [...(own ? [own] : []), ...offered].slice(0, CHOICES_MAX);
}
