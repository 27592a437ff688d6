import { and, eq, gte, lt, sql } from "drizzle-orm";
import { chatSettings, usageLedger } from "../shared/db/sql/schema.js";
import { monthRange } from "../shared/usage/month.js";
import { unsupportedOptionsMessage } from "../shared/jobs/image-endpoints.js";
import type { CreateJobInput } from "../shared/jobs/input.js";
import { type SetSettingsInput, type SettingsLayer, effectiveSettings, emptyLayer } from "../shared/jobs/settings.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";
import { canSeeJob } from "./principal.js";
import { withTeamTranscription } from "./transcription-settings.js";

type Row = typeof chatSettings.$inferSelect;

const layerOf = (row: Row | undefined): SettingsLayer =>
  row
    ? {
        imageSize: (row.imageSize as SettingsLayer["imageSize"]) ?? null,
        model: (row.imageModel as SettingsLayer["model"]) ?? null,
        lora: row.loraJobId,
        privateResults: row.privateResults,
        maxImages: row.maxImages,
        trainers: row.trainers ?? null,
        monthlyBudgetUsd: row.monthlyBudgetUsd === null ? null : Number(row.monthlyBudgetUsd),
        vocabulary: row.vocabulary?.length ? row.vocabulary : null,
        redactPii: row.redactPii,
        notes: row.meetingNotes,
      }
    : emptyLayer;

/** The server's or team's settings, the channel's, and what applies in the channel. */
export async function readSettings(
  call: JobsCall,
  channelId?: string,
): Promise<{ workspace: SettingsLayer; channel: SettingsLayer | null; effective: SettingsLayer }> {
  const rows = await call.deps.sql.db.select().from(chatSettings).where(eq(chatSettings.workspaceId, call.principal.workspaceId));
  const workspace = layerOf(rows.find((r) => r.channelId === ""));
  const channel = channelId ? layerOf(rows.find((r) => r.channelId === channelId)) : null;
  return { workspace, channel, effective: effectiveSettings(workspace, channel) };
}

/** Whoever may change settings: a chat user the bot vouches administers the server or team, or a workspace's service key. */
function mayChangeSettings(call: JobsCall): boolean {
  return call.principal.chat?.admin === true || call.principal.via === "service-key";
}

/** Changes the given fields (null clears one) for the server or team, or one channel. */
export async function updateSettings(call: JobsCall, input: SetSettingsInput) {
  if (!mayChangeSettings(call)) throw new JobsError("FORBIDDEN", "only the server's or team's admins can change its settings");
  const { channelId, lora, ...rest } = input;
  if (lora) {
    const job = await call.deps.jobs.get(lora);
    if (!job || !canSeeJob(call.principal, job) || job.type !== "lora-training" || job.visibility === "private")
      throw new JobsError("NOT_FOUND", `LoRA ${lora} was not found among the workspace's shared LoRAs`);
    if (job.status !== "completed") throw new JobsError("PRECONDITION_FAILED", `LoRA ${lora} has not finished training`);
  }
  const set: Partial<typeof chatSettings.$inferInsert> = {};
  if (rest.imageSize !== undefined) set.imageSize = rest.imageSize;
  if (rest.model !== undefined) set.imageModel = rest.model;
  if (lora !== undefined) set.loraJobId = lora;
  if (rest.privateResults !== undefined) set.privateResults = rest.privateResults;
  if (rest.maxImages !== undefined) set.maxImages = rest.maxImages;
  if (rest.trainers !== undefined) set.trainers = rest.trainers;
  if (rest.vocabulary !== undefined) set.vocabulary = rest.vocabulary;
  if (rest.redactPii !== undefined) set.redactPii = rest.redactPii;
  if (rest.notes !== undefined) set.meetingNotes = rest.notes;
  if (rest.monthlyBudgetUsd !== undefined) set.monthlyBudgetUsd = rest.monthlyBudgetUsd === null ? null : rest.monthlyBudgetUsd.toFixed(2);
  const key = { workspaceId: call.principal.workspaceId, channelId: channelId ?? "" };
  await call.deps.sql.db
    .insert(chatSettings)
    .values({ ...key, ...set, updatedBy: call.principal.userId })
    .onConflictDoUpdate({
      target: [chatSettings.workspaceId, chatSettings.channelId],
      set: { ...set, updatedBy: call.principal.userId, updatedAt: sql`now()` },
    });
  call.deps.logger.info(
    { requestId: call.requestId, workspaceId: key.workspaceId, channelId: key.channelId || undefined, fields: Object.keys(set) },
    "chat settings changed",
  );
  return readSettings(call, channelId);
}

/** Who counts as the team's admin for its limits: a chat user the bot vouches for, or the workspace's service key. */
const actsAsAdmin = (call: JobsCall) => mayChangeSettings(call);

/**
 * A job's request with its team's settings applied. The limits (most images per request, who may
 * train, private results, the monthly budget) bind the team's members wherever they act: in chat,
 * in the gallery, with their own keys. A chat job in a channel follows that channel's layer over
 * the team's, and only there do the defaults (size, LoRA, model) fill in what the request left out.
 */
export async function applyChatSettings(call: JobsCall, input: CreateJobInput): Promise<CreateJobInput> {
  // A Discord thread follows its channel's settings; a channel is named only by a bot's chat job.
  const channelId = call.principal.chat ? (input.delivery?.parentChannelId ?? input.delivery?.channelId) : undefined;
  const { effective, channel, workspace } = await readSettings(call, channelId);
  const s = channelId ? effective : workspace;
  const where = channelId ? "this channel" : "this team";
  let out: CreateJobInput = s.privateResults ? { ...input, visibility: "private" } : input;
  if (out.type === "image-generation") {
    if (s.maxImages !== null && out.count > s.maxImages)
      throw new JobsError("BAD_REQUEST", `${where} allows at most ${s.maxImages} image${s.maxImages === 1 ? "" : "s"} per request`);
    // A generation with references runs on their endpoint, which takes no size, LoRA or model: the defaults do not apply to it.
    const generating = channelId !== undefined && (out.operation ?? "generate") === "generate" && !out.references;
    if (generating && s.imageSize && out.imageSize === undefined && out.width === undefined) out = { ...out, imageSize: s.imageSize };
    if (generating && s.lora && out.type === "image-generation" && out.lora === undefined)
      out = { ...out, lora: { jobId: s.lora, scale: 1 } };
    if (generating && s.model && out.type === "image-generation" && out.model === undefined) {
      // A default, not a demand: where the job cannot run on it (a LoRA, which runs on FLUX.1 [dev]; more steps than it takes), the job keeps the deployment's model.
      const withModel = { ...out, model: s.model };
      if (!unsupportedOptionsMessage(withModel, call.deps.config.providers.imageModels)) out = withModel;
    }
  }
  if (out.type === "transcription") out = withTeamTranscription(out, s, where);
  if (out.type === "lora-training" && s.trainers === "admins" && !actsAsAdmin(call)) {
    throw new JobsError(
      "FORBIDDEN",
      channelId
        ? "only the server's or team's admins may train LoRAs in this channel"
        : "only the team's admins may train LoRAs here; an admin can train from chat",
    );
  }
  if (s.monthlyBudgetUsd !== null)
    await assertWithinBudget(call, s.monthlyBudgetUsd, channel?.monthlyBudgetUsd != null ? channelId : undefined);
  return out;
}

/** A transcription asked for again with its idempotency key, as a new one would be stored: with the team's settings (never a channel's, which only chat jobs follow). */
export async function teamTranscription(call: JobsCall, input: CreateJobInput): Promise<CreateJobInput> {
  if (input.type !== "transcription") return input;
  return withTeamTranscription(input, (await readSettings(call)).workspace, "this team");
}

/** Training a LoRA again is training: the team's who-may-train and budget bind it as they bind a new one. */
export async function assertTeamAllowsTraining(call: JobsCall): Promise<void> {
  const { workspace: s } = await readSettings(call);
  if (s.trainers === "admins" && !actsAsAdmin(call))
    throw new JobsError("FORBIDDEN", "only the team's admins may train LoRAs; an admin can train from chat");
  if (s.monthlyBudgetUsd !== null) await assertWithinBudget(call, s.monthlyBudgetUsd, undefined);
}

/**
 * The usage ledger's estimate this calendar month (UTC), as the workspace budget counts: a
 * channel's budget sums that channel's chat jobs; the team's, every job of the team, whatever
 * surface made it. Jobs still running are not counted yet: a burst started together can pass it once.
 */
async function assertWithinBudget(call: JobsCall, budgetUsd: number, channelId: string | undefined): Promise<void> {
  const { from, to } = monthRange(undefined);
  const [row] = await call.deps.sql.db
    .select({ spent: sql<string>`coalesce(sum(${usageLedger.costUsd}), 0)` })
    .from(usageLedger)
    .where(
      and(
        eq(usageLedger.workspaceId, call.principal.workspaceId),
        channelId ? eq(usageLedger.channelId, channelId) : undefined,
        gte(usageLedger.createdAt, from),
        lt(usageLedger.createdAt, to),
      ),
    );
  const spent = Number(row?.spent ?? 0);
  if (spent >= budgetUsd) {
    const whose = channelId ? "this channel has" : "this team has";
    throw new JobsError(
      "TOO_MANY_REQUESTS",
      `${whose} spent the budget for the month ($${spent.toFixed(2)} of $${budgetUsd.toFixed(2)}); an admin can raise it with /settings`,
    );
  }
}
