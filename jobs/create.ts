import { v5 as uuidv5, v7 as uuidv7 } from "uuid";
import { noticeChatChange } from "../queue/job-queue.js";
import type { ChatDelivery, DeliveryRequest } from "../shared/chat/delivery.js";
import { interactionExpiresAt, responseUrlExpiresAt } from "../shared/chat/platform-lifetimes.js";
import { isSlackResponseUrl } from "../shared/chat/response-url.js";
import { referencesRefusal, unsupportedOptionsMessage } from "../shared/jobs/image-endpoints.js";
import type { CreateJobInput } from "../shared/jobs/input.js";
import { pictureOperationRefusal } from "../shared/jobs/picture-limits.js";
import { BlockedUrlError, assertPublicUrl } from "../shared/net/ssrf.js";
import { searchTerms, stableStringify } from "../shared/search.js";
import { tempPrefix } from "../shared/storage/keys.js";
import { headObject } from "../shared/storage/objects.js";
import type { JobsCall } from "./deps.js";
import { queueRun } from "./enqueue.js";
import { JobsError, jobNotFound } from "./errors.js";
import { canSeeJob } from "./principal.js";
import { assertWithinLimits } from "./quota.js";
import { applyChatSettings, teamTranscription } from "./chat-settings.js";
import { checkRegion } from "./region-check.js";
import { checkJobPicture, checkOwnPicture, checkPictureRef, checkVideoPictures } from "./picture-source.js";

/** Namespace of idempotent job ids: uuidv5(workspace:user:key) is the same id for the same key. */
const IDEMPOTENCY_NAMESPACE = "3b0c6f0e-8a4e-4f5e-9a49-2f1d7f1f4c1a";

function uploadKeysOf(input: CreateJobInput): string[] {
  switch (input.type) {
    case "image-generation":
      return [
        input.uploadKey,
        input.region?.maskUploadKey,
        ...(input.sources ?? []).map((r) => ("uploadKey" in r ? r.uploadKey : undefined)),
      ].filter((k): k is string => k !== undefined);
    case "transcription":
      return input.uploadKey ? [input.uploadKey] : [];
    case "lora-training":
      return [input.imagesZipKey, input.videoKey, ...(input.imageKeys ?? [])].filter((k): k is string => k !== undefined);
    case "video-generation":
      return [input.uploadKey, input.endFrame && "uploadKey" in input.endFrame ? input.endFrame.uploadKey : undefined].filter(
        (k): k is string => k !== undefined,
      );
    default:
      return [];
  }
}

/** Checks what the job refers to; for an operation on a picture, returns its source job's prompt. */
async function checkReferences(call: JobsCall, input: CreateJobInput): Promise<string | undefined> {
  const p = call.principal;
  if (input.type === "image-generation" && (input.operation ?? "generate") === "generate") {
    // Refused here rather than at fal: an endpoint without the option would answer 422, or
    // ignore it and bill for images made without it.
    const unsupported = input.references
      ? referencesRefusal(input)
      : unsupportedOptionsMessage(input, call.deps.config.providers.imageModels);
    if (unsupported) throw new JobsError("BAD_REQUEST", unsupported);
  }
  if (input.type === "transcription" && input.audioUrl) {
    // Checked again by the worker before use: DNS may change between now and then.
    try {
      await assertPublicUrl(input.audioUrl);
    } catch (err) {
      if (err instanceof BlockedUrlError) throw new JobsError("BAD_REQUEST", `audioUrl refused: ${err.message}`);
      throw err;
    }
  }
  for (const key of uploadKeysOf(input)) {
    // Uploads are private to their uploader in their workspace, and must have arrived before the job can use them.
    if (!key.startsWith(tempPrefix(p.workspaceId, p.userId)) || !(await headObject(call.deps.storage, key))) {
      throw new JobsError("BAD_REQUEST", `upload ${key} was not found: upload the file to the URL from assets.uploadUrl first`);
    }
  }
  if (input.type === "video-generation") return checkVideoPictures(call, input);
  if (input.type === "image-generation" && (input.uploadKey || input.imageUrl)) {
    const picture = await checkOwnPicture(call, input);
    const tooBig = picture ? pictureOperationRefusal(input, picture) : undefined;
    if (tooBig) throw new JobsError("BAD_REQUEST", tooBig);
    if (picture) await checkRegion(call, input, picture);
    // A picture of the caller's own has no prompt to vary it by; image-to-image needs one.
    if (input.operation === "vary" && !input.prompt)
      throw new JobsError("BAD_REQUEST", "a variation of your own picture needs a prompt: what the picture shows");
    return undefined;
  }
  if (input.type === "image-generation" && input.source) {
    // The picture an upscale, variation or edit works on: one the caller may see, finished, still there.
    const { picture, prompt } = await checkJobPicture(call, input.source);
    // Refused before fal is paid for a result the worker could not download (shared/jobs/picture-limits.ts).
    const tooBig = pictureOperationRefusal(input, picture);
    if (tooBig) throw new JobsError("BAD_REQUEST", tooBig);
    await checkRegion(call, input, picture);
    return prompt;
  }
  if (input.type === "image-generation" && input.sources) {
    for (const ref of input.sources) await checkPictureRef(call, ref);
  }
  if (input.type === "image-generation" && input.references) {
    for (const ref of input.references) await checkPictureRef(call, ref.source ?? { uploadKey: ref.uploadKey ?? "" });
  }
  if (input.type === "image-generation" && input.lora) {
    const lora = await call.deps.jobs.get(input.lora.jobId);
    if (!lora || !canSeeJob(p, lora) || lora.type !== "lora-training") {
      throw new JobsError("NOT_FOUND", `LoRA ${input.lora.jobId} was not found`);
    }
    if (lora.status !== "completed" || lora.versions.length === 0) {
      throw new JobsError("PRECONDITION_FAILED", `LoRA ${input.lora.jobId} has not finished training (status ${lora.status})`);
    }
  }
  return undefined;
}

/** The pictures of our jobs that a job made of several works on: its `sources` as jobs.get links them. */
function jobPictures(input: CreateJobInput & { type: "image-generation" }): Array<{ jobId: string; image: number }> {
  return [
    ...(input.sources ?? []).filter((r): r is { jobId: string; image: number } => "jobId" in r),
    ...(input.references ?? []).flatMap((r) => (r.source ? [r.source] : [])),
  ];
}

export interface CreatedJob {
  jobId: string;
  status: string;
  /** False when an idempotency key returned an existing job. */
  created: boolean;
}

/**
 * Validates references, writes the queued job, then queues it. With an idempotency key the
 * job id is derived from the key, so concurrent or retried creates converge on one document;
 * a retry also queues again (idempotently) in case the first attempt stopped before queuing.
 */
export async function createJob(call: JobsCall, asked: CreateJobInput): Promise<CreatedJob> {
  const { principal: p, deps, requestId } = call;
  const jobId = asked.idempotencyKey ? uuidv5(`${p.workspaceId}:${p.userId}:${asked.idempotencyKey}`, IDEMPOTENCY_NAMESPACE) : uuidv7();
  const chatJob = Boolean(p.chat && asked.delivery);
  if (asked.idempotencyKey) {
    const existing = await deps.jobs.get(jobId);
    if (existing) {
      // A chat job's key is the platform's id of one command or click, never reused for another
      // request, and its stored input holds the channel's settings as they were: it is that job.
      if (chatJob) return replay(call, {}, {}, existing.jobId);
      const { idempotencyKey: _key, visibility: _visibility, delivery: _delivery, ...askedParams } = await teamTranscription(call, asked);
      return replay(call, existing.input ?? {}, JSON.parse(JSON.stringify(askedParams)) as Record<string, unknown>, existing.jobId);
    }
  }
  // A chat job follows its channel's settings, whatever the bot sent; only a new job is checked against them.
  const input = await applyChatSettings(call, asked);
  const { idempotencyKey, visibility, delivery: deliveryRequest, ...params } = input;
  const delivery = deliveryRequest ? chatDeliveryFor(call, deliveryRequest, visibility === "private") : undefined;
  // The stored input is exactly what JSON carries, so a replay compares equal to it.
  const normalized = JSON.parse(JSON.stringify(params)) as Record<string, unknown>;
  await assertWithinLimits(call);
  const sourcePrompt = await checkReferences(call, input);
  // An upscale or variation without a prompt of its own is found by its source's.
  const terms = searchTerms(
    input.type === "image-generation" || input.type === "video-generation" ? input.prompt : undefined,
    sourcePrompt,
    input.type === "lora-training" ? input.triggerWord : undefined,
  );
  const { job, created } = await deps.jobs.create({
    jobId,
    type: input.type,
    userId: p.userId,
    workspaceId: p.workspaceId,
    visibility,
    input: normalized,
    searchTerms: terms,
    ...(idempotencyKey ? { idempotencyKey } : {}),
    ...(requestId ? { requestId } : {}),
    ...(delivery ? { delivery } : {}),
    ...((input.type === "image-generation" || input.type === "video-generation") && input.source
      ? { parent: parentOf(input.source), ...(sourcePrompt ? { sourcePrompt } : {}) }
      : {}),
    ...(input.type === "image-generation" && jobPictures(input).length > 0 ? { sources: jobPictures(input) } : {}),
  });
  if (!created) return replay(call, job.input ?? {}, normalized, job.jobId);
  try {
    await queueRun(call, job);
  } catch (err) {
    // The caller gets an error: it must leave no job behind that nothing would run.
    await withdrawUnqueued(call, job.jobId);
    throw err;
  }
  deps.logger.info(
    { requestId, jobId: job.jobId, type: job.type, userId: p.userId, workspaceId: p.workspaceId, chat: delivery?.platform },
    "job created",
  );
  // The command's reply shows the job as queued: the first chat notice of its life. The job is
  // queued already: a notice that cannot be queued is logged, not thrown, and the job's next
  // change brings its message up to date.
  await noticeChatChange(deps, job);
  return { jobId: job.jobId, status: job.status, created: true };
}

/**
 * The file of our job a derived job was made from: a picture (an upscale, a variation, an animate)
 * or, for an extend, a clip, kept in the same two fields (its number in `parentImage`), so a clip's
 * extensions are its children in the lineage as a picture's variations are.
 */
function parentOf(source: { jobId: string; image: number } | { jobId: string; video: number }): { jobId: string; image: number } {
  return { jobId: source.jobId, image: "image" in source ? source.image : source.video };
}

async function withdrawUnqueued(call: JobsCall, jobId: string): Promise<void> {
  try {
    await call.deps.jobs.withdrawQueued(jobId);
  } catch (err) {
    call.deps.logger.error(
      { jobId, requestId: call.requestId, err: err instanceof Error ? err.message : String(err) },
      "a job that could not be queued could not be withdrawn either",
    );
  }
}

/** Where a chat command's job reports back; only the platform's bot may ask for it. */
function chatDeliveryFor(call: JobsCall, req: DeliveryRequest, isPrivate: boolean, now = Date.now()): ChatDelivery {
  const chat = call.principal.chat;
  if (!chat) throw new JobsError("FORBIDDEN", "only a chat bot's key may ask for chat delivery");
  const common = {
    channelId: req.channelId,
    platformUserId: chat.userExternalId,
    private: isPrivate,
    ...(req.locale && req.locale !== "en" ? { locale: req.locale } : {}),
    ...(req.parentChannelId ? { parentChannelId: req.parentChannelId } : {}),
  };
  if (chat.platform === "discord") {
    if (req.threadTs) throw new JobsError("BAD_REQUEST", "threadTs is for Slack deliveries");
    return {
      platform: "discord",
      ...common,
      guildId: chat.workspaceExternalId,
      ...(req.replyTo ? { replyToMessageId: req.replyTo } : {}),
      ...(req.messageId && !isPrivate ? { messageId: req.messageId } : {}),
      ...(req.interaction ? { interaction: { ...req.interaction, expiresAt: interactionExpiresAt(call.deps.config, now) } } : {}),
    };
  }
  if (req.responseUrl && !isSlackResponseUrl(req.responseUrl, call.deps.config))
    throw new JobsError("BAD_REQUEST", "responseUrl must be a Slack response URL");
  if (req.replyTo) throw new JobsError("BAD_REQUEST", "replyTo is for Discord deliveries");
  if (req.messageId) throw new JobsError("BAD_REQUEST", "messageId is for Discord deliveries");
  return {
    platform: "slack",
    ...common,
    teamId: chat.workspaceExternalId,
    ...(req.responseUrl ? { responseUrl: req.responseUrl, responseUrlExpiresAt: responseUrlExpiresAt(now) } : {}),
    ...(req.threadTs ? { threadTs: req.threadTs } : {}),
  };
}

async function replay(call: JobsCall, stored: Record<string, unknown>, given: Record<string, unknown>, jobId: string): Promise<CreatedJob> {
  if (stableStringify(stored) !== stableStringify(given)) {
    throw new JobsError("CONFLICT", "this idempotencyKey was already used for a different request");
  }
  const job = await call.deps.jobs.get(jobId);
  if (!job) throw jobNotFound(jobId);
  if (job.status === "queued") await queueRun(call, job);
  return { jobId: job.jobId, status: job.status, created: false };
}
