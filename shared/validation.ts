import type { z } from "zod";

/** Names callers reach for (fal's and AssemblyAI's own, other APIs') and the field that means it here. */
const KNOWN_ALIASES: Record<string, string> = {
  numImages: "count",
  num_images: "count",
  n: "count",
  image_size: "imageSize",
  size: "imageSize",
  num_inference_steps: "steps",
  guidance_scale: "guidance",
  output_format: "outputFormat",
  audio_url: "audioUrl",
  url: "audioUrl",
  speaker_labels: "speakerLabels",
  language_code: "languageCode",
  trigger_word: "triggerWord",
  private: "visibility",
};

function unknownFields(keys: readonly string[]): string {
  return keys.map((k) => (KNOWN_ALIASES[k] ? `unknown field ${k} (did you mean ${KNOWN_ALIASES[k]}?)` : `unknown field ${k}`)).join(", ");
}

const units: Record<string, [one: string, many: string]> = {
  string: ["character", "characters"],
  array: ["item", "items"],
  set: ["item", "items"],
  file: ["byte", "bytes"],
};

function bound(origin: string, n: number | bigint): string {
  const unit = units[origin];
  return unit ? `${n} ${Number(n) === 1 ? unit[0] : unit[1]}` : String(n);
}

/**
 * An issue's message in plain words: zod's own wording of a bound ("Too big: expected number to
 * be <=4") becomes "must be at most 4"; a message a schema wrote itself is kept as it is.
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_big" && /^Too big/.test(issue.message))
    return `must be ${issue.inclusive === false ? "less than" : "at most"} ${bound(issue.origin, issue.maximum)}`;
  if (issue.code === "too_small" && /^Too small/.test(issue.message)) {
    if (issue.origin === "string" && Number(issue.minimum) === 1) return "must not be empty";
    return `must be ${issue.inclusive === false ? "more than" : "at least"} ${bound(issue.origin, issue.minimum)}`;
  }
  if (issue.code === "invalid_type" && /^Invalid input/.test(issue.message) && /received undefined$/.test(issue.message))
    return "is required";
  if (issue.code === "invalid_type" && /^Invalid input/.test(issue.message))
    return issue.expected === "int"
      ? "must be a whole number"
      : `must be ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`;
  if (issue.code === "invalid_format" && issue.format === "regex" && /^Invalid string/.test(issue.message))
    return "is not in the expected form";
  return issue.message;
}

/** One line a person can act on: `prompt: must not be empty; count: …; unknown field numImages (did you mean count?)`. */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join(".");
      const message = issue.code === "unrecognized_keys" ? unknownFields(issue.keys) : issueMessage(issue);
      return path ? `${path}: ${message}` : message;
    })
    .join("; ");
}
