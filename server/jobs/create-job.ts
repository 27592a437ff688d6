import { TRPCError } from "@trpc/server";
import { v5 as uuidv5, v7 as uuidv7 } from "uuid";
import type { ChatDelivery, DeliveryRequest } from "../../shared/chat/delivery.js";
import { BlockedUrlError, assertPublicUrl } from "../../shared/net/ssrf.js";
import { searchTerms, stableStringify } from "../../shared/search.js";
import { headObject } from "../../shared/storage/objects.js";
import { retryThroughRestart } from "../../queue/retry-through-restart.js";
import { canSeeJob } from "../auth/principal.js";
import { assertWithinLimits } from "./quota.js";
import type { AuthedContext } from "../trpc/context.js";
import type { CreateJobInput } from "../trpc/routers/jobs/create.schema.js";

/** Namespace of idempotent job ids: uuidv5(workspace:user:key) is the same id for the same key. */
const IDEMPOTENCY_NAMESPACE = "3b0c6f0e-8a4e-4f5e-9a49-2f1d7f1f4c1a";

function uploadKeysOf(input: CreateJobInput): string[] {
  switch (input.type) {
    case "transcription":
      return input.uploadKey ? [input.uploadKey] : [];
    case "lora-training":
      return [input.imagesZipKey, input.videoKey, ...(input.imageKeys ?? [])].filter((k): k is string => k !== undefined);
    default:
      return [];
  }
}

async function checkReferences(ctx: AuthedContext, input: CreateJobInput): Promise<void> {
  const p = ctx.principal;
  if (input.type === "transcription" && input.audioUrl) {
    // Checked again by the worker before use: DNS may change between now and then.
    try {
      await assertPublicUrl(input.audioUrl);
    } catch (err) {
      if (err instanceof BlockedUrlError) throw new TRPCError({ code: "BAD_REQUEST", message: `audioUrl refused: ${err.message}` });
      throw err;
    }
  }
  for (const key of uploadKeysOf(input)) {
    // Uploads are private to their uploader, and must have arrived before the job can use them.
    if (!key.startsWith(`temp/${p.userId}/`) || !(await headObject(ctx.deps.storage, key))) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `upload ${key} was not found: upload the file to the URL from assets.uploadUrl first` });
    }
  }
  if (input.type === "image-generation" && input.lora) {
    const lora = await ctx.deps.jobs.get(input.lora.jobId);
    if (!lora || !canSeeJob(p, lora) || lora.type !== "lora-training") {
      throw new TRPCError({ code: "NOT_FOUND", message: `LoRA ${input.lora.jobId} was not found` });
    }
    if (lora.status !== "completed" || lora.versions.length === 0) {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: `LoRA ${input.lora.jobId} has not finished training (status ${lora.status})` });
    }
  }
}

export interface CreatedJob {
  jobId: string;
  status: string;
  /** False when an idempotency key returned an existing job. */
  created: boolean;
}

/**
 * Validates references, writes the queued job, then enqueues it. With an idempotency key the
 * job id is derived from the key, so concurrent or retried creates converge on one document;
 * a retry also re-enqueues (idempotently) in case the first attempt stopped before enqueueing.
 */
export async function createJob(ctx: AuthedContext, input: CreateJobInput): Promise<CreatedJob> {
  const p = ctx.principal;
  const { idempotencyKey, visibility, delivery: deliveryRequest, ...params } = input;
  const delivery = deliveryRequest ? chatDeliveryFor(ctx, deliveryRequest, visibility === "private") : undefined;
  // The stored input is exactly what JSON carries, so a replay compares equal to it.
  const normalized = JSON.parse(JSON.stringify(params)) as Record<string, unknown>;
  const jobId = idempotencyKey ? uuidv5(`${p.workspaceId}:${p.userId}:${idempotencyKey}`, IDEMPOTENCY_NAMESPACE) : uuidv7();

  if (idempotencyKey) {
    const existing = await ctx.deps.jobs.get(jobId);
    if (existing) return replay(ctx, existing.input ?? {}, normalized, existing.jobId);
  }
  await assertWithinLimits(ctx);
  await checkReferences(ctx, input);
  const terms = searchTerms(
    input.type === "image-generation" ? input.prompt : undefined,
    input.type === "lora-training" ? input.triggerWord : undefined,
  );
  const { job, created } = await ctx.deps.jobs.create({
    jobId,
    type: input.type,
    userId: p.userId,
    workspaceId: p.workspaceId,
    visibility,
    input: normalized,
    searchTerms: terms,
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    ...(delivery ? { delivery } : {}),
  });
  if (!created) return replay(ctx, job.input ?? {}, normalized, job.jobId);
  const queued = { jobId: job.jobId, type: job.type, owner: { workspaceId: p.workspaceId, userId: p.userId }, requestId: ctx.requestId };
  try {
    // The document is written: a PostgreSQL restart (seconds) is waited out rather than failing
    // a create that a chat command, acknowledged already, would not send again.
    await retryThroughRestart(ctx.deps.logger.child({ jobId: job.jobId, requestId: ctx.requestId }), "queue the new job", () => ctx.deps.queue.enqueue(queued));
  } catch (err) {
    // The caller gets an error: it must leave no job behind that nothing would run.
    await withdrawUnqueued(ctx, job.jobId);
    throw err;
  }
  ctx.deps.logger.info({ requestId: ctx.requestId, jobId: job.jobId, type: job.type, userId: p.userId, workspaceId: p.workspaceId, chat: delivery?.platform }, "job created");
  if (delivery) await ctx.deps.queue.notifyChat(job.jobId);
  return { jobId: job.jobId, status: job.status, created: true };
}

async function withdrawUnqueued(ctx: AuthedContext, jobId: string): Promise<void> {
  try {
    await ctx.deps.jobs.collection.deleteOne({ jobId, status: "queued" });
  } catch (err) {
    ctx.deps.logger.error({ jobId, requestId: ctx.requestId, err: err instanceof Error ? err.message : String(err) }, "a job that could not be queued could not be withdrawn either");
  }
}

/** Slack's response_url answers for 30 minutes; a little less leaves room for the last send. */
const SLACK_RESPONSE_URL_SECONDS = 29 * 60;

/** Where a chat command's job reports back; only the platform's bot may ask for it. */
function chatDeliveryFor(ctx: AuthedContext, req: DeliveryRequest, isPrivate: boolean, now = Date.now()): ChatDelivery {
  const chat = ctx.principal.chat;
  if (!chat) throw new TRPCError({ code: "FORBIDDEN", message: "only a chat bot's key may ask for chat delivery" });
  const common = { channelId: req.channelId, platformUserId: chat.userExternalId, private: isPrivate };
  if (chat.platform === "discord") {
    return {
      platform: "discord",
      ...common,
      guildId: chat.workspaceExternalId,
      ...(req.interaction
        ? { interaction: { ...req.interaction, expiresAt: new Date(now + ctx.deps.config.discord.interactionWindowSeconds * 1000) } }
        : {}),
    };
  }
  return {
    platform: "slack",
    ...common,
    teamId: chat.workspaceExternalId,
    ...(req.responseUrl ? { responseUrl: req.responseUrl, responseUrlExpiresAt: new Date(now + SLACK_RESPONSE_URL_SECONDS * 1000) } : {}),
  };
}

async function replay(ctx: AuthedContext, stored: Record<string, unknown>, given: Record<string, unknown>, jobId: string): Promise<CreatedJob> {
  if (stableStringify(stored) !== stableStringify(given)) {
    throw new TRPCError({ code: "CONFLICT", message: "this idempotencyKey was already used for a different request" });
  }
  const job = await ctx.deps.jobs.get(jobId);
  if (!job) throw new TRPCError({ code: "NOT_FOUND", message: `job ${jobId} was not found` });
  if (job.status === "queued") await ctx.deps.queue.enqueue({ jobId: job.jobId, type: job.type, owner: { workspaceId: ctx.principal.workspaceId, userId: ctx.principal.userId } });
  return { jobId: job.jobId, status: job.status, created: false };
}
