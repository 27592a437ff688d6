import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { type VideoEndpoint, videoEndpoints } from "../../../shared/jobs/video-endpoints.js";
import { runMediaTool } from "../../../shared/media/run-tool.js";
import { renderPicture } from "../picture.js";
import sharp from "sharp";
import { encodePng, fetchPicture, type Raster } from "./picture-operations.js";
import type { FakeRequest } from "./requests.js";
import type { FalState } from "./state.js";

/**
 * The video endpoints, as their model pages and @fal-ai/client's input types give them
 * (shared/jobs/video-endpoints.ts names them): durations are enum strings, Kling's cfg_scale is
 * 0-1, and each takes only its own fields (strict, as every schema of the emulator is).
 */
const prompt = z.string().min(1);
const image = z.string().min(1);
const kling = {
  prompt,
  duration: z.enum(["5", "10"]).optional(),
  negative_prompt: z.string().optional(),
  cfg_scale: z.number().min(0).max(1).optional(),
};
const hailuo = { prompt, duration: z.enum(["6", "10"]).optional(), prompt_optimizer: z.boolean().optional() };

export const videoInputSchemas = {
  "fal-ai/kling-video/v2.1/standard/image-to-video": z.strictObject({ ...kling, image_url: image }),
  "fal-ai/kling-video/v2.5-turbo/pro/image-to-video": z.strictObject({ ...kling, image_url: image, tail_image_url: image.optional() }),
  "fal-ai/kling-video/v2.5-turbo/pro/text-to-video": z.strictObject({ ...kling, aspect_ratio: z.enum(["16:9", "9:16", "1:1"]).optional() }),
  "fal-ai/minimax/hailuo-02/standard/image-to-video": z.strictObject({
    ...hailuo,
    image_url: image,
    end_image_url: image.optional(),
    resolution: z.enum(["512P", "768P"]).optional(),
  }),
  "fal-ai/minimax/hailuo-02/standard/text-to-video": z.strictObject(hailuo),
  "fal-ai/pixverse/extend": z
    .strictObject({
      prompt,
      video_url: image,
      duration: z.enum(["5", "8"]).optional(),
      resolution: z.enum(["360p", "540p", "720p", "1080p"]).optional(),
      negative_prompt: z.string().optional(),
      style: z.enum(["anime", "3d_animation", "clay", "comic", "cyberpunk"]).optional(),
      model: z.enum(["v3.5", "v4", "v4.5", "v5", "v5.5", "v5.6", "v6"]).optional(),
      generate_audio_switch: z.boolean().optional(),
      seed: z.string().regex(/^\d+$/).optional(),
    })
    // Its page: "1080p videos are limited to 5 seconds".
    .superRefine((v, ctx) => {
      if (v.resolution === "1080p" && v.duration === "8")
        ctx.addIssue({ code: "custom", path: ["duration"], message: "1080p videos are limited to 5 seconds" });
    }),
} as const;

/** Frames per second of the emulator's clips: few, so making one costs little; fal's models make 24-30. */
const FPS = 8;

/** Even numbers (H.264 in 4:2:0 needs them) for a frame of `ratio` whose shorter side is `short`. */
function frameSize(ratio: number, short: number): [number, number] {
  const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
  return ratio >= 1 ? [even(short * ratio), even(short)] : [even(short), even(short / ratio)];
}

const ratioOf = (ar: string) => {
  const [w, h] = ar.split(":").map(Number);
  return (w ?? 16) / (h ?? 9);
};

/** A 422 as fal answers a URL it cannot read, on the field that holds it. */
function unreadable(r: FakeRequest, field: string, err: unknown): void {
  r.error = { status: 422, body: { detail: [{ loc: ["body", field], msg: `${field} ${(err as Error).message}`, type: "value_error" }] } };
}

/**
 * A clip as the endpoint makes one: its first frame the picture it was given (or one drawn from
 * the prompt), scaled so its shorter side is the endpoint's resolution; as long as asked; the
 * picture's hue turning over time, so frames differ. An end frame is downloaded as fal does and
 * refused the same way when it cannot be read.
 */
export async function completeVideo(state: FalState, r: FakeRequest): Promise<void> {
  const spec: VideoEndpoint = videoEndpoints[r.app as keyof typeof videoEndpoints];
  const seconds = Number(r.input.duration ?? spec.durations[0]);
  const short = spec.heights[String(r.input.resolution ?? spec.resolutions?.[0] ?? "default")] ?? 720;
  let first: Raster | undefined;
  try {
    if (r.input.image_url !== undefined) first = await fetchPicture(String(r.input.image_url));
  } catch (err) {
    return unreadable(r, "image_url", err);
  }
  try {
    if (r.input.video_url !== undefined) first = await lastFrame(String(r.input.video_url));
  } catch (err) {
    return unreadable(r, "video_url", err);
  }
  const endField = spec.endFrame;
  if (endField && r.input[endField] !== undefined) {
    try {
      await fetchPicture(String(r.input[endField]));
    } catch (err) {
      return unreadable(r, endField, err);
    }
  }
  const [width, height] = frameSize(first ? first.width / first.height : ratioOf(String(r.input.aspect_ratio ?? "16:9")), short);
  const mode = state.fake.videoClip;
  const dir = await mkdtemp(path.join(tmpdir(), "fal-video-"));
  try {
    const src = path.join(dir, "first.png");
    await writeFile(src, first ? await encodePng(first) : renderPicture(String(r.input.prompt), r.id, width, height));
    const out = path.join(dir, "clip.mp4");
    const length = mode === "short" ? seconds / 2 : seconds;
    // The shortest loop-and-filter chain: frame 0 is the picture (a hue turn of 0), then its colours rotate.
    await runMediaTool(
      "ffmpeg",
      ["-hide_banner", "-loglevel", "error", "-loop", "1", "-i", src, "-t", String(length), "-r", String(FPS)]
        .concat(["-vf", `scale=${width}:${height}:flags=bicubic,hue=h=t*36`, "-c:v", "libx264", "-preset", "ultrafast"])
        .concat(["-crf", "12", "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-y", out]),
      undefined,
      "the emulator's clip",
    );
    let clip = await readFile(out);
    if (mode === "corrupt") clip = Buffer.alloc(clip.length, 0x5a);
    state.videos.set(r.id, clip);
    state.store.saveFile(`${r.id}.mp4`, clip);
    const size = clip.length + (mode === "huge" ? state.fake.hugeVideoPadding : 0);
    r.result = {
      video: { url: `${state.origin}/videos/${r.id}/output.mp4`, content_type: "video/mp4", file_name: "output.mp4", file_size: size },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The last frame of the clip at a URL, where an extend goes on from. */
async function lastFrame(url: string): Promise<Raster> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`could not be downloaded (${res.status})`);
  const dir = await mkdtemp(path.join(tmpdir(), "fal-extend-"));
  try {
    const src = path.join(dir, "source.mp4");
    await writeFile(src, Buffer.from(await res.arrayBuffer()));
    const out = path.join(dir, "last.png");
    try {
      await runMediaTool(
        "ffmpeg",
        ["-hide_banner", "-loglevel", "error", "-sseof", "-0.5", "-i", src, "-update", "1", "-y", out],
        undefined,
        "the source clip",
      );
    } catch {
      throw new Error("is not a video the model can read");
    }
    const { data, info } = await sharp(await readFile(out))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A clip's bytes as served: the MP4, and for a huge clip a `free` box of padding after it,
 * which MP4 readers skip, streamed without being held in memory.
 */
export function videoStream(clip: Buffer, padding: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(1024 * 1024);
  let sent = -1;
  return new ReadableStream({
    pull(controller) {
      if (sent === -1) {
        controller.enqueue(new Uint8Array(clip));
        if (padding < 8) return controller.close();
        const header = Buffer.alloc(8);
        header.writeUInt32BE(padding, 0);
        header.write("free", 4, "latin1");
        controller.enqueue(new Uint8Array(header));
        sent = 8;
        return;
      }
      const left = padding - sent;
      if (left <= 0) return controller.close();
      const n = Math.min(chunk.length, left);
      controller.enqueue(n === chunk.length ? chunk.slice() : chunk.slice(0, n));
      sent += n;
    },
  });
}
