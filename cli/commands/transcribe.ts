import { parseArgs } from "node:util";
import { UsageError } from "../client.js";
import type { CliContext } from "./context.js";
import { following, sharing, submitFlags, submitJob } from "./submit.js";
import { uploadLocalFile } from "./upload.js";

export async function transcribe(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      speakers: { type: "boolean", default: false },
      language: { type: "string" },
      ...submitFlags,
    },
  });
  const source = positionals[0];
  if (!source || positionals.length > 1)
    throw new UsageError("usage: transcribe <audio or video file | http(s) URL> [--speakers] [--language en] [--out <dir>]");
  const media = /^https?:\/\//i.test(source)
    ? { audioUrl: source }
    : { uploadKey: await uploadLocalFile(ctx, source, /^(audio|video)\//, "an audio or video file") };
  await submitJob(
    ctx,
    {
      type: "transcription",
      ...media,
      speakerLabels: values.speakers,
      ...(values.language ? { languageCode: values.language, languageDetection: false } : {}),
      ...sharing(values),
    },
    following(values),
  );
}
