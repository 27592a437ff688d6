import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
/** A mono 16-bit PCM WAV of a sine tone, `seconds` long. */
export function makeWav(seconds: number, sampleRate = 16_000, hz = 440): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write("RIFF", 0, "ascii");
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write("WAVE", 8, "ascii");
  buf.write("fmt ", 12, "ascii");
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write("data", 36, "ascii");
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / sampleRate) * 12_000), 44 + i * 2);
  return buf;
}

/** The formats phones and apps record in, as `encodeTone` makes them. */
export const TONE_FORMATS = ["mp3", "m4a", "ogg", "mp4"] as const;

/**
 * A `seconds` long tone, written to `dir/<name>.<format>` for each of TONE_FORMATS by Debian's
 * ffmpeg (installed by the test setup) from a WAV; the paths by format.
 */
export async function encodeTone(dir: string, name: string, seconds: number): Promise<Record<(typeof TONE_FORMATS)[number], string>> {
  const encodings: Record<(typeof TONE_FORMATS)[number], string[]> = {
    // At 44.1 kHz, as MP3s mostly are: its frames, and the encoder delay ffprobe counts in, are shorter.
    mp3: ["-ar", "44100", "-c:a", "libmp3lame", "-b:a", "64k"],
    m4a: ["-c:a", "aac", "-b:a", "64k"],
    ogg: ["-c:a", "libvorbis"],
    // A video with an audio track, as a phone records it.
    mp4: [
      "-f",
      "lavfi",
      "-i",
      `color=c=blue:size=160x120:rate=10:duration=${seconds}`,
      "-c:v",
      "libx264",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      "-shortest",
    ],
  };
  const wav = path.join(dir, `${name}.wav`);
  await writeFile(wav, makeWav(seconds));
  const out = {} as Record<(typeof TONE_FORMATS)[number], string>;
  for (const format of TONE_FORMATS) {
    out[format] = path.join(dir, `${name}.${format}`);
    await promisify(execFile)("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", wav, ...encodings[format], "-y", out[format]]);
  }
  return out;
}

/** One turn of a spoken recording: an espeak-ng voice and what it says. */
export interface SpokenTurn {
  voice: string;
  text: string;
}

/**
 * A meeting of two voices: each turn spoken by Debian's espeak-ng (installed by the test setup)
 * in its voice, the turns joined by ffmpeg into one MP3. The script is the turns' words in order:
 * what a test tells the AssemblyAI emulator the recording says (`fake.speech`, keyed by the
 * MP3's SHA-256).
 */
export async function speakMeeting(turns: SpokenTurn[]): Promise<{ mp3: Buffer; script: string; sha256: string }> {
  const run = promisify(execFile);
  const dir = await mkdtemp(path.join(tmpdir(), "cg-speech-"));
  try {
    const parts: string[] = [];
    for (const [i, turn] of turns.entries()) {
      const part = path.join(dir, `turn-${i}.wav`);
      await run("espeak-ng", ["-v", turn.voice, "-s", "165", "-w", part, turn.text]).catch((err: NodeJS.ErrnoException) => {
        throw err.code === "ENOENT" ? new Error("espeak-ng is not installed: run `sudo apt-get install -y espeak-ng`") : err;
      });
      parts.push(part);
    }
    const list = path.join(dir, "turns.txt");
    await writeFile(list, parts.map((p) => `file '${p}'`).join("\n"));
    const out = path.join(dir, "meeting.mp3");
    await run("ffmpeg", [
      "-hide_banner",
      "-loglevel",
      "error",
      "-f",
      "concat",
      "-safe",
      "0",
      "-i",
      list,
      "-ar",
      "22050",
      "-c:a",
      "libmp3lame",
      "-b:a",
      "48k",
      "-y",
      out,
    ]);
    const mp3 = await readFile(out);
    return { mp3, script: turns.map((t) => t.text).join(" "), sha256: createHash("sha256").update(mp3).digest("hex") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
