import { randomUUID } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { tempKey, transcriptKeys } from "../../shared/storage/keys.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { useFixture } from "../helpers/use-fixture.js";

const transcript = {
  text: "Hello [PERSON_NAME] here.",
  words: [{ text: "Hello", start: 0, end: 400, speaker: "A", confidence: 1 }],
  utterances: [{ speaker: "A", text: "Hello [PERSON_NAME] here.", start: 0, end: 900 }],
};

/**
 * The gallery's transcript page plays a redacted job's beeped copy, never the original upload
 * (which still holds what was redacted), even while that upload is kept in the bucket.
 */
describe("the job page's audio of a redacted transcript", () => {
  const api = useFixture<TestApi>(() => startTestApi());

  async function storedJob(owner: { userId: string; workspaceId: string }, opts: { redacted: boolean; copy: boolean }) {
    const jobId = randomUUID();
    const keys = transcriptKeys(owner.userId, jobId);
    const uploadKey = tempKey(owner.workspaceId, owner.userId, "meeting.wav");
    const put = (Key: string, Body: string, ContentType: string) =>
      api.deps.storage.client.send(new PutObjectCommand({ Bucket: api.deps.storage.bucket, Key, Body, ContentType }));
    await put(uploadKey, "RIFF original", "audio/wav");
    await put(keys.json, JSON.stringify(transcript), "application/json");
    await put(keys.text, transcript.text, "text/plain");
    if (opts.copy) await put(keys.redactedAudio("mp3"), "ID3 beeped", "audio/mpeg");
    await api.deps.jobs.create({
      jobId,
      type: "transcription",
      userId: owner.userId,
      workspaceId: owner.workspaceId,
      input: { uploadKey, ...(opts.redacted ? { redactPii: true } : {}) },
    });
    await api.deps.jobs.pushVersion(jobId, {
      version: 1,
      transcriptUrl: keys.json,
      textUrl: keys.text,
      wordCount: 1,
      duration: 0.9,
      ...(opts.redacted ? { redactedPii: true } : {}),
      s3Keys: { json: keys.json, text: keys.text, ...(opts.copy ? { redactedAudio: keys.redactedAudio("mp3") } : {}) },
    });
    await api.deps.jobs.setStatus(jobId, "completed", { progress: 100 });
    return { jobId, uploadKey, redactedKey: keys.redactedAudio("mp3") };
  }

  async function pageAs(member: { key: string }, jobId: string): Promise<string> {
    const link = new URL(dataOf<{ url: string }>(await trpcCall(api.app, member.key, "gallery.signInLink", undefined, "mutation")).url);
    const redeemed = await api.app.request("/app/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: link.searchParams.get("token") ?? "" }).toString(),
    });
    const cookie = (redeemed.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const res = await api.app.request(`/app/jobs/${jobId}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return res.text();
  }

  /** The player's source: the bucket path it presigns, and what it serves. */
  async function played(html: string): Promise<{ path: string; body: string } | undefined> {
    const src = /<audio[^>]* src="([^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
    if (!src) return undefined;
    return { path: decodeURIComponent(new URL(src).pathname), body: await (await fetch(src)).text() };
  }

  it("a redacted job plays redacted-audio.mp3, and no link on the page names the upload", async () => {
    const alice = await api.member("acme", "alice");
    const job = await storedJob(alice, { redacted: true, copy: true });
    const html = await pageAs(alice, job.jobId);
    const audio = await played(html);
    expect(audio?.path.endsWith(job.redactedKey)).toBe(true);
    expect(audio?.body).toBe("ID3 beeped");
    expect(html).not.toContain(job.uploadKey);
    expect(html).not.toContain(encodeURIComponent(job.uploadKey));
  });

  it("a redacted job without its copy plays nothing rather than the original", async () => {
    const bob = await api.member("globex", "bob");
    const job = await storedJob(bob, { redacted: true, copy: false });
    const html = await pageAs(bob, job.jobId);
    expect(await played(html)).toBeUndefined();
    expect(html).not.toContain(job.uploadKey);
  });

  it("a job without redaction still plays its upload", async () => {
    const carol = await api.member("initrode", "carol");
    const job = await storedJob(carol, { redacted: false, copy: false });
    const audio = await played(await pageAs(carol, job.jobId));
    expect(audio?.path.endsWith(job.uploadKey)).toBe(true);
    expect(audio?.body).toBe("RIFF original");
  });
});
