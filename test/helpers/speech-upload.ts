import { createHash } from "node:crypto";
import { expect } from "vitest";
import { dataOf, trpcCall } from "./http.js";
import { makeWav } from "./media.js";
import type { WorkingApi } from "./working-api.js";

/** A WAV file uploaded as alice's through a presigned PUT; returns its upload key. */
export async function uploadWav(w: WorkingApi, wav: Buffer): Promise<string> {
  const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
    await trpcCall(
      w.api.app,
      w.alice.key,
      "assets.uploadUrl",
      { fileName: "meeting.wav", contentType: "audio/wav", sizeBytes: wav.length },
      "mutation",
    ),
  );
  expect((await fetch(up.url, { method: "PUT", body: wav, headers: up.headers })).status).toBe(200);
  return up.uploadKey;
}

/**
 * A recording uploaded as alice's, the AssemblyAI emulator told what it says; returns its upload
 * key. Its tone has a pitch of its own per script (or the one given), so two recordings never
 * share bytes.
 */
export async function uploadSpeech(w: WorkingApi, script: string, opts: { seconds?: number; pitch?: number } = {}): Promise<string> {
  const pitch = opts.pitch ?? 300 + (createHash("sha256").update(script).digest()[0] ?? 0);
  const wav = makeWav(opts.seconds ?? 4, 16_000, pitch);
  w.aai.speech.set(createHash("sha256").update(wav).digest("hex"), script);
  return uploadWav(w, wav);
}
