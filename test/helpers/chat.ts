import { randomBytes } from "node:crypto";
import { apiFor } from "../../bots/api-client.js";
import { waitFor } from "./processes.js";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { useFixture } from "./use-fixture.js";
import { createDiscordBot } from "../../bots/discord/client.js";
import { slackMount } from "../../apps/mount-slack.js";
import { deliveryState } from "../../queue/chat/deliver/delivery-state.js";
import { createLogger } from "../../shared/logger.js";
import { type LocalChat, botKeys, localChatEnv, startLocalChat } from "../../apps/local-chat.js";
import type { DiscordFake } from "../../infra/fakes/discord/index.js";
import { type SlackFake, slackSignature } from "../../infra/fakes/slack/index.js";
import type { createApp } from "../../server/app.js";
import { type WorkingApi, startWorkingApi } from "./working-api.js";

export interface ChatStack extends WorkingApi {
  discord: DiscordFake;
  slack: SlackFake;
  bot: ReturnType<typeof createDiscordBot>;
  /** Milliseconds each of the bots' API calls is held back; 0 normally. */
  apiDelay: { ms: number };
  /** While true, the bots' API calls fail as if the API were unreachable. */
  apiDown: { on: boolean };
  /** The API as a chat user sees it through their bot: what `/jobs` and the buttons call. */
  apiAs(platform: "slack" | "discord", workspaceExternalId: string, externalUserId: string, admin?: boolean): ReturnType<typeof apiFor>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The API with workers, a local Discord and Slack, the Discord bot connected over the gateway and
 * the Slack app mounted at /slack/events; both bots call the API with their own bot keys.
 */
export async function startChatStack(
  opts: {
    interactionWindowSeconds?: number;
    processingMs?: number;
    channelIntervalMs?: number;
    logLines?: string[];
    env?: Record<string, string>;
    /** Slack for many workspaces: installed through the OAuth flow, no SLACK_BOT_TOKEN. */
    slackOAuth?: boolean;
    /** Mounts more on the app beside the Slack app, over the local Discord and Slack (the chat sandbox's page). */
    mount?: (app: ReturnType<typeof createApp>, chat: LocalChat) => void;
  } = {},
): Promise<ChatStack> {
  const chat = await startLocalChat();
  const { discord, slack } = chat;
  const apiDelay = { ms: 0 };
  const apiDown = { on: false };
  const delayed =
    (base: typeof fetch): typeof fetch =>
    async (input, init) => {
      if (apiDown.on) throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") });
      if (apiDelay.ms) await sleep(apiDelay.ms);
      return base(input, init);
    };
  let keys = { discord: "", slack: "" };
  const w = await startWorkingApi({
    publicUrl: true,
    ...(opts.logLines ? { logLines: opts.logLines } : {}),
    processingMs: opts.processingMs ?? 200,
    env: {
      ...localChatEnv(
        chat,
        opts.slackOAuth
          ? { slackOAuth: { stateSecret: randomBytes(32).toString("hex"), tokenKey: randomBytes(32).toString("base64") } }
          : {},
      ),
      DISCORD_INTERACTION_WINDOW_SECONDS: String(opts.interactionWindowSeconds ?? 840),
      CHAT_CHANNEL_INTERVAL_MS: String(opts.channelIntervalMs ?? 0),
      CHAT_MAX_FILE_MB: "2",
      ...opts.env,
    },
    async beforeServe(deps, app) {
      keys = await botKeys(deps.sql.db, `bots-${Date.now()}`);
      const config = { ...deps.config, slack: { ...deps.config.slack, botApiKey: keys.slack } };
      slackMount(config, deps.logger, { wrapApiFetch: delayed })?.(app, deps);
      opts.mount?.(app, chat);
    },
  });
  // The redirect URL registered in the app's settings: the deployment's own.
  slack.redirectUrls.add(`${w.api.deps.config.publicUrl}/slack/oauth_redirect`);
  discord.addGuild({ id: "100000000000000001", name: "Acme", channelIds: ["200000000000000001", "200000000000000002"] });
  discord.addGuild({ id: "100000000000000002", name: "Rivals", channelIds: ["200000000000000003"] });
  const logger = createLogger(w.api.deps.config);
  const bot = createDiscordBot({
    token: discord.token,
    apiUrl: discord.apiUrl,
    api: { url: w.api.url, key: keys.discord, fetch: delayed(fetch) },
    files: { allowedOrigins: [discord.origin], maxBytes: 2 * 1024 * 1024 },
    logger,
  });
  await bot.start();
  return {
    ...w,
    discord,
    slack,
    bot,
    apiDelay,
    apiDown,
    apiAs: (platform, workspaceExternalId, externalUserId, admin) =>
      apiFor({ url: w.api.url, key: keys[platform] }, { platform, workspaceExternalId, externalUserId, admin }),
    async close() {
      await bot.stop();
      await w.close();
      await chat.close();
    },
  };
}

export function useChatStack(opts: Parameters<typeof startChatStack>[0] = {}): ChatStack {
  return useFixture(() => startChatStack(opts), 120_000);
}

/** Follows a short link as a chat user's browser would: 302 to a presigned URL, then the bytes. */
export async function followLink(url: string): Promise<{ status: number; bytes: Buffer }> {
  const first = await fetch(url, { redirect: "manual" });
  const location = first.headers.get("location");
  if (first.status !== 302 || !location) return { status: first.status, bytes: Buffer.alloc(0) };
  const second = await fetch(location);
  return { status: second.status, bytes: Buffer.from(await second.arrayBuffer()) };
}

export async function s3Bytes(stack: Pick<WorkingApi, "api">, key: string): Promise<Buffer> {
  const res = await stack.api.deps.storage.client.send(new GetObjectCommand({ Bucket: stack.api.deps.storage.bucket, Key: key }));
  return Buffer.from(await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

/** The short links (`/d/…`) in a Discord message's embeds or a Slack message's blocks. */
export function linksIn(message: unknown): string[] {
  return [...JSON.stringify(message ?? {}).matchAll(/https?:\/\/[^\s"()<>|\\]+\/d\/[A-Za-z0-9_.-]+/g)].map((m) => m[0]);
}

/** When the job's final state was delivered to its chat, from the deliver queue's ledger. */
export async function finalDeliveredAt(stack: ChatStack, jobId: string): Promise<Date | null> {
  return (await deliveryState(stack.api.deps.sql.db, jobId)).finalDeliveredAt;
}

/** The delivery's record, once written: it follows the platform's answer, a moment after the message shows. */
export function recordedDelivered(stack: ChatStack, jobId: string, timeoutMs = 15_000): Promise<Date> {
  return waitFor(async () => (await finalDeliveredAt(stack, jobId)) ?? undefined, timeoutMs, `job ${jobId}'s delivery to be recorded`);
}

/** Posts a body to the Slack app's /slack/events as Slack would: signed, unless other headers say otherwise. */
export async function postToSlackApp(
  stack: ChatStack,
  body: string,
  headers: Record<string, string> = slackSignature(stack.slack.signingSecret, body),
): Promise<Response> {
  return fetch(`${stack.api.url}/slack/events`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
}
