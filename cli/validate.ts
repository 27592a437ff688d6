import type { z } from "zod";
import { type CreateJobInputRaw, createJobInput, limits } from "../shared/jobs/input.js";
import { issueMessage } from "../shared/validation.js";
import { UsageError } from "./errors.js";
import type { Command } from "./spec/index.js";

/** Job input fields filled from a command's arguments rather than a flag. */
const argumentFields: Record<string, string> = {
  prompt: "the prompt",
  "source.jobId": "the job id",
  jobId: "the job id",
  imageKeys: "the folder",
  imagesZipKey: "the training data",
  videoKey: "the video",
  uploadKey: "the file",
  audioUrl: "the file or URL",
  sources: "the pictures",
};

/** Where the schema's words fit a typed value badly: a seed of -5 is a whole number, just not one it takes. */
const clearer: Record<string, (value: unknown) => string | undefined> = {
  seed: (v) => (typeof v === "string" && /^-\d+$/.test(v.trim()) ? `must be 0 or more (at most ${limits.seed.max})` : undefined),
};

const valueAt = (input: unknown, path: string) =>
  path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), input);

/** The issue that says most: inside a union (a seed is a number or a string of digits), the branch that was meant. */
function telling(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== "invalid_union") return issue;
  const branches = issue.errors.flat();
  return branches.find((i) => i.code !== "invalid_type") ?? branches[0] ?? issue;
}

/**
 * Checks input with one of the API's own schemas (shared/) before anything is sent or uploaded,
 * and names a refusal by the flag that gave the field.
 */
export function checkWith(schema: z.ZodType, command: Command, input: unknown): void {
  const parsed = schema.safeParse(input);
  const first = parsed.error?.issues[0];
  if (!first) return;
  const issue = telling(first);
  const path = [...first.path, ...(issue === first ? [] : issue.path)].join(".");
  // The flag that gave the field, or a part of it (--ref gives references, so also references.0.weight).
  const flag =
    command.flags.find((f) => f.field === path) ??
    command.flags.find((f) => f.field !== undefined && f.repeatable && path.startsWith(`${f.field}.`));
  const what = flag ? `--${flag.name}` : (argumentFields[path] ?? argumentFields[path.split(".")[0] as string] ?? (path || "the input"));
  const message = clearer[path]?.(valueAt(input, path)) ?? issueMessage(issue);
  throw new UsageError(`${what}: ${message}`);
}

/** A job's input, as jobs.create will check it. */
export const checkJobInput = (command: Command, input: CreateJobInputRaw) => checkWith(createJobInput, command, input);
