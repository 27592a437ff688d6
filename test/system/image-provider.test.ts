import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { falErrors } from "../../infra/fakes/fal/requests.js";
import { createFal } from "../../queue/providers/fal.js";
import { createRecordingQueue } from "../../bench/recording-queue.js";
import { workerDeps } from "../../queue/start-workers.js";
import { runImageGeneration } from "../../queue/workers/image-generation.js";
import { jobReply } from "../../shared/chat/job-reply.js";
import { usageLedger } from "../../shared/db/sql/schema.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { startTestApi } from "../helpers/api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { runEntry, waitFor } from "../helpers/processes.js";
import { quickRetries } from "../helpers/quick-retries.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * Image jobs against the strict fal emulator: each job reaches the endpoint whose schema fits
 * its options, seeds stay exact from fal to every reader, and each way fal fails ends the job
 * the documented way, with one accepted submission.
 */
describe("image jobs on fal's endpoints", () => {
  const w = useWorkingApi({ retry: quickRetries() });
  const BIG = "196619188014358660";
  const submissionsOf = (prompt: string) => w.fal.submissions.filter((s) => s.input.prompt === prompt);
  const charges = async (jobId: string) => (await w.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, jobId))).length;
  const createAnswer = (input: unknown) => trpcCall(w.api.app, w.alice.key, "jobs.create", input, "mutation");

  it(`a seed of ${BIG} round-trips exactly: fal's input, the stored version, jobs.get, the REST route, the chat message and the CLI`, async () => {
    const jobId = await w.create({ type: "image-generation", prompt: "exact seed", imageSize: "square", seed: BIG });
    const job = await w.settled(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    expect(submissionsOf("exact seed").map((s) => s.input.seed)).toEqual([BIG]);
    expect(job.input).toMatchObject({ seed: BIG });
    expect(job.versions[0]).toMatchObject({ seed: BIG });
    expect((await w.api.deps.jobs.get(jobId))?.versions[0]).toMatchObject({ seed: BIG });

    const rest = await w.api.app.request(`/api/jobs/${jobId}`, { headers: { authorization: `Bearer ${w.alice.key}` } });
    expect(await rest.text()).toContain(`"seed":"${BIG}"`);
    expect(jobReply(job).fields).toContainEqual({ name: "Seed", value: BIG });

    const cli = runEntry("cli/main.ts", { API_URL: w.api.url, API_KEY: w.alice.key, LOG_LEVEL: "silent" }, [
      "jobs",
      "get",
      jobId,
      "--json",
    ]);
    expect(await cli.exited, cli.stderr()).toBe(0);
    expect((JSON.parse(cli.stdout()) as PublicJob).versions[0]).toMatchObject({ seed: BIG });

    // Rerun with the same seed, as a user copying it from the message would.
    const again = dataOf<{ jobId: string }>(await trpcCall(w.api.app, w.alice.key, "jobs.rerun", { jobId, seed: BIG }, "mutation"));
    expect((await w.settled(again.jobId)).versions[0]).toMatchObject({ seed: BIG });
  });

  it("a seed fal draws (beyond 2^53) is stored as fal answered it", async () => {
    const jobId = await w.create({ type: "image-generation", prompt: "drawn seed", imageSize: "square" });
    const job = await w.settled(jobId);
    const answered = String((submissionsOf("drawn seed")[0]?.result as { seed?: string } | undefined)?.seed);
    expect(BigInt(answered)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER) / 1000n);
    expect(job.versions[0]).toMatchObject({ seed: answered });
  });

  it("seeds beyond 64 bits, or not whole numbers, are refused at create", async () => {
    for (const seed of ["18446744073709551616", "1.5", -1, "abc"]) {
      const answer = await createAnswer({ type: "image-generation", prompt: "bad seed", seed });
      expect(answer.status, String(seed)).toBe(400);
      expect(answer.body.error?.message).toMatch(/seed/);
    }
    expect(submissionsOf("bad seed")).toEqual([]);
  });

  it("options FLUX pro lacks are refused at create, naming them, and nothing is queued", async () => {
    const before = await rawJobs(w.api.deps).countDocuments({});
    const answer = await createAnswer({ type: "image-generation", prompt: "pro with steps", steps: 40, guidance: 5 });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toBe("steps and guidance are not supported by the image model fal-ai/flux-pro/v1.1; leave them out");
    expect(submissionsOf("pro with steps")).toEqual([]);
    expect(await rawJobs(w.api.deps).countDocuments({})).toBe(before);
  });

  it("a running job's progress follows the model's steps in fal's logs, not a fixed 50 %", async () => {
    const processing = w.fal.processingMs;
    w.fal.processingMs = 9_000;
    try {
      const jobId = await w.create({ type: "image-generation", prompt: "slow steps", imageSize: "square" });
      const seen = new Set<number>();
      await waitFor(
        async () => {
          const job = await w.api.deps.jobs.get(jobId);
          if (
            job?.status === "running" &&
            typeof job.progress === "number" &&
            job.progress > 10 &&
            job.progress < 95 &&
            job.progress !== 50
          )
            seen.add(job.progress);
          return seen.size >= 2 || job?.status === "completed" ? true : undefined;
        },
        30_000,
        "progress from the steps",
      );
      expect(seen.size).toBeGreaterThanOrEqual(2);
      expect((await w.api.deps.jobs.get(jobId))?.provider?.logs?.some((l) => /\d+%\|/.test(l))).toBe(true);
      expect((await w.settled(jobId)).status).toBe("completed");
    } finally {
      w.fal.processingMs = processing;
    }
  });

  it("a plain prompt goes to FAL_MODEL with only the fields its schema has", async () => {
    const jobId = await w.create({ type: "image-generation", prompt: "plain pro", imageSize: "square", count: 2, outputFormat: "jpeg" });
    expect((await w.settled(jobId)).status).toBe("completed");
    const [sent] = submissionsOf("plain pro");
    expect(sent?.app).toBe("fal-ai/flux-pro/v1.1");
    expect(Object.keys(sent?.input ?? {}).sort()).toEqual(["image_size", "num_images", "output_format", "prompt"]);
  });

  it("a LoRA job against fal-ai/flux-pro/v1.1 (FAL_LORA_MODEL) is refused at create with a message naming the option", async () => {
    const api = await startTestApi({ FAL_LORA_MODEL: "fal-ai/flux-pro/v1.1" }, { enqueueOnly: true });
    try {
      const bob = await api.member("acme", "bob");
      const answer = await trpcCall(
        api.app,
        bob.key,
        "jobs.create",
        { type: "image-generation", prompt: "x", lora: { jobId: "0190a6d2-3c4b-7e8f-9a0b-1c2d3e4f5a6b" } },
        "mutation",
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toBe("lora is not supported by the image model fal-ai/flux-pro/v1.1; leave it out");
    } finally {
      await api.close();
    }
  });

  it("a resumed request is read at the endpoint it went to, even after FAL_MODEL has changed", async () => {
    // A request a worker sent to flux/dev before FAL_MODEL moved to FLUX pro, its id stored on the job.
    const submitted = await createFal(w.api.deps.config.providers).queue.submit("fal-ai/flux/dev", {
      input: { prompt: "moved endpoint", image_size: "square" },
    });
    const jobId = randomUUID();
    await w.api.deps.jobs.create({
      jobId,
      type: "image-generation",
      userId: "alice",
      workspaceId: w.alice.workspaceId,
      input: { prompt: "moved endpoint", imageSize: "square" },
    });
    await w.api.deps.jobs.setProvider(jobId, { name: "fal", requestId: submitted.request_id, endpoint: "fal-ai/flux/dev" });
    const deps = workerDeps(w.api.deps.config, w.api.deps.logger, w.api.deps, createRecordingQueue(), { trustedOrigins: [w.fal.url] });
    await runImageGeneration(deps, jobId);
    expect((await w.api.deps.jobs.get(jobId))?.status).toBe("completed");
    expect(submissionsOf("moved endpoint").map((r) => r.app)).toEqual(["fal-ai/flux/dev"]);
  });

  describe("each way fal fails, with one accepted submission", () => {
    it("a submission refused with 422 fails the job at once with fal's detail; nothing was accepted, nothing charged", async () => {
      w.fal.failSubmissions(1, 422);
      const jobId = await w.create({ type: "image-generation", prompt: "refused at submit" });
      const job = await w.settled(jobId);
      expect(job).toMatchObject({ status: "failed", error: { code: "PROVIDER_REJECTED", retryable: false } });
      expect(job.error?.message).toMatch(/^the provider refused the request \(422\): prompt: invalid prompt/);
      expect(submissionsOf("refused at submit")).toEqual([]);
      expect(await charges(jobId)).toBe(0);
    });

    it("429 past the SDK's own retries is transient: the job is retried and completes with one accepted submission", async () => {
      w.fal.failSubmissions(4, 429);
      const jobId = await w.create({ type: "image-generation", prompt: "busy at submit" });
      const job = await w.settled(jobId, 90_000);
      expect(job.status).toBe("completed");
      expect(submissionsOf("busy at submit")).toHaveLength(1);
      expect(await charges(jobId)).toBe(1);
    });

    it("a model error stored on the request (4xx, detail[]) fails the job with the detail, not retried", async () => {
      w.fal.failRequests(1, falErrors.invalidInput);
      const jobId = await w.create({ type: "image-generation", prompt: "model error" });
      const job = await w.settled(jobId);
      expect(job).toMatchObject({ status: "failed", error: { code: "PROVIDER_REJECTED", retryable: false } });
      expect(job.error?.message).toBe("the provider refused the request: prompt: The prompt could not be processed");
      expect(submissionsOf("model error")).toHaveLength(1);
      expect(await charges(jobId)).toBe(0);
    });

    it("a runner timeout (5xx request_timeout, after fal's own retries) fails the job as retryable, not resubmitted", async () => {
      w.fal.failRequests(1, falErrors.requestTimeout);
      const jobId = await w.create({ type: "image-generation", prompt: "runner timeout" });
      const job = await w.settled(jobId, 60_000);
      expect(job).toMatchObject({ status: "failed", error: { code: "PROVIDER_FAILED", retryable: true } });
      expect(job.error?.message).toMatch(/request_timeout.*Request timed out; it was not charged/);
      expect(submissionsOf("runner timeout")).toHaveLength(1);
      expect(await charges(jobId)).toBe(0);
    });

    it("a request fal no longer has (its stored result expired) fails with a reason naming the expiry, never resubmitted", async () => {
      w.fal.processingMs = 3_000;
      w.fal.beforeAnswer = (r) => {
        if (r.input.prompt === "expired") setTimeout(() => w.fal.expire(r.id), 200);
      };
      try {
        const jobId = await w.create({ type: "image-generation", prompt: "expired" });
        const job = await w.settled(jobId);
        expect(job).toMatchObject({ status: "failed", error: { code: "PROVIDER_EXPIRED", retryable: true } });
        expect(job.error?.message).toMatch(/fal no longer has request .* its stored results expire/);
        expect(submissionsOf("expired")).toHaveLength(1);
      } finally {
        w.fal.processingMs = 300;
        w.fal.beforeAnswer = undefined;
      }
    });

    it("a result that does not parse fails the job at once, visibly, instead of retrying the same read", async () => {
      w.fal.resultTransform = (result) => ({ ...result, images: "not a list" });
      try {
        const jobId = await w.create({ type: "image-generation", prompt: "unreadable result" });
        const job = await w.settled(jobId);
        expect(job).toMatchObject({ status: "failed", error: { code: "BAD_RESULT" } });
        expect(job.error?.message).toMatch(/result could not be read \(images: /);
        expect(submissionsOf("unreadable result")).toHaveLength(1);
      } finally {
        w.fal.resultTransform = undefined;
      }
    });
  });
});
