import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { MEDIA_TOOL_LIMITS, runMediaTool } from "../../../shared/media/run-tool.js";
import { redactedSpans } from "./apply-options.js";
import type { AssemblyAiState } from "./state.js";
import type { FakeTranscript } from "./transcript-record.js";
import { download } from "./transcripts.js";

/**
 * The redacted copy of a transcript's audio, as redact_pii_audio makes it ("PII Redaction:
 * create redacted audio files"): the original with a 1 kHz beep in place of each redacted
 * word, the rest as it was, encoded as redact_pii_audio_quality asks (mp3 by default, or wav).
 */
export async function redactedAudio(state: AssemblyAiState, t: FakeTranscript): Promise<Buffer | undefined> {
  if (t.outcome?.status !== "completed") return undefined;
  const original = await download(state, t.audioUrl);
  if (!original) return undefined;
  const spans = redactedSpans(t.outcome.words);
  const during = spans.length ? spans.map((s) => `between(t,${s.start / 1000},${s.end / 1000})`).join("+") : "0";
  const format = t.request.redact_pii_audio_quality ?? "mp3";
  const dir = await mkdtemp(path.join(tmpdir(), "cg-aai-redact-"));
  try {
    const input = path.join(dir, "original");
    const output = path.join(dir, `redacted.${format}`);
    await writeFile(input, original);
    await runMediaTool(
      "ffmpeg",
      [
        "-v",
        "error",
        "-protocol_whitelist",
        "file,lavfi",
        "-i",
        input,
        "-f",
        "lavfi",
        "-i",
        `sine=frequency=1000:sample_rate=16000:duration=${Math.max(1, t.outcome.audioDuration + 1)}`,
        "-filter_complex",
        `[0:a]aresample=16000,volume=0:enable='${during}'[speech];[1:a]volume=0:enable='not(${during})'[beep];[speech][beep]amix=inputs=2:duration=first:normalize=0[out]`,
        "-map",
        "[out]",
        "-ac",
        "1",
        ...(format === "mp3" ? ["-c:a", "libmp3lame", "-b:a", "64k"] : ["-c:a", "pcm_s16le"]),
        "-y",
        output,
      ],
      MEDIA_TOOL_LIMITS,
      "the audio",
    );
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
