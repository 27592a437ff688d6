import { randomUUID } from "node:crypto";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { transcriptKeys } from "../../shared/storage/keys.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { useFixture } from "../helpers/use-fixture.js";

/** Two speakers' words as AssemblyAI keeps them: times in ms, a speaker on each word and utterance. */
const words = [
  { text: "Welcome", start: 0, end: 400, speaker: "A", confidence: 1 },
  { text: "everyone.", start: 400, end: 900, speaker: "A", confidence: 1 },
  { text: "Thanks,", start: 1200, end: 1600, speaker: "B", confidence: 1 },
  { text: "glad", start: 1600, end: 1900, speaker: "B", confidence: 1 },
  { text: "to", start: 1900, end: 2000, speaker: "B", confidence: 1 },
  { text: "join.", start: 2000, end: 2400, speaker: "B", confidence: 1 },
];
const transcript = {
  text: "Welcome everyone. Thanks, glad to join.",
  words,
  utterances: [
    { speaker: "A", text: "Welcome everyone.", start: 0, end: 900, words: words.slice(0, 2) },
    { speaker: "B", text: "Thanks, glad to join.", start: 1200, end: 2400, words: words.slice(2) },
  ],
};

/**
 * A member names a finished transcript's speakers (jobs.renameSpeakers); the team sees the names
 * in the API's job, in every transcript download (rendered when read, the stored files
 * unchanged) and on the gallery's job page. Another workspace cannot see or name them.
 */
describe("naming a transcript's speakers", () => {
  const api = useFixture<TestApi>(() => startTestApi());

  async function storedTranscript(owner: { userId: string; workspaceId: string }, status: "completed" | "running" = "completed") {
    const jobId = randomUUID();
    const keys = transcriptKeys(owner.userId, jobId);
    const put = (Key: string, Body: string, ContentType: string) =>
      api.deps.storage.client.send(new PutObjectCommand({ Bucket: api.deps.storage.bucket, Key, Body, ContentType }));
    await put(keys.json, JSON.stringify(transcript), "application/json");
    await put(keys.text, transcript.text, "text/plain");
    await put(keys.srt, "1\n00:00:00,000 --> 00:00:02,400\nWelcome everyone. Thanks, glad to join.\n", "application/x-subrip");
    await put(keys.vtt, "WEBVTT\n\n00:00:00.000 --> 00:00:02.400\nWelcome everyone. Thanks, glad to join.\n", "text/vtt");
    await api.deps.jobs.create({
      jobId,
      type: "transcription",
      userId: owner.userId,
      workspaceId: owner.workspaceId,
      input: { audioUrl: "https://example.com/a.wav", speakerLabels: true },
    });
    await api.deps.jobs.pushVersion(jobId, {
      version: 1,
      transcriptUrl: keys.json,
      textUrl: keys.text,
      wordCount: words.length,
      duration: 2.4,
      s3Keys: { json: keys.json, text: keys.text, srt: keys.srt, vtt: keys.vtt },
    });
    if (status === "completed") await api.deps.jobs.setStatus(jobId, "completed", { progress: 100 });
    else await api.deps.jobs.setStatus(jobId, "running");
    return jobId;
  }

  /** A file of the job through its /d/ link, as a click on a download gets it. */
  async function download(job: { files: Array<{ fileName: string; url: string }> }, fileName: string): Promise<string> {
    const url = job.files.find((f) => f.fileName === fileName)?.url ?? "";
    const res = await api.app.request(new URL(url).pathname);
    if (res.status === 302) return (await fetch(res.headers.get("location") ?? "")).text();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(fileName);
    return res.text();
  }

  it("a teammate names A and B; the job, every download and the gallery page show the names; the stored files stay as made", async () => {
    const alice = await api.member("acme", "alice");
    const bob = await api.member("acme", "bob");
    const jobId = await storedTranscript(alice);
    const before = dataOf<{ files: Array<{ fileName: string; url: string }> }>(
      await trpcCall(api.app, bob.key, "jobs.get", { jobId }, "query"),
    );
    expect(await download(before, "transcript.txt")).toBe(transcript.text);

    const renamed = await trpcCall(api.app, bob.key, "jobs.renameSpeakers", { jobId, names: { A: "Alice Martin", B: "Bo" } }, "mutation");
    expect(renamed.status).toBe(200);
    const job = dataOf<{ speakerNames: Record<string, string>; files: Array<{ fileName: string; url: string }> }>(renamed);
    expect(job.speakerNames).toEqual({ A: "Alice Martin", B: "Bo" });
    expect(dataOf<{ speakerNames: unknown }>(await trpcCall(api.app, alice.key, "jobs.get", { jobId }, "query")).speakerNames).toEqual({
      A: "Alice Martin",
      B: "Bo",
    });

    expect(await download(job, "transcript.txt")).toBe("Alice Martin: Welcome everyone.\n\nBo: Thanks, glad to join.\n");
    const srt = await download(job, "transcript.srt");
    expect(srt).toContain("1\n00:00:00,000 --> 00:00:00,900\nAlice Martin: Welcome everyone.\n");
    expect(srt).toContain("2\n00:00:01,200 --> 00:00:02,400\nBo: Thanks, glad to join.\n");
    const vtt = await download(job, "transcript.vtt");
    expect(vtt.startsWith("WEBVTT\n\n")).toBe(true);
    expect(vtt).toContain("00:00:01.200 --> 00:00:02.400\n<v Bo>Thanks, glad to join.\n");
    const json = JSON.parse(await download(job, "transcript.json")) as {
      utterances: Array<{ speaker: string }>;
      words: Array<{ speaker: string }>;
    };
    expect(json.utterances.map((u) => u.speaker)).toEqual(["Alice Martin", "Bo"]);
    expect(new Set(json.words.map((w) => w.speaker))).toEqual(new Set(["Alice Martin", "Bo"]));
    // assets.downloadUrl hands out the link that renders them.
    const signed = dataOf<{ url: string }>(
      await trpcCall(api.app, alice.key, "assets.downloadUrl", { jobId, file: "transcript.txt" }, "query"),
    );
    expect((await (await api.app.request(new URL(signed.url).pathname)).text()).startsWith("Alice Martin: ")).toBe(true);
    // The bucket keeps AssemblyAI's files.
    const stored = await api.deps.storage.client.send(
      new GetObjectCommand({ Bucket: api.deps.storage.bucket, Key: transcriptKeys(alice.userId, jobId).text }),
    );
    expect(await stored.Body?.transformToString()).toBe(transcript.text);

    // A null takes a name back; the other stays.
    const back = dataOf<{ speakerNames: unknown }>(
      await trpcCall(api.app, alice.key, "jobs.renameSpeakers", { jobId, names: { B: null } }, "mutation"),
    );
    expect(back.speakerNames).toEqual({ A: "Alice Martin" });
    expect((await rawJobs(api.deps).findOne({ jobId }))?.speakerNames).toEqual([{ speaker: "A", name: "Alice Martin" }]);
  });

  it("the gallery's job page shows the names and its form renames", async () => {
    const carol = await api.member("initrode", "carol");
    const jobId = await storedTranscript(carol);
    const link = new URL(dataOf<{ url: string }>(await trpcCall(api.app, carol.key, "gallery.signInLink", undefined, "mutation")).url);
    const redeemed = await api.app.request("/app/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: link.searchParams.get("token") ?? "" }).toString(),
    });
    const cookie = (redeemed.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = await (await api.app.request(`/app/jobs/${jobId}`, { headers: { cookie } })).text();
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? "";
    expect(page).toContain('name="speaker_1" value="B"');
    const posted = await api.app.request(`/app/jobs/${jobId}/actions`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        _csrf: csrf,
        action: "rename-speakers",
        speaker_0: "A",
        name_0: "Ana",
        speaker_1: "B",
        name_1: "",
      }).toString(),
    });
    expect(posted.status).toBe(303);
    const after = await (await api.app.request(`/app/jobs/${jobId}`, { headers: { cookie } })).text();
    expect(after).toMatch(/<span class="speaker">Ana<\/span>/);
    expect(after).toContain('name="name_0" value="Ana"');
  });

  it("refuses what is not a finished transcript's speaker, and another workspace gets NOT_FOUND; nothing changes", async () => {
    const dana = await api.member("globex", "dana");
    const eve = await api.member("umbrella", "eve");
    const jobId = await storedTranscript(dana);
    const call = (key: string, input: unknown) => trpcCall(api.app, key, "jobs.renameSpeakers", input, "mutation");

    const unknown = await call(dana.key, { jobId, names: { C: "Cy" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toMatch(/no speaker "C" in this transcript; its speakers are A, B/);
    expect((await call(dana.key, { jobId, names: {} })).status).toBe(400);
    expect((await call(dana.key, { jobId, names: { A: "x".repeat(101) } })).status).toBe(400);
    const running = await storedTranscript(dana, "running");
    expect((await call(dana.key, { jobId: running, names: { A: "Ann" } })).status).toBe(412);

    const foreign = await call(eve.key, { jobId, names: { A: "Mallory" } });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).toContain('"NOT_FOUND"');
    expect(JSON.stringify(foreign.body)).not.toContain("Welcome");
    expect((await rawJobs(api.deps).findOne({ jobId }))?.speakerNames).toBeUndefined();
  });
});
