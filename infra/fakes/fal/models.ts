import { unzipSync } from "fflate";
import { renderPicture } from "../picture.js";
import { blendPicture, fetchPicture, type Raster, upscalePicture } from "./picture-operations.js";
import { type FakeRequest, randomSeed, removedFromQueue } from "./requests.js";
import { completeVision } from "./describe.js";
import { completeFill } from "./fill.js";
import { completeKontextMulti, completeUltraRedux } from "./references.js";
import { safetensorsHeader } from "./safetensors.js";
import type { FalState } from "./state.js";
import { completeVideo, videoInputSchemas } from "./video.js";

/**
 * What each model does with a request once it has run: FLUX draws pictures, ESRGAN, image-to-image
 * and Kontext work on a picture they download, the LoRA trainer reads its dataset archive.
 */

const imageSizes: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};

const sizeOf = (input: Record<string, unknown>): [number, number] => {
  const size = input.image_size;
  if (typeof size === "object" && size !== null)
    return [Number((size as { width: number }).width), Number((size as { height: number }).height)];
  return imageSizes[String(size ?? "landscape_4_3")] ?? [1024, 768];
};

/** The size of a result's picture n, as the result says (an operation's follows its source). */
const resultSize = (r: FakeRequest, n: number): [number, number] | undefined => {
  const result = r.result as { images?: Array<{ width: number; height: number }>; image?: { width: number; height: number } } | undefined;
  const img = result?.images?.[n - 1] ?? (n === 1 ? result?.image : undefined);
  return img ? [img.width, img.height] : undefined;
};

/** A result's picture n, as PNG bytes. */
export function picture(state: FalState, r: FakeRequest, n: number): Buffer {
  const name = `${r.id}/${n}`;
  let bytes = state.pictures.get(name);
  if (!bytes) {
    // Made at completion. After a restart of the emulator: read back when kept (a picture made
    // from a source), else (a generation) drawn again from its prompt and seed at the size it had.
    const [width, height] = resultSize(r, n) ?? sizeOf(r.input);
    bytes =
      state.store.loadFile(`${r.id}-${n}.png`) ??
      renderPicture(
        String(r.input.prompt ?? ""),
        `${String((r.result as { seed?: string } | undefined)?.seed ?? r.input.seed)}/${n}`,
        width,
        height,
      );
    state.pictures.set(name, bytes);
  }
  return bytes;
}

async function completeTraining(state: FalState, r: FakeRequest): Promise<void> {
  // fal's trainer: "the format of the archive. If not specified, the format will be inferred
  // from the URL", which a presigned URL, ending in its signature, does not show.
  const url = String(r.input.images_data_url ?? "");
  const format = r.input.data_archive_format ?? (/\.zip$/i.test(url) ? "zip" : undefined);
  if (format !== "zip") {
    r.error = {
      status: 422,
      body: {
        detail: [
          {
            loc: ["body", "data_archive_format"],
            msg: format === undefined ? "could not be inferred from images_data_url" : `unsupported format ${String(format)}`,
            type: "value_error",
          },
        ],
      },
    };
    return;
  }
  // Like the service: fetch the dataset archive and train on the images in it.
  const res = await fetch(url);
  if (!res.ok) {
    r.error = {
      status: 422,
      body: { detail: [{ loc: ["body", "images_data_url"], msg: `could not be downloaded (${res.status})`, type: "value_error" }] },
    };
    return;
  }
  const entries = Object.keys(unzipSync(new Uint8Array(await res.arrayBuffer())));
  const images = entries.filter((n) => /\.(png|jpe?g|webp)$/i.test(n));
  if (images.length < 4) {
    r.error = {
      status: 422,
      body: {
        detail: [{ loc: ["body", "images_data_url"], msg: `at least 4 images are needed, got ${images.length}`, type: "value_error" }],
      },
    };
    return;
  }
  const size = state.fake.loraSizeBytes;
  safetensorsHeader(size, {}); // fails early for a size no file can have
  r.result = {
    diffusers_lora_file: {
      url: `${state.origin}/lora/${r.id}/pytorch_lora_weights.safetensors`,
      file_size: size,
      content_type: "application/octet-stream",
      file_name: "pytorch_lora_weights.safetensors",
    },
    config_file: { url: `${state.origin}/lora/${r.id}/config.json`, content_type: "application/json", file_name: "config.json" },
    debug_preprocessed_output: null,
    // What the config file holds, kept so it can be served after a restart.
    _config: { trigger_word: r.input.trigger_word, steps: r.input.steps, images: images.length },
  };
}

/** An upscale, variation or edit: the source picture downloaded, as fal does when the request runs, and worked on. */
async function completeOperation(state: FalState, r: FakeRequest): Promise<void> {
  const { fake } = state;
  let src: Raster;
  try {
    src = await fetchPicture(String(r.input.image_url));
  } catch (err) {
    r.error = {
      status: 422,
      body: { detail: [{ loc: ["body", "image_url"], msg: `image_url ${(err as Error).message}`, type: "value_error" }] },
    };
    return;
  }
  const file = (n: number, bytes: Buffer, width: number, height: number) => {
    state.pictures.set(`${r.id}/${n}`, bytes);
    // A picture made from a source is kept: after a restart the source may be gone.
    state.store.saveFile(`${r.id}-${n}.png`, bytes);
    return {
      url: `${fake.imageOrigin ?? state.origin}/files/${r.id}/${n}.png`,
      width,
      height,
      content_type: "image/png",
      file_size: bytes.length,
    };
  };
  if (r.app === "fal-ai/esrgan") {
    const scale = Number(r.input.scale ?? 2);
    const bytes = upscalePicture(src, scale);
    r.result = { image: file(1, bytes, Math.round(src.width * scale), Math.round(src.height * scale)) };
    return;
  }
  const seed = typeof r.input.seed === "string" ? r.input.seed : randomSeed();
  // Kontext keeps what the instruction does not change; image-to-image strays by its strength (fal's default 0.95).
  const strength = r.app === "fal-ai/flux-pro/kontext" ? 0.6 : Number(r.input.strength ?? 0.95);
  const images = Array.from({ length: Number(r.input.num_images ?? 1) }, (_, i) =>
    file(i + 1, blendPicture(src, String(r.input.prompt ?? ""), `${seed}/${i + 1}`, strength), src.width, src.height),
  );
  r.result = {
    images,
    seed,
    prompt: r.input.prompt,
    has_nsfw_concepts: images.map(() => fake.flagNsfw),
    timings: { inference: fake.processingMs / 1000 },
  };
}

/** The image tools, each in its own file. */
const tools: Record<string, (state: FalState, r: FakeRequest) => Promise<void>> = {
  "fal-ai/flux-pro/v1/fill": completeFill,
  "fal-ai/flux-pro/v1.1-ultra/redux": completeUltraRedux,
  "fal-ai/flux-pro/kontext/multi": completeKontextMulti,
  "fal-ai/flux-pro/kontext/max/multi": completeKontextMulti,
  "openrouter/router/vision": completeVision,
  ...Object.fromEntries(Object.keys(videoInputSchemas).map((app) => [app, completeVideo])),
};

/** Gives a request that has run its result or error, once, and stores it. */
export async function complete(state: FalState, r: FakeRequest): Promise<void> {
  const { fake } = state;
  if (r.result || r.error) return;
  if (removedFromQueue(r)) {
    r.error = { status: 400, body: { detail: "Request was cancelled" } };
  } else if (r.app === "fal-ai/flux-lora-fast-training") {
    await completeTraining(state, r);
  } else if (tools[r.app]) {
    await tools[r.app]?.(state, r);
  } else if (r.input.image_url !== undefined) {
    await completeOperation(state, r);
  } else {
    const [width, height] = sizeOf(r.input);
    const count = Number(r.input.num_images ?? 1);
    const seed = typeof r.input.seed === "string" ? r.input.seed : randomSeed();
    r.result = { seed };
    const images = Array.from({ length: count }, (_, i) => {
      const bytes = picture(state, r, i + 1);
      return {
        url: `${fake.imageOrigin ?? state.origin}/files/${r.id}/${i + 1}.png`,
        width,
        height,
        content_type: "image/png",
        file_size: bytes.length,
      };
    });
    r.result = {
      images,
      seed,
      prompt: r.input.prompt,
      has_nsfw_concepts: images.map(() => fake.flagNsfw),
      timings: { inference: fake.processingMs / 1000 },
    };
  }
  state.store.save(r);
}

/** A running request's log lines: what FLUX on fal prints, its steps (as asked, else the model's default) as tqdm draws them. */
export function runningLogs(state: FalState, r: FakeRequest): string[] {
  // A language model has no diffusion steps to count.
  if (r.app === "openrouter/router/vision") return ["generating"];
  const { processingMs } = state.fake;
  const started = r.submittedAt + processingMs / 3;
  const share = Math.min(1, Math.max(0, (Date.now() - started) / Math.max(1, (processingMs * 2) / 3)));
  const asked = r.input.num_inference_steps;
  const defaults: Record<string, number> = { "fal-ai/flux/schnell": 4, "fal-ai/flux/dev/image-to-image": 40 };
  const steps = typeof asked === "number" ? asked : (defaults[r.app] ?? 28);
  const done = Math.floor(share * steps);
  const pct = Math.floor((done / steps) * 100);
  const bar = "█".repeat(Math.floor(pct / 10)).padEnd(10, " ");
  return ["generating", `${String(pct).padStart(3)}%|${bar}| ${done}/${steps} [00:00<00:01, 10.00it/s]`];
}
