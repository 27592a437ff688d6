import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { AssemblyAI } from "assemblyai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audioSeconds } from "../../infra/fakes/assemblyai/audio-duration.js";
import { type AssemblyAiFake, startAssemblyAiFake } from "../../infra/fakes/assemblyai/emulator.js";
import { createAssemblyAi } from "../../queue/providers/assemblyai.js";
import { TONE_FORMATS, encodeTone } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";

const run = promisify(execFile);

/**
 * AssemblyAI transcribes any common audio or video file ("Supported file types": MP3, MP4, M4A,
 * OGG, WebM, FLAC, WAV and more), so the emulator reads them too, with Debian's ffprobe. The files
 * are made at run time by Debian's ffmpeg from a WAV tone.
 */
const SECONDS = 2.6;

let dir: string;
const media: Record<string, Buffer> = {};
let fake: AssemblyAiFake;
let aai: AssemblyAI;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cg-aai-formats-"));
  for (const [ext, file] of Object.entries(await encodeTone(dir, "tone", SECONDS))) media[ext] = await readFile(file);
  fake = await startAssemblyAiFake({ processingMs: 50 });
  aai = createAssemblyAi({ assemblyAiKey: "k", assemblyAiBaseUrl: fake.url });
}, 60_000);

afterAll(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

const settled = (id: string) =>
  waitFor(
    async () => {
      const t = await aai.transcripts.get(id);
      return t.status === "completed" || t.status === "error" ? t : undefined;
    },
    10_000,
    `transcript ${id} to end`,
  );

describe("the AssemblyAI emulator reads any audio or video file", () => {
  for (const ext of TONE_FORMATS) {
    it(`transcribes ${ext.toUpperCase()} with its duration`, async () => {
      const bytes = media[ext] as Buffer;
      const { id } = await aai.transcripts.submit({ audio: bytes });
      const t = await settled(id);
      expect(t).toMatchObject({ status: "completed", audio_duration: Math.round(SECONDS) });
      // The words span the audio: the last ends within its duration, past nine tenths of it.
      const last = t.words?.at(-1);
      expect(last?.end ?? 0).toBeLessThanOrEqual((SECONDS + 0.1) * 1000);
      expect(last?.end ?? 0).toBeGreaterThan(SECONDS * 900);
      expect(Math.abs(((await audioSeconds(bytes)) ?? 0) - SECONDS)).toBeLessThanOrEqual(0.1);
    });
  }

  it("Common errors: a file with no audio fails with AssemblyAI's transcoding error", async () => {
    const text = Buffer.from("these are the meeting notes, not a recording of the meeting\n".repeat(50));
    expect(await audioSeconds(text)).toBeUndefined();
    const { id } = await aai.transcripts.submit({ audio: text });
    expect(await settled(id)).toMatchObject({
      status: "error",
      error: "Transcoding failed. File does not appear to contain audio.",
    });
  });

  it("a video with no audio track fails the same way", async () => {
    const silent = path.join(dir, "silent.mp4");
    await run("ffmpeg", [
      "-hide_banner",
      "-loglevel",
      "error",
      "-f",
      "lavfi",
      "-i",
      "color=c=red:size=160x120:rate=10:duration=1",
      "-c:v",
      "libx264",
      "-pix_fmt",
      "yuv420p",
      "-y",
      silent,
    ]);
    expect(await audioSeconds(await readFile(silent))).toBeUndefined();
  });
});
