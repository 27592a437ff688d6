import { describe, expect, it } from "vitest";
import { presignDownload } from "../../shared/storage/presign.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { useFixture } from "../helpers/use-fixture.js";

/**
 * Deleting a job removes what it consumed: a transcription's uploaded recording and a training's
 * uploaded images are gone at once (a link made before answers 404), not at the daily cleanup,
 * and a new job cannot take them again. Other uploads of the member stay.
 */
describe("deleting a job removes the uploads it consumed", () => {
  const api = useFixture<TestApi>(() => startTestApi());

  async function upload(key: string, fileName: string, contentType: string) {
    const bytes = Buffer.alloc(4000, 1);
    const signed = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(api.app, key, "assets.uploadUrl", { fileName, contentType, sizeBytes: bytes.length }, "mutation"),
    );
    expect((await fetch(signed.url, { method: "PUT", body: bytes, headers: signed.headers })).status).toBe(200);
    return signed.uploadKey;
  }

  it("a deleted transcription's recording is unreadable and cannot be used again; an unrelated upload stays", async () => {
    const alice = await api.member("acme", "alice");
    const recording = await upload(alice.key, "standup.wav", "audio/wav");
    const unrelated = await upload(alice.key, "other.wav", "audio/wav");
    const create = (input: unknown) => trpcCall(api.app, alice.key, "jobs.create", input, "mutation");
    const { jobId } = dataOf<{ jobId: string }>(await create({ type: "transcription", uploadKey: recording }));
    // The link the job's page plays the recording from.
    const audio = (await presignDownload(api.deps.storage, recording, { expiresIn: 3600 })).url;
    expect((await fetch(audio)).status).toBe(200);

    expect((await trpcCall(api.app, alice.key, "jobs.delete", { jobId }, "mutation")).status).toBe(200);
    expect((await fetch(audio)).status).toBe(404);
    const again = await create({ type: "transcription", uploadKey: recording });
    expect(again.status).toBe(400);
    expect(again.body.error?.message).toMatch(/was not found/);
    expect((await create({ type: "transcription", uploadKey: unrelated })).status).toBe(200);
  });

  it("a deleted training's uploaded images go with it", async () => {
    const bob = await api.member("acme", "bob");
    const zip = await upload(bob.key, "faces.zip", "application/zip");
    const { jobId } = dataOf<{ jobId: string }>(
      await trpcCall(api.app, bob.key, "jobs.create", { type: "lora-training", triggerWord: "bobface", imagesZipKey: zip }, "mutation"),
    );
    const link = (await presignDownload(api.deps.storage, zip, { expiresIn: 3600 })).url;
    expect((await fetch(link)).status).toBe(200);
    expect((await trpcCall(api.app, bob.key, "jobs.delete", { jobId }, "mutation")).status).toBe(200);
    expect((await fetch(link)).status).toBe(404);
  });
});
