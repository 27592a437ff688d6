import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPicture } from "../../infra/fakes/picture.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { s3Bytes } from "../helpers/chat.js";
import { makeWav } from "../helpers/media.js";
import { randomUUID } from "node:crypto";
import { runEntry, waitFor } from "../helpers/processes.js";
import { useWorkingApi } from "../helpers/working-api.js";
import { rawJobs } from "../helpers/raw-jobs.js";

describe("npm run cli -- <API commands>, against the running API", () => {
  const w = useWorkingApi({ processingMs: 600 });
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "cg-cli-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cli = async (args: string[], opts: { key?: string; url?: string } = {}) => {
    const run = runEntry("cli/main.ts", { API_URL: opts.url ?? w.api.url, API_KEY: opts.key ?? w.alice.key, LOG_LEVEL: "silent" }, [
      ...args,
      "--poll-ms",
      "150",
    ]);
    const code = await run.exited;
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  };
  const jobCount = () => rawJobs(w.api.deps).countDocuments({});

  it("generate --json follows the job to the end, prints it as JSON only, and --out saves exactly the stored images", async () => {
    const out = path.join(dir, "gen");
    const run = await cli(["generate", "a", "lighthouse", "at", "dusk", "--count", "2", "--seed", "7", "--out", out, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const job = JSON.parse(run.stdout) as PublicJob;
    expect(job).toMatchObject({
      type: "image-generation",
      status: "completed",
      input: { prompt: "a lighthouse at dusk", count: 2, seed: "7" },
    });
    expect(job.files.map((f) => f.fileName).sort()).toEqual(["image_1.png", "image_2.png"]);
    // --json keeps progress off stderr as well, so a script reads stdout alone.
    expect(run.stderr).toBe("");
    expect((await readdir(out)).sort()).toEqual(["image_1.png", "image_2.png"]);
    const stored = await w.api.deps.jobs.get(job.jobId);
    const first = stored?.versions[0];
    const keys = first && "images" in first ? first.images.map((i) => i.s3Key) : [];
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(await readFile(path.join(out, path.basename(key)))).toEqual(await s3Bytes(w, key));
  }, 60_000);

  it("jobs wait follows the job through jobs.watch's event stream: it ends when the job does, with polling set to ten minutes", async () => {
    // A job nothing runs: it ends only when the test says so, after the CLI is already waiting.
    const jobId = randomUUID();
    await w.api.deps.jobs.create({
      jobId,
      type: "image-generation",
      userId: "alice",
      workspaceId: w.alice.workspaceId,
      input: { prompt: "a held job" },
    });
    const run = runEntry("cli/main.ts", { API_URL: w.api.url, API_KEY: w.alice.key, LOG_LEVEL: "silent" }, [
      "jobs",
      "wait",
      jobId,
      "--poll-ms",
      "600000",
    ]);
    await waitFor(() => /queued/.test(run.stderr()) || undefined, 30_000, `the CLI to wait: ${run.stderr()}`);
    await w.api.deps.jobs.setStatus(jobId, "running", { progress: 40 });
    await waitFor(() => /40%/.test(run.stderr()) || undefined, 30_000, `the CLI to show 40%: ${run.stderr()}`);
    await w.api.deps.jobs.setStatus(jobId, "completed", { progress: 100 });
    expect(await run.exited, run.stderr()).toBe(0);
    expect(run.stdout()).toMatch(new RegExp(`^image-generation ${jobId} completed`));
  }, 60_000);

  it("without --json, shows progress on stderr and the result with its links on stdout", async () => {
    const run = await cli(["generate", "a", "quiet", "harbour"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/image-generation \S+: (queued|running)|image-generation \S+ \d+%/);
    expect(run.stdout).toMatch(/^image-generation \S+ completed in \d+\.\d s\n {2}v1 image_1\.png {2}http:\/\/\S+\/d\/\S+\n$/);
  }, 60_000);

  it("transcribe uploads a local file through a presigned PUT with progress, and download streams the transcript to disk", async () => {
    const wav = path.join(dir, "meeting.wav");
    await writeFile(wav, makeWav(3));
    const run = await cli(["transcribe", wav, "--speakers"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/upload meeting\.wav 100%/);
    expect(run.stderr).toMatch(/uploaded meeting\.wav \(\d+ bytes\)/);
    const jobId = /^transcription (\S+) completed/m.exec(run.stdout)?.[1] ?? "";
    const stored = await w.api.deps.jobs.get(jobId);
    expect(stored?.input).toMatchObject({ speakerLabels: true });
    expect(String(stored?.input?.uploadKey)).toMatch(new RegExp(`^temp/${w.alice.workspaceId}/${w.alice.userId}/[^/]+/meeting\\.wav$`));

    const out = path.join(dir, "transcript");
    const fetched = await cli(["download", jobId, "--out", out]);
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stderr).toMatch(/transcript\.txt 100%/);
    expect((await readdir(out)).sort()).toEqual([
      "notes.json",
      "notes.md",
      "transcript.json",
      "transcript.srt",
      "transcript.txt",
      "transcript.vtt",
    ]);
    const text = await readFile(path.join(out, "transcript.txt"));
    expect(text.length).toBeGreaterThan(0);
    expect(text).toEqual(await s3Bytes(w, `transcripts/${w.alice.userId}/${jobId}/transcript.txt`));

    const one = await cli(["download", jobId, "--file", "transcript.txt", "--out", path.join(dir, "one"), "--json"]);
    expect(JSON.parse(one.stdout)).toEqual({ jobId, files: [path.join(dir, "one", "transcript.txt")] });
  }, 60_000);

  it("train uploads a folder of images one by one and waits for the model", async () => {
    const photos = path.join(dir, "photos");
    await rm(photos, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(photos));
    for (let i = 0; i < 4; i++) await writeFile(path.join(photos, `p${i}.png`), renderPicture(`face ${i}`, i, 256, 256));
    await writeFile(path.join(photos, "notes.txt"), "not an image");
    const run = await cli(["train", photos, "--trigger", "tok", "--steps", "200", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const job = JSON.parse(run.stdout) as PublicJob;
    expect(job).toMatchObject({ type: "lora-training", status: "completed", input: { triggerWord: "tok", steps: 200 } });
    expect((job.input.imageKeys as string[]).map((k) => path.basename(k))).toEqual(["p0.png", "p1.png", "p2.png", "p3.png"]);
    expect(job.files.map((f) => f.fileName)).toContain("model.safetensors");
  }, 90_000);

  it("jobs and assets list what the API shows the caller, as text or JSON", async () => {
    const listed = await cli(["jobs", "list", "--type", "image-generation", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    const page = JSON.parse(listed.stdout) as { items: PublicJob[] };
    expect(page.items.map((j) => j.input.prompt)).toEqual(expect.arrayContaining(["a lighthouse at dusk", "a quiet harbour"]));
    expect(page.items.every((j) => j.type === "image-generation")).toBe(true);

    const text = await cli(["jobs"]);
    expect(text.stdout).toMatch(/lora-training +completed/);

    const images = await cli(["assets", "images"]);
    expect(images.stdout.match(/ image_\d\.png /g)?.length).toBe(3);
    const stats = JSON.parse((await cli(["assets", "stats", "--json"])).stdout) as { totals: { jobs: number } };
    expect(stats.totals.jobs).toBeGreaterThanOrEqual(4);
    const found = await cli(["assets", "search", "lighthouse"]);
    expect(found.stdout).toContain("a lighthouse at dusk");
    expect(found.stdout).not.toContain("harbour");
  }, 60_000);

  it("a failed job fails the command; refusals and a wrong key are one line each, and change nothing", async () => {
    w.fal.failSubmissions(1, 422);
    const failed = await cli(["generate", "rejected by the provider"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/error: job \S+ failed/);

    const before = await jobCount();
    // Refused by the API's own schema before the API is asked: a wrong command line, exit 2.
    const bad = await cli(["generate", "too", "many", "--count", "9"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^error: --count: .*4/);
    const wrongKey = await cli(["jobs", "list"], { key: "cgk_not-a-real-key-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr.trim()).toMatch(/^error: UNAUTHORIZED: /);
    const noFile = await cli(["transcribe", path.join(dir, "missing.wav")]);
    expect(noFile.stderr.trim()).toBe(`error: ${path.join(dir, "missing.wav")} does not exist`);
    const folder = await cli(["transcribe", dir]);
    expect(folder.stderr.trim()).toBe(`error: ${dir} is a folder, not a file`);
    const notAudio = await cli(["transcribe", path.join(dir, "photos", "notes.txt")]);
    expect(notAudio.stderr.trim()).toMatch(/is not an audio or video file/);
    const down = await cli(["jobs", "list"], { url: "http://127.0.0.1:9" });
    expect(down.code).toBe(1);
    expect(down.stderr.trim()).toMatch(
      /^error: cannot reach the API at http:\/\/127\.0\.0\.1:9 \(.*\); start the stack \(npm start\) or point API_URL \(or --api-url\) at a running API$/,
    );
    expect(await jobCount()).toBe(before);
  }, 60_000);
});
