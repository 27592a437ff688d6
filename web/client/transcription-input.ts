import type { CreateJobInputRaw } from "../../shared/jobs/input.js";

/** "Ann, Bo" → ["Ann", "Bo"]; nothing typed → undefined. */
const listOf = (text: string): string[] | undefined => {
  const items = text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
};

/**
 * The transcription form's job input: only the options filled in, so the API's defaults and the
 * team's settings apply to the rest. `speakerLabels` is sent only when ticked: false would
 * contradict a speaker count or names. Notes are on unless unticked.
 */
export function transcriptionInput(form: HTMLFormElement, uploadKey: string): CreateJobInputRaw {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? "";
  const ticked = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
  const count = value("speakersExpected");
  const speakerNames = listOf(value("speakerNames"));
  const vocabulary = listOf(value("vocabulary"));
  return {
    type: "transcription",
    uploadKey,
    ...(ticked("speakerLabels") ? { speakerLabels: true } : {}),
    ...(value("languageCode") ? { languageCode: value("languageCode") } : {}),
    ...(count ? { speakersExpected: Number(count) } : {}),
    ...(speakerNames ? { speakerNames } : {}),
    ...(vocabulary ? { vocabulary } : {}),
    ...(value("translateTo") ? { translateTo: value("translateTo").toLowerCase() } : {}),
    ...(ticked("redactPii") ? { redactPii: true } : {}),
    ...(ticked("notes") ? {} : { notes: false }),
  };
}
