import { and, eq, gte, isNotNull, lt, sql } from "drizzle-orm";
import { chatSettings, usageLedger } from "../shared/db/sql/schema.js";
import { monthRange } from "../shared/usage/month.js";
import { unsupportedOptionsMessage } from "../shared/jobs/image-endpoints.js";
import type { CreateJobInput } from "../shared/jobs/input.js";
import { type SetSettingsInput, type SettingsLayer, effectiveSettings, emptyLayer } from "../shared/jobs/settings.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";
import { canSeeJob } from "./principal.js";

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

/**
 * A chat job's request with its channel's settings applied: a size, a LoRA and a model where it
 * gives none, results made private where the channel wants them so, refused beyond the channel's
 * image count or when only admins may train there. API callers outside chat are not touched.
 */
export async function applyChatSettings(call: JobsCall, input: CreateJobInput): Promise<CreateJobInput> {
  // A Discord thread follows its channel's settings.
  const channelId = input.delivery?.parentChannelId ?? input.delivery?.channelId;
  if (!call.principal.chat || !channelId) return input;
  const { effective: s, channel } = await readSettings(call, channelId);
  let out: CreateJobInput = s.privateResults ? { ...input, visibility: "private" } : input;
  if (out.type === "image-generation") {
    if (s.maxImages !== null && out.count > s.maxImages)
      throw new JobsError("BAD_REQUEST", `this channel allows at most ${s.maxImages} image${s.maxImages === 1 ? "" : "s"} per request`);
    const generating = (out.operation ?? "generate") === "generate";
    if (generating && s.imageSize && out.imageSize === undefined && out.width === undefined) out = { ...out, imageSize: s.imageSize };
    if (generating && s.lora && out.type === "image-generation" && out.lora === undefined)
      out = { ...out, lora: { jobId: s.lora, scale: 1 } };
    if (generating && s.model && out.type === "image-generation" && out.model === undefined) {
      // A default, not a demand: where the job cannot run on it (a LoRA, which runs on FLUX.1 [dev]; more steps than it takes), the job keeps the deployment's model.
      const withModel = { ...out, model: s.model };
      if (!unsupportedOptionsMessage(withModel, call.deps.config.providers.imageModels)) out = withModel;
    }
  }
  if (out.type === "lora-training" && s.trainers === "admins" && !call.principal.chat.admin) {
    throw new JobsError("FORBIDDEN", "only the server's or team's admins may train LoRAs in this channel");
  }
  if (s.monthlyBudgetUsd !== null) {
    // The usage ledger's estimate this calendar month (UTC), as the workspace budget counts: a
    // channel's budget sums that channel's chat jobs; the server's or team's, all its chat jobs.
    // Jobs still running are not counted yet: a burst started together can pass it once.
    const perChannel = channel?.monthlyBudgetUsd !== null && channel?.monthlyBudgetUsd !== undefined;
    const { from, to } = monthRange(undefined);
    const [row] = await call.deps.sql.db
      .select({ spent: sql<string>`coalesce(sum(${usageLedger.costUsd}), 0)` })
      .from(usageLedger)
      .where(
        and(
          eq(usageLedger.workspaceId, call.principal.workspaceId),
          perChannel ? eq(usageLedger.channelId, channelId) : isNotNull(usageLedger.channelId),
          gte(usageLedger.createdAt, from),
          lt(usageLedger.createdAt, to),
        ),
      );
    const spent = Number(row?.spent ?? 0);
    if (spent >= s.monthlyBudgetUsd) {
      const whose = perChannel ? "this channel has" : "chat jobs here have";
      throw new JobsError(
        "TOO_MANY_REQUESTS",
        `${whose} spent the budget for the month ($${spent.toFixed(2)} of $${s.monthlyBudgetUsd.toFixed(2)}); an admin can raise it with /settings`,
      );
    }
  }
  return out;
}
