import { z } from "zod";
import { type MediaToolLimits, runMediaTool } from "./run-tool.js";

/** The fields of `ffprobe -of json -show_format -show_streams` the duration is read from. */
const probeOutput = z.object({
  format: z.object({ duration: z.string().optional() }).optional(),
  streams: z.array(z.object({ codec_type: z.string().optional(), duration: z.string().optional() })).default([]),
});

/**
 * Seconds of a local file as ffprobe reads them from the container (or, failing that, from its
 * first stream of `stream`'s kind), or undefined when ffprobe's answer holds no such stream or no
 * duration. ffprobe's JSON keeps the duration in its own field, apart from the file's metadata
 * tags, whose text the uploader writes. The file is opened as a local file only, in one of
 * `formats` (ffprobe's `-format_whitelist`), so a playlist or concat script cannot make it read
 * other files. A run that fails (unreadable, too slow, too big, no ffprobe) throws MediaToolError:
 * which of those the caller forgives is its own call.
 */
export async function probeDuration(
  file: string,
  opts: { stream: "audio" | "video"; formats: string; limits: MediaToolLimits; subject: string },
): Promise<number | undefined> {
  const { stdout } = await runMediaTool(
    "ffprobe",
    ["-v", "error", "-protocol_whitelist", "file", "-format_whitelist", opts.formats, "-of", "json", "-show_format", "-show_streams", file],
    opts.limits,
    opts.subject,
  );
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const parsed = probeOutput.safeParse(json);
  if (!parsed.success) return undefined;
  const stream = parsed.data.streams.find((s) => s.codec_type === opts.stream);
  if (!stream) return undefined;
  const seconds = Number(parsed.data.format?.duration ?? stream.duration);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}
