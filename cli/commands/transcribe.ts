import type { CreateJobInputRaw } from "../../shared/jobs/input.js";
import { checkJobInput } from "../validate.js";
import { type Args, type CliContext, bool, num, str } from "./context.js";
import { sharing, submitJob } from "./submit.js";
import { localFile, pendingUploadKey, uploadChecked } from "./upload.js";

export async function transcribe(ctx: CliContext, a: Args): Promise<void> {
  const source = a.positionals[0] as string;
  const language = str(a, "language");
  const translateTo = str(a, "translate-to");
  const speakersExpected = num(a, "speaker-count");
  const speakerNames = a.values["speaker-name"] as string[] | undefined;
  const vocabulary = a.values.vocabulary as string[] | undefined;
  // Only what was given: `speakerLabels: false` would contradict a count or names, and an unset
  // `notes` or `redactPii` leaves the team's setting.
  const input = (media: { audioUrl: string } | { uploadKey: string }): CreateJobInputRaw => ({
    type: "transcription",
    ...media,
    ...(bool(a, "speakers") ? { speakerLabels: true } : {}),
    ...(language ? { language: language.toLowerCase() } : {}),
    ...(speakersExpected !== undefined ? { speakersExpected } : {}),
    ...(speakerNames?.length ? { speakerNames } : {}),
    ...(vocabulary?.length ? { vocabulary } : {}),
    ...(bool(a, "redact-pii") ? { redactPii: true } : {}),
    ...(translateTo ? { translateTo: translateTo.toLowerCase() } : {}),
    ...(bool(a, "no-notes") ? { notes: false } : {}),
    ...sharing(a),
  });
  if (/^https?:\/\//i.test(source)) return submitJob(ctx, a, input({ audioUrl: source }));
  const file = await localFile(source, /^(audio|video)\//, "an audio or video file");
  // The whole input is checked before the file goes anywhere: a wrong language costs no upload.
  checkJobInput(a.command, input({ uploadKey: pendingUploadKey(file) }));
  await submitJob(ctx, a, input({ uploadKey: await uploadChecked(ctx, file) }));
}
