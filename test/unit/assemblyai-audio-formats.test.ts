import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { AssemblyAI } from "assemblyai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audioSeconds } from "../../infra/fakes/assemblyai/audio-duration.js";
import { type AssemblyAiFake, startAssemblyAiFake } from "../../infra/fakes/assemblyai/emulator.js";
import { createAssemblyAi } from "../../queue/providers/assemblyai.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";

const run = promisify(execFile);

/**
 * AssemblyAI transcribes any common audio or video file ("Supported file types": MP3, MP4, M4A,
 * OGG, WebM, FLAC, WAV and more), so the emulator reads them too, with Debian's ffprobe. The files
 * are made at run time by Debian's ffmpeg from a WAV tone.
 */
const SECONDS = 2.6;
const encodings: Record<string, string[]> = {
  // At 44.1 kHz, as MP3s mostly are: its frames, and the encoder delay ffprobe counts in, are shorter.
  mp3: ["-ar", "44100", "-c:a", "libmp3lame", "-b:a", "64k"],
  m4a: ["-c:a", "aac", "-b:a", "64k"],
  ogg: ["-c:a", "libvorbis"],
  // A video with an audio track, as a phone records it.
  mp4: [
    "-f",
    "lavfi",
    "-i",
    `color=c=blue:size=160x120:rate=10:duration=${SECONDS}`,
    "-c:v",
    "libx264",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-shortest",
  ],
};

let dir: string;
const media: Record<string, Buffer> = {};
let fake: AssemblyAiFake;
let aai: AssemblyAI;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cg-aai-formats-"));
  const wav = path.join(dir, "tone.wav");
  await writeFile(wav, makeWav(SECONDS));
  for (const [ext, args] of Object.entries(encodings)) {
    const out = path.join(dir, `tone.${ext}`);
    await run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", wav, ...args, "-y", out]);
    media[ext] = await readFile(out);
  }
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
  for (const ext of Object.keys(encodings)) {
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
