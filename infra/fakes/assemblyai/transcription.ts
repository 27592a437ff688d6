import { createHash } from "node:crypto";

/** What the emulator makes of an audio file, and what it answers when it cannot get one. */

const vocabulary = [
  "the",
  "team",
  "agreed",
  "to",
  "ship",
  "harbour",
  "release",
  "on",
  "friday",
  "after",
  "review",
  "of",
  "new",
  "designs",
  "and",
  "budget",
  "numbers",
  "for",
  "next",
  "quarter",
];

export type Outcome =
  | {
      status: "completed";
      text: string;
      words: Array<{ text: string; start: number; end: number; confidence: number; speaker: string | null }>;
      audioDuration: number;
      languageCode: string;
      /** Speaker Identification's answer: each speaker label and the name it became. */
      speakerMapping?: Record<string, string>;
    }
  | { status: "error"; error: string };

/** Seconds of audio in a PCM WAV file, or undefined when the bytes are not one. */
export function wavDuration(bytes: Buffer): number | undefined {
  if (bytes.length < 44 || bytes.toString("ascii", 0, 4) !== "RIFF" || bytes.toString("ascii", 8, 12) !== "WAVE") return undefined;
  let offset = 12;
  let byteRate = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString("ascii", offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === "fmt ") byteRate = bytes.readUInt32LE(offset + 16);
    if (id === "data" && byteRate > 0) return Math.min(size, bytes.length - offset - 8) / byteRate;
    offset += 8 + size + (size % 2);
  }
  return undefined;
}

/**
 * The words the emulator "hears", spread over the audio's duration: what the test said the
 * audio holds (`script`, the text it made the speech from), else a fixed vocabulary picked by
 * the audio's hash. Speakers are left to the request's options (apply-options.ts).
 */
export function transcribe(bytes: Buffer, seconds: number, languageCode: string, script?: string): Outcome {
  const seed = createHash("sha256").update(bytes).digest();
  const scripted = script?.trim() ? script.trim().split(/\s+/) : undefined;
  const count = scripted?.length ?? Math.max(1, Math.round(seconds * 2.5));
  const words = Array.from({ length: count }, (_, i) => {
    const start = Math.round((i * seconds * 1000) / count);
    const text = scripted?.[i] ?? vocabulary[((seed[i % seed.length] ?? 0) + i) % vocabulary.length] ?? "word";
    return { text, start, end: start + Math.round((seconds * 900) / count), confidence: 0.95, speaker: null as string | null };
  });
  return { status: "completed", text: words.map((w) => w.text).join(" "), words, audioDuration: Math.round(seconds), languageCode };
}

/** AssemblyAI's documented text for a download that failed ("Troubleshoot common errors"). */
export const downloadError = (url: string) =>
  `Download error, unable to download ${url}. Please make sure the file exists and is accessible from the internet.`;
