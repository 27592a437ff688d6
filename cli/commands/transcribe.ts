import type { CreateJobInputRaw } from "../../shared/jobs/input.js";
import { checkJobInput } from "../validate.js";
import { type Args, type CliContext, bool, str } from "./context.js";
import { sharing, submitJob } from "./submit.js";
import { localFile, pendingUploadKey, uploadChecked } from "./upload.js";

export async function transcribe(ctx: CliContext, a: Args): Promise<void> {
  const source = a.positionals[0] as string;
  const language = str(a, "language");
  const translateTo = str(a, "translate-to");
  const input = (media: { audioUrl: string } | { uploadKey: string }): CreateJobInputRaw => ({
    type: "transcription",
    ...media,
    // A translation keeps each speaker's turn, so it tells the speakers apart.
    speakerLabels: bool(a, "speakers") || translateTo !== undefined,
    ...(language ? { languageCode: language.toLowerCase(), languageDetection: false } : {}),
    ...(translateTo ? { translateTo: translateTo.toLowerCase() } : {}),
    ...sharing(a),
  });
  if (/^https?:\/\//i.test(source)) return submitJob(ctx, a, input({ audioUrl: source }));
  const file = await localFile(source, /^(audio|video)\//, "an audio or video file");
  // The whole input is checked before the file goes anywhere: a wrong language costs no upload.
  checkJobInput(a.command, input({ uploadKey: pendingUploadKey(file) }));
  await submitJob(ctx, a, input({ uploadKey: await uploadChecked(ctx, file) }));
}
