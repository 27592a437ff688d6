import { ApiError } from "@fal-ai/client";
import { createHash, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { ProviderRef } from "../../shared/db/mongo/job-schema.js";
import { retryThroughRestart } from "../../shared/retry-through-restart.js";
import type { WorkerDeps } from "../worker-deps.js";
import { JobCanceled } from "./outcome.js";

export type Submission = NonNullable<ProviderRef["submission"]>;
type Provider = "fal" | "assemblyai";

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * fal and AssemblyAI take no idempotency key, and a worker can die after the provider accepted a
 * request and before the request id is stored. So a submission is announced first: a nonce (and
 * the hash of the audio URL for a transcript) is stored on the job, then the request is sent with
 * the nonce in its webhook URL, then its id is stored. A retry that finds an announced submission
 * without an id looks for that request (resumeSubmission) before paying for another one.
 */
export async function resumeSubmission(
  deps: WorkerDeps,
  jobId: string,
  provider: Provider,
  earlier: ProviderRef | null | undefined,
  findEarlier: (submission: Submission) => Promise<string | undefined>,
): Promise<string | undefined> {
  if (earlier?.name !== provider) return undefined;
  if (earlier.requestId) return earlier.requestId;
  if (!earlier.submission) return undefined;
  const found = await findEarlier(earlier.submission);
  if (!found) {
    deps.logger.warn(
      { provider, submittedAt: earlier.submission.at },
      "an interrupted attempt's submission was not found at the provider; submitting again",
    );
    return undefined;
  }
  const nonce = earlier.submission.nonce;
  const stored = await retryThroughRestart(deps.logger, `record the ${provider} request id`, () =>
    deps.jobs.setSubmittedRequest(jobId, nonce, found),
  );
  deps.logger.info({ provider, providerRequestId: stored ?? found }, "resumed the request an interrupted attempt submitted");
  return stored ?? found;
}

/**
 * Announces, sends and records one submission (see resumeSubmission). `rejected` tells an error
 * the provider answered with (it took nothing: the announcement is withdrawn, so the retry
 * submits at once) from a failure whose outcome is unknown, which the retry looks into.
 */
export async function submitAnnounced(
  deps: WorkerDeps,
  jobId: string,
  opts: {
    provider: Provider;
    version?: number;
    endpoint?: string;
    audioUrl?: string;
    submit: (nonce: string) => Promise<string>;
    rejected: (err: unknown) => boolean;
  },
): Promise<string> {
  const { provider } = opts;
  const submission: Submission = {
    nonce: randomUUID(),
    at: new Date(),
    ...(opts.audioUrl ? { audioUrlSha256: sha256(opts.audioUrl) } : {}),
  };
  await retryThroughRestart(deps.logger, `announce the ${provider} submission`, () =>
    deps.jobs.setProvider(jobId, {
      name: provider,
      requestId: null,
      queuePosition: null,
      submission,
      ...(opts.version ? { version: opts.version } : {}),
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    }),
  );
  let requestId: string;
  try {
    requestId = await opts.submit(submission.nonce);
  } catch (err) {
    if (opts.rejected(err)) {
      await retryThroughRestart(deps.logger, `withdraw the refused ${provider} submission`, () =>
        deps.jobs.withdrawSubmission(jobId, submission.nonce),
      ).catch(() => {});
    }
    throw err;
  }
  const stored = await retryThroughRestart(deps.logger, `record the ${provider} request id`, () =>
    deps.jobs.setSubmittedRequest(jobId, submission.nonce, requestId),
  );
  return stored ?? requestId;
}

/**
 * fal's way of finding an earlier submission: fal calls the webhook of every request it accepted
 * when the request ends, and the webhook route records it with the nonce from its URL. So this
 * waits for that, until `waitMs` after the submission; without webhooks nothing would come.
 */
export function falWebhookFinder(deps: WorkerDeps, jobId: string, waitMs: number, signal?: AbortSignal) {
  return async (submission: Submission): Promise<string | undefined> => {
    if (!deps.config.publicUrl) return undefined;
    const deadline = submission.at.getTime() + waitMs;
    deps.logger.info(
      { submittedAt: submission.at, waitSeconds: Math.round(Math.max(0, deadline - Date.now()) / 1000) },
      "waiting for fal's webhook about an interrupted attempt's submission",
    );
    for (;;) {
      const job = await deps.jobs.get(jobId);
      if (signal?.aborted || !job || job.deletedAt || job.status === "canceled")
        throw new JobCanceled("canceled while looking for an earlier submission");
      if (job.provider?.submission?.nonce !== submission.nonce) return undefined;
      if (job.provider.requestId) return job.provider.requestId;
      const hook = await deps.webhooks.forSubmission("fal", jobId, submission.nonce);
      if (hook) return hook.requestId;
      if (Date.now() >= deadline) return undefined;
      await sleep(1_000, undefined, signal ? { signal } : {}).catch(() => {});
    }
  };
}

/**
 * The webhook a provider calls when the request ends. The job and the submission's nonce in it
 * let the next attempt find the request even when the submitting worker died before storing its
 * id (AssemblyAI also keeps it on the transcript as `webhook_url`). Undefined without a public URL.
 */
export function providerWebhookUrl(deps: WorkerDeps, provider: Provider, jobId: string, nonce: string): string | undefined {
  if (!deps.config.publicUrl) return undefined;
  const url = new URL(`${deps.config.publicUrl.replace(/\/+$/, "")}/webhooks/${provider}`);
  url.searchParams.set("jobId", jobId);
  url.searchParams.set("submission", nonce);
  return url.toString();
}

/** One announced submission to a fal endpoint (see submitAnnounced); an error fal answered withdraws it. */
export function submitToFal(
  deps: WorkerDeps,
  jobId: string,
  model: string,
  input: Record<string, unknown>,
  version?: number,
): Promise<string> {
  return submitAnnounced(deps, jobId, {
    provider: "fal",
    endpoint: model,
    ...(version ? { version } : {}),
    rejected: (err) => err instanceof ApiError,
    submit: async (nonce) => {
      const webhookUrl = providerWebhookUrl(deps, "fal", jobId, nonce);
      return (await deps.fal.queue.submit(model, { ...(webhookUrl ? { webhookUrl } : {}), input })).request_id;
    },
  });
}
