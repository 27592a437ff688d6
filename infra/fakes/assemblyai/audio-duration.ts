import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { probeDuration } from "../../../shared/media/probe-duration.js";
import { MEDIA_TOOL_LIMITS, MediaToolError } from "../../../shared/media/run-tool.js";
import { wavDuration } from "./transcription.js";

/**
 * AssemblyAI transcribes "most common audio and video file formats" (docs, "Supported file
 * types": MP3, MP4, M4A, OGG, WebM, FLAC, WAV, AAC, AMR, …), so the emulator reads what Debian's
 * ffprobe reads, as a local file (no protocol that reaches the network, no playlist or concat
 * script that names other files) in one of these demuxers.
 */
const AUDIO_FORMATS = "wav,mp3,mov,matroska,webm,ogg,flac,aac,amr,avi,asf,flv,mpegts,mpeg,aiff,caf,w64";

/** A file the emulator was sent is read under the workers' limits, for less time: it answers a poll. */
const LIMITS = { ...MEDIA_TOOL_LIMITS, timeoutMs: 30_000 };

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
    try {
      return await probeDuration(file, { stream: "audio", formats: AUDIO_FORMATS, limits: LIMITS, subject: "the audio" });
    } catch (err) {
      // A file ffprobe cannot read, or not in time, is the file's fault; a missing ffprobe is not.
      if (err instanceof MediaToolError && err.reason !== "missing") return undefined;
      throw err;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
