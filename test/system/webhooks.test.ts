import { createHash, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createFal } from "../../queue/providers/fal.js";
import { verifyFalWebhook } from "../../server/webhooks/fal-signature.js";
import { ASSEMBLYAI_WEBHOOK_HEADER, webhookToken } from "../../shared/webhook-token.js";
import { useWorkingApi } from "../helpers/working-api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";
import { rawWebhooks } from "../helpers/raw-jobs.js";

describe("provider webhooks", () => {
  const w = useWorkingApi({ processingMs: 500, publicUrl: true });

  it("fal: a webhook delivered three times is verified, recorded once, and the job completes once", async () => {
    w.fal.webhookRepeats = 3;
    const jobId = await w.create({ type: "image-generation", prompt: "webhook me" });
    const job = await w.finished(jobId);
    expect(job.status).toBe("completed");
    const requestId = job.provider?.requestId ?? "";
    await waitFor(
      () => (w.fal.webhookDeliveries.filter((d) => d.requestId === requestId).length === 3 ? true : undefined),
      10_000,
      "three deliveries",
    );
    expect(w.fal.webhookDeliveries.filter((d) => d.requestId === requestId).map((d) => d.status)).toEqual([200, 200, 200]);
    const after = await w.api.deps.jobs.get(jobId);
    expect((await w.api.deps.webhooks.forRequest("fal", requestId))?.status).toBe("OK");
    expect(await rawWebhooks(w.api.deps).countDocuments({ requestId })).toBe(1);
    expect(after?.versions).toHaveLength(1);
    expect(w.fal.submissions.filter((s) => s.input.prompt === "webhook me")).toHaveLength(1);
    expect(w.fal.submissions.find((s) => s.input.prompt === "webhook me")?.webhook).toBe(
      `${w.api.deps.config.publicUrl}/webhooks/fal?jobId=${jobId}&submission=${after?.provider?.submission?.nonce}`,
    );
  });

  it("fal: a webhook is recorded with the job and submission nonce of its URL, for a retry to find", async () => {
    const fal = createFal(w.api.deps.config.providers);
    const jobId = randomUUID();
    const nonce = randomUUID();
    await w.api.deps.jobs.create({ jobId, type: "image-generation", userId: "alice", workspaceId: w.alice.workspaceId, input: {} });
    await w.api.deps.jobs.setProvider(jobId, { name: "fal", requestId: null, submission: { nonce, at: new Date() } });
    const hook = (n: string) => `${w.api.deps.config.publicUrl}/webhooks/fal?jobId=${jobId}&submission=${n}`;
    const delivered = (requestId: string) =>
      waitFor(() => (w.fal.webhookDeliveries.some((d) => d.requestId === requestId) ? true : undefined), 10_000, "the delivery");

    // Validly signed by fal, but about a request this job never made: refused, nothing stored.
    const guessed = await fal.queue.submit("fal-ai/flux-pro/v1.1", { input: { prompt: "guessed nonce" }, webhookUrl: hook(randomUUID()) });
    await delivered(guessed.request_id);
    expect(w.fal.webhookDeliveries.find((d) => d.requestId === guessed.request_id)?.status).toBe(404);
    expect(await w.api.deps.webhooks.forSubmission("fal", jobId, nonce)).toBeNull();
    expect(await w.api.deps.webhooks.forRequest("fal", guessed.request_id)).toBeNull();
    // The same for another job's id in the URL, or none.
    const otherJob = await fal.queue.submit("fal-ai/flux-pro/v1.1", {
      input: { prompt: "other job" },
      webhookUrl: `${w.api.deps.config.publicUrl}/webhooks/fal?jobId=${randomUUID()}&submission=${nonce}`,
    });
    await delivered(otherJob.request_id);
    expect(w.fal.webhookDeliveries.find((d) => d.requestId === otherJob.request_id)?.status).toBe(404);
    expect(await w.api.deps.webhooks.forRequest("fal", otherJob.request_id)).toBeNull();

    const announced = await fal.queue.submit("fal-ai/flux-pro/v1.1", { input: { prompt: "announced" }, webhookUrl: hook(nonce) });
    await delivered(announced.request_id);
    expect((await w.api.deps.webhooks.forSubmission("fal", jobId, nonce))?.requestId).toBe(announced.request_id);
    // The route writes no job document: the job's worker is its only writer while it runs.
    expect((await w.api.deps.jobs.get(jobId))?.provider?.requestId).toBeNull();
  });

  it("fal: a submit whose answer is lost is not sent again; the next attempt finds the request by its webhook", async () => {
    w.fal.dropAnswers(1);
    const jobId = await w.create({ type: "image-generation", prompt: "answer lost" });
    const job = await w.finished(jobId);
    expect(job.status).toBe("completed");
    const submitted = w.fal.submissions.filter((s) => s.input.prompt === "answer lost");
    expect(submitted).toHaveLength(1);
    expect(job.provider?.requestId).toBe(submitted[0]?.id);
    expect(job.versions).toHaveLength(1);
  });

  it("fal: forged, tampered and stale deliveries are 401 and change nothing", async () => {
    const jobId = randomUUID();
    const requestId = randomUUID();
    await w.api.deps.jobs.create({ jobId, type: "image-generation", userId: "alice", workspaceId: w.alice.workspaceId, input: {} });
    await w.api.deps.jobs.setProvider(jobId, { name: "fal", requestId });
    const body = JSON.stringify({ request_id: requestId, status: "OK", payload: {} });
    const headers = (
      key: ReturnType<typeof generateKeyPairSync>["privateKey"],
      signedBody: string,
      timestamp = Math.floor(Date.now() / 1000),
    ) => {
      const message = [requestId, "u", String(timestamp), createHash("sha256").update(signedBody).digest("hex")].join("\n");
      return {
        "content-type": "application/json",
        "x-fal-webhook-request-id": requestId,
        "x-fal-webhook-user-id": "u",
        "x-fal-webhook-timestamp": String(timestamp),
        "x-fal-webhook-signature": sign(null, Buffer.from(message), key).toString("hex"),
      };
    };
    const { privateKey: attackerKey } = generateKeyPairSync("ed25519");
    const post = (h: Record<string, string>, b = body) => w.api.app.request("/webhooks/fal", { method: "POST", body: b, headers: h });
    expect((await post(headers(attackerKey, body))).status).toBe(401);
    expect((await post({ "content-type": "application/json" })).status).toBe(401);
    // A body changed after signing: the attacker signs what they like, the server hashes what it got.
    expect((await post(headers(attackerKey, "{}"), body)).status).toBe(401);
    expect(await w.api.deps.webhooks.forRequest("fal", requestId)).toBeNull();

    // Correctly signed but stale, or from the future: refused, which bounds replays.
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const source = { keys: async () => [publicKey] };
    const raw = new Uint8Array(Buffer.from(body));
    const now = Math.floor(Date.now() / 1000);
    expect(await verifyFalWebhook(source, new Headers(headers(privateKey, body, now)), raw)).toBe(true);
    expect(await verifyFalWebhook(source, new Headers(headers(privateKey, body, now - 301)), raw)).toBe(false);
    expect(await verifyFalWebhook(source, new Headers(headers(privateKey, body, now + 301)), raw)).toBe(false);
  });

  it("AssemblyAI: repeated deliveries with the job's token are recorded once; a wrong token is 401", async () => {
    w.aai.webhookRepeats = 3;
    const wav = makeWav(2);
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(
        w.api.app,
        w.alice.key,
        "assets.uploadUrl",
        { fileName: "a.wav", contentType: "audio/wav", sizeBytes: wav.length },
        "mutation",
      ),
    );
    await fetch(up.url, { method: "PUT", body: wav, headers: up.headers });
    const jobId = await w.create({ type: "transcription", uploadKey: up.uploadKey });
    const job = await w.finished(jobId);
    expect(job.status).toBe("completed");
    const transcriptId = job.provider?.requestId ?? "";
    await waitFor(
      () => (w.aai.webhookDeliveries.filter((d) => d.transcriptId === transcriptId).length === 3 ? true : undefined),
      10_000,
      "three deliveries",
    );
    expect(w.aai.webhookDeliveries.filter((d) => d.transcriptId === transcriptId).map((d) => d.status)).toEqual([200, 200, 200]);
    expect((await w.api.deps.webhooks.forRequest("assemblyai", transcriptId))?.status).toBe("completed");
    // Recorded with the submission's nonce from the webhook URL, as a retry looks it up.
    expect((await w.api.deps.webhooks.forSubmission("assemblyai", jobId, job.provider?.submission?.nonce ?? ""))?.requestId).toBe(
      transcriptId,
    );

    const other = randomUUID();
    await w.api.deps.jobs.create({ jobId: other, type: "transcription", userId: "alice", workspaceId: w.alice.workspaceId, input: {} });
    await w.api.deps.jobs.setProvider(other, { name: "assemblyai", requestId: "t-1" });
    const post = (token: string | undefined, forJob = other) =>
      w.api.app.request(`/webhooks/assemblyai?jobId=${forJob}`, {
        method: "POST",
        body: JSON.stringify({ transcript_id: "t-1", status: "completed" }),
        headers: { "content-type": "application/json", ...(token ? { [ASSEMBLYAI_WEBHOOK_HEADER]: token } : {}) },
      });
    expect((await post(undefined)).status).toBe(401);
    expect((await post("forged")).status).toBe(401);
    expect((await post(webhookToken(w.api.deps.config.links.signingSecret, jobId))).status).toBe(401);
    expect(await w.api.deps.webhooks.forRequest("assemblyai", "t-1")).toBeNull();
    expect((await post(webhookToken(w.api.deps.config.links.signingSecret, other))).status).toBe(200);
    expect((await w.api.deps.webhooks.forRequest("assemblyai", "t-1"))?.jobId).toBe(other);
  });
});

describe("fal webhooks for another fal account", () => {
  const w = useWorkingApi({ processingMs: 200, publicUrl: true, env: { FAL_WEBHOOK_USER_ID: "our-fal-account" } });

  it("are refused with 401 and stored nowhere, even about our own job's request", async () => {
    const fal = createFal(w.api.deps.config.providers);
    const jobId = randomUUID();
    const nonce = randomUUID();
    await w.api.deps.jobs.create({ jobId, type: "image-generation", userId: "alice", workspaceId: w.alice.workspaceId, input: {} });
    await w.api.deps.jobs.setProvider(jobId, { name: "fal", requestId: null, submission: { nonce, at: new Date() } });
    // The fake signs as user "fake-user": not the account this deployment names.
    const r = await fal.queue.submit("fal-ai/flux-pro/v1.1", {
      input: { prompt: "someone else's" },
      webhookUrl: `${w.api.deps.config.publicUrl}/webhooks/fal?jobId=${jobId}&submission=${nonce}`,
    });
    await waitFor(() => (w.fal.webhookDeliveries.some((d) => d.requestId === r.request_id) ? true : undefined), 10_000, "the delivery");
    expect(w.fal.webhookDeliveries.find((d) => d.requestId === r.request_id)?.status).toBe(401);
    expect(await w.api.deps.webhooks.forRequest("fal", r.request_id)).toBeNull();
  });
});
