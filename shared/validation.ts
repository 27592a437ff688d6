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

/** One line a person can act on: `prompt: must not be empty; count: …; unknown field numImages (did you mean count?)`. */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join(".");
      const message = issue.code === "unrecognized_keys" ? unknownFields(issue.keys) : issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join("; ");
}
