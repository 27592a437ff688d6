import { referencesRefusal } from "../../shared/jobs/image-endpoints.js";
import { type CreateJobInputRaw, type ImageModel, type ImageSize, type ReferenceRole, createJobInput } from "../../shared/jobs/input.js";
import { parseSize } from "../../shared/jobs/typed-choices.js";
import { formatZodError } from "../../shared/validation.js";
import type { ChatRequest, Started } from "./request.js";
import { CommandInputError } from "./explain.js";
import { type CheckedFile, type FileRules, type PlatformFile, checkPlatformFile, uploadCheckedFile } from "./files.js";

/**
 * The image tools from chat: describe, blend and a generation with reference pictures. Each is
 * prepared first, without any I/O (every picture's type, size and host, and the input as the
 * API's schema and create would take it, with stand-ins for the uploads), so a command refuses
 * before its deferral and before anything is uploaded; then started, its pictures uploaded one
 * after the other and the job created.
 */

/** A picture named in chat: a file on the platform, or a link the API fetches through its SSRF guard. */
export type ChatPicture = { file: PlatformFile } | { imageUrl: string };

/** A prepared command: everything checked; starting it uploads its pictures and creates the job. */
export type PreparedJob = (req: ChatRequest) => Promise<Started>;

/** How one picture appears in a job's input: the upload's key, or the link. */
type PictureField = { uploadKey: string } | { imageUrl: string };

/** An upload key's stand-in while the input is checked, of the form assets.uploadUrl's keys take. */
export const PENDING_UPLOAD = "temp/chat/pending/upload/picture.png";
/** A LoRA's stand-in: no reference endpoint takes one, so the check refuses it before its name is looked up. */
const LORA_STAND_IN = "00000000-0000-4000-8000-000000000000";

type Checked = { checked: CheckedFile } | { imageUrl: string };

/** The API's own refusal of an input, said before anything is uploaded: its schema's, and create's of reference combinations. */
export function refuseAsApiWould(input: CreateJobInputRaw): void {
  const parsed = createJobInput.safeParse(input);
  const reason = parsed.success
    ? parsed.data.type === "image-generation" && parsed.data.references
      ? referencesRefusal(parsed.data)
      : undefined
    : formatZodError(parsed.error);
  if (reason) throw new CommandInputError((t) => t.apiWouldRefuse(reason));
}

/**
 * Checks the input with stand-ins, then each picture; the job is made from the real uploads when
 * started. `takesLink`: whether the command takes a picture's link as well as a file (the image
 * tools do), which a too-large file's refusal offers.
 */
export function prepare(
  rules: FileRules,
  pictures: ChatPicture[],
  build: (field: (n: number) => PictureField) => CreateJobInputRaw,
  takesLink = true,
): PreparedJob {
  const standIn = (p: ChatPicture): PictureField => ("file" in p ? { uploadKey: PENDING_UPLOAD } : p);
  refuseAsApiWould(build((n) => standIn(pictures[n] as ChatPicture)));
  const checked: Checked[] = pictures.map((p) => ("file" in p ? { checked: checkPlatformFile(p.file, "image", rules, takesLink) } : p));
  return async (req) => {
    const fields: PictureField[] = [];
    for (const p of checked) fields.push("checked" in p ? { uploadKey: await uploadCheckedFile(req.api, p.checked) } : p);
    return req.api.jobs.create.mutate({
      ...build((n) => fields[n] as PictureField),
      idempotencyKey: req.invocationId,
      delivery: req.delivery,
    });
  };
}

const visibilityOf = (isPrivate: boolean) => (isPrivate ? ("private" as const) : ("workspace" as const));

/** describe: one picture → 4 prompts that would make it, and its aspect ratio. */
export function prepareDescribe(rules: FileRules, a: { picture: ChatPicture; private: boolean }): PreparedJob {
  return prepare(rules, [a.picture], (field) => ({
    type: "image-generation",
    operation: "describe",
    ...field(0),
    visibility: visibilityOf(a.private),
  }));
}

interface BlendAsked {
  prompt?: string | undefined;
  aspectRatio?: string | undefined;
  private: boolean;
}

const blendInput = (a: BlendAsked, sources: PictureField[]): CreateJobInputRaw => ({
  type: "image-generation",
  operation: "blend",
  sources,
  ...(a.prompt?.trim() ? { prompt: a.prompt.trim() } : {}),
  ...(a.aspectRatio ? { aspectRatio: a.aspectRatio } : {}),
  visibility: visibilityOf(a.private),
});

/** A blend of `count` pictures as the API would take it, checked before any of them is looked up. */
export function checkBlend(a: BlendAsked & { count: number }): void {
  refuseAsApiWould(
    blendInput(
      a,
      Array.from({ length: a.count }, () => ({ uploadKey: PENDING_UPLOAD })),
    ),
  );
}

/** blend: the pictures (the API takes 2-4) into one, with an optional prompt and aspect ratio. */
export function prepareBlend(rules: FileRules, a: BlendAsked & { pictures: ChatPicture[] }): PreparedJob {
  return prepare(rules, a.pictures, (field) =>
    blendInput(
      a,
      a.pictures.map((_, n) => field(n)),
    ),
  );
}

/** The aspect ratio a size preset stands for: a generation with references takes a ratio, not a size. */
const presetRatios: Record<ImageSize, string> = {
  square_hd: "1:1",
  square: "1:1",
  portrait_4_3: "3:4",
  portrait_16_9: "9:16",
  landscape_4_3: "4:3",
  landscape_16_9: "16:9",
};

/**
 * A typed size as a generation with references takes it: an aspect ratio as typed, a preset as
 * its ratio; pixels stay pixels, for the API's check to refuse with what to give instead.
 */
export function referenceFrame(text: string): { aspectRatio: string } | { width: number; height: number } {
  const ratio = /^\s*(\d{1,2})\s*:\s*(\d{1,2})\s*$/.exec(text);
  if (ratio) return { aspectRatio: `${ratio[1]}:${ratio[2]}` };
  const size = parseSize(text);
  return "imageSize" in size ? { aspectRatio: presetRatios[size.imageSize] } : size;
}

/** One reference picture of a generation: a file on the platform, and what it gives the picture. */
export interface ChatReference {
  file: PlatformFile;
  role: ReferenceRole;
}

/**
 * A generation steered by reference pictures. The weight goes with every reference given: the
 * API takes it for a style reference and refuses it for the others, in its own words.
 */
export function prepareReferenceGeneration(
  rules: FileRules,
  a: {
    prompt: string;
    references: ChatReference[];
    weight?: number | undefined;
    /** As typed: an aspect ratio, a preset or pixels. */
    size?: string | undefined;
    count?: number | undefined;
    seed?: string | undefined;
    model?: ImageModel | undefined;
    lora?: string | undefined;
    private: boolean;
  },
): PreparedJob {
  const frame = a.size === undefined ? {} : referenceFrame(a.size);
  return prepare(
    rules,
    a.references.map((r) => ({ file: r.file })),
    (field) => ({
      type: "image-generation",
      prompt: a.prompt,
      references: a.references.map((r, n) => ({
        uploadKey: (field(n) as { uploadKey: string }).uploadKey,
        role: r.role,
        ...(a.weight !== undefined ? { weight: a.weight } : {}),
      })),
      ...frame,
      ...(a.count ? { count: a.count } : {}),
      ...(a.seed !== undefined ? { seed: a.seed } : {}),
      ...(a.model ? { model: a.model } : {}),
      ...(a.lora ? { lora: { jobId: LORA_STAND_IN } } : {}),
      visibility: visibilityOf(a.private),
    }),
  );
}

/** The roles a reference picture may have, in the order the commands offer them. */
export const referenceOptions = ["style", "subject", "composition"] as const satisfies readonly ReferenceRole[];
