import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { MEDIA_TOOL_LIMITS, MediaToolError, runMediaTool } from "../../../shared/media/run-tool.js";
import { wavDuration } from "./transcription.js";

/**
 * AssemblyAI transcribes "most common audio and video file formats" (docs, "Supported file
 * types": MP3, MP4, M4A, OGG, WebM, FLAC, WAV, AAC, AMR, …), so the emulator reads what Debian's
 * ffprobe reads, as a local file (no protocol that reaches the network, no playlist or concat
 * script that names other files) in one of these demuxers.
 */
const INPUT_OPTIONS = [
  "-protocol_whitelist",
  "file",
  "-format_whitelist",
  "wav,mp3,mov,matroska,webm,ogg,flac,aac,amr,avi,asf,flv,mpegts,mpeg,aiff,caf,w64",
];

/** A file the emulator was sent is read under the workers' limits, for less time: it answers a poll. */
const LIMITS = { ...MEDIA_TOOL_LIMITS, timeoutMs: 30_000 };

/** The fields of `ffprobe -of json -show_format -show_streams` the duration is read from. */
const probeOutput = z.object({
  format: z.object({ duration: z.string().optional() }).optional(),
  streams: z.array(z.object({ codec_type: z.string().optional(), duration: z.string().optional() })).default([]),
});

/**
 * Seconds of audio in a file the emulator was sent, or undefined when it holds no audio ffprobe
 * can read (within the limits): AssemblyAI then answers "Transcoding failed". A PCM WAV is read
 * from its header, without a process.
 */
export async function audioSeconds(bytes: Buffer): Promise<number | undefined> {
  const wav = wavDuration(bytes);
  if (wav !== undefined) return wav;
  const dir = await mkdtemp(path.join(tmpdir(), "cg-aai-audio-"));
  try {
    const file = path.join(dir, "audio");
    await writeFile(file, bytes);
    let stdout: string;
    try {
      ({ stdout } = await runMediaTool(
        "ffprobe",
        ["-v", "error", ...INPUT_OPTIONS, "-of", "json", "-show_format", "-show_streams", file],
        LIMITS,
        "the audio",
      ));
    } catch (err) {
      // A file ffprobe cannot read, or not in time, is the file's fault; a missing ffprobe is not.
      if (err instanceof MediaToolError && err.reason !== "missing") return undefined;
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(stdout);
    } catch {
      return undefined;
    }
    const parsed = probeOutput.safeParse(json);
    if (!parsed.success) return undefined;
    const audio = parsed.data.streams.find((s) => s.codec_type === "audio");
    if (!audio) return undefined;
    const seconds = Number(parsed.data.format?.duration ?? audio.duration);
    return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
