/**
 * What each image operation needs and refuses, checked by imageGenerationParams (input.ts, where
 * the fields themselves are described) so that every surface answers the same refusal.
 */

/**
 * What an image job does: make pictures from a prompt, or work on one picture (its source: a
 * picture of a finished job, an upload or a URL): upscale it, make variations of it, edit it by
 * an instruction, zoom out of it or pan it (the frame grows, FLUX Fill paints the new part), or
 * repaint a region of it; or describe it (prompts that would make it, from a vision model); or
 * blend several pictures into one (`sources`).
 */
export const imageOperations = ["generate", "upscale", "vary", "edit", "zoom-out", "pan", "vary-region", "describe", "blend"] as const;
export type ImageOperation = (typeof imageOperations)[number];

/** The ways to name the picture an operation works on: exactly one of them. */
export const pictureSources = ["source", "uploadKey", "imageUrl"] as const;

/** What the FLUX Fill operations do not take: their size is the source's, grown by the operation. */
const fillRefuses = ["imageSize", "width", "height", "steps", "guidance", "lora", "strength", "scale", "model"];

type Need = "prompt" | "source" | "direction" | "region" | "sources";

/** Per operation: what it needs, and the options it does not take (each answered with why). */
const operationRules: Record<ImageOperation, { needs: Need[]; refuses: string[] }> = {
  generate: { needs: ["prompt"], refuses: [...pictureSources, "strength", "scale"] },
  // An upscale is one picture made bigger: nothing to prompt, count, seed or tune. Each operation runs on its own endpoint, whatever the model.
  upscale: {
    needs: ["source"],
    refuses: ["prompt", "imageSize", "width", "height", "seed", "steps", "guidance", "lora", "strength", "model"],
  },
  // A variation keeps its source's size; the prompt defaults to the source job's.
  vary: { needs: ["source"], refuses: ["imageSize", "width", "height", "lora", "scale", "model"] },
  // An edit's prompt is the instruction ("make it night"); it keeps the source's size.
  edit: { needs: ["prompt", "source"], refuses: ["imageSize", "width", "height", "steps", "lora", "strength", "scale", "model"] },
  // FLUX.1 Fill [pro] paints the new part of the frame: no steps or guidance; the prompt defaults to the source's.
  "zoom-out": { needs: ["source"], refuses: fillRefuses },
  pan: { needs: ["source", "direction"], refuses: fillRefuses },
  "vary-region": { needs: ["prompt", "source", "region"], refuses: fillRefuses },
  // A describe reads one picture and answers text: nothing to prompt, size, seed or tune.
  describe: {
    needs: ["source"],
    refuses: ["prompt", "imageSize", "width", "height", "seed", "steps", "guidance", "lora", "strength", "scale", "model"],
  },
  // FLUX Kontext multi: the pictures, a prompt (a default one when none), an aspect ratio; no steps, sizes, models or LoRAs.
  blend: {
    needs: ["sources"],
    refuses: [...pictureSources, "imageSize", "width", "height", "steps", "lora", "strength", "scale", "model"],
  },
};

/** The options only some operations take, and which. */
const operationOnly: Record<string, ImageOperation[]> = {
  factor: ["zoom-out"],
  aspectRatio: ["zoom-out", "blend", "generate"],
  sources: ["blend"],
  references: ["generate"],
  direction: ["pan"],
  amount: ["pan"],
  region: ["vary-region"],
};

function needMessage(operation: ImageOperation, field: Need): string {
  switch (field) {
    case "source":
      return `${operation} needs a source image: { jobId, image }, an uploadKey or an imageUrl`;
    case "direction":
      return "pan needs a direction: left, right, up or down";
    case "region":
      return "vary-region needs a region: rects, polygons or maskUploadKey";
    case "sources":
      return "blend needs sources: 2 to 4 pictures, each { jobId, image }, { uploadKey } or { imageUrl }";
    default:
      if (operation === "edit") return "edit needs a prompt: the instruction, such as 'make it night'";
      if (operation === "vary-region") return "vary-region needs a prompt: what to paint in the region";
      return "must not be empty";
  }
}

export interface OperationIssue {
  path: string;
  message: string;
}

/** Each way the parameters break their operation's rules: a missing need, an option it does not take, two sources. */
export function operationIssues(v: Record<string, unknown>): OperationIssue[] {
  const operation = (v.operation as ImageOperation | undefined) ?? "generate";
  const rules = operationRules[operation];
  const issues: OperationIssue[] = [];
  const given = pictureSources.filter((s) => v[s] !== undefined);
  for (const field of rules.needs) {
    const present = field === "source" ? given.length > 0 : v[field] !== undefined;
    if (!present) issues.push({ path: field, message: needMessage(operation, field) });
  }
  if (rules.needs.includes("source") && given.length > 1)
    issues.push({ path: given[1] as string, message: `give one picture to work on: ${given.join(" or ")}, not both` });
  for (const [field, takenBy] of Object.entries(operationOnly)) {
    if (v[field] !== undefined && !takenBy.includes(operation))
      issues.push({ path: field, message: `${operation} does not take ${field}` });
  }
  for (const field of rules.refuses) {
    if (v[field] !== undefined) issues.push({ path: field, message: `${operation} does not take ${field}` });
  }
  return issues;
}
