import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { WebClient } from "@slack/web-api";
import { Client, Events, GatewayIntentBits } from "discord.js";
import { createDiscordBot } from "../bots/discord/client.js";
import { slackMount } from "../apps/mount-slack.js";
import { type DiscordFake, startDiscordFake } from "../infra/fakes/discord/index.js";
import { type SlackFake, slackSignature, slashCommandBody, startSlackFake } from "../infra/fakes/slack/index.js";
import { startBoss } from "../queue/boss.js";
import { createPgBossQueue } from "../queue/job-queue.js";
import { startWorkers, workerDeps } from "../queue/start-workers.js";
import { startServer } from "../server/serve.js";
import type { Config } from "../shared/config.js";
import { createApiKey, ensureWorkspace } from "../shared/db/sql/accounts.js";
import { connectSql, runMigrations } from "../shared/db/sql/client.js";
import { createLogger } from "../shared/logger.js";
import type { Figure } from "./figure.js";
import { scratchDatabase } from "./scratch-db.js";
import { now, percentile } from "./stats.js";
import type { Mongo } from "../shared/db/mongo/client.js";
import { JOBS_COLLECTION } from "../shared/db/mongo/jobs-collection.js";

const COMMANDS = 200;
/** Commands in flight at once: a busy team, not a flood. */
const CONCURRENCY = 10;
const CHANNELS = 20;
const MESSAGES_PER_CHANNEL = 5;

async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Posts signed slash commands and times each HTTP answer (Slack's ack). */
async function slackAcks(url: string, slack: SlackFake, command: string): Promise<number[]> {
  const latencies: number[] = [];
  await inParallel(COMMANDS, CONCURRENCY, async (i) => {
    const body = slashCommandBody({
      command,
      text: `bench picture ${i}`,
      teamId: "T0BENCH",
      userId: `U0B${i % 20}`,
      channelId: "C0BENCH",
      triggerId: `${Date.now()}.${randomUUID()}`,
      responseUrl: slack.responseUrl(),
    });
    const t0 = now();
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...slackSignature(slack.signingSecret, body) },
      body,
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`slack ack answered ${res.status}`);
    latencies.push(now() - t0);
  });
  return latencies;
}

/** Sends interactions over the gateway and times each until its deferral reaches Discord. */
async function discordAcks(discord: DiscordFake): Promise<number[]> {
  const latencies: number[] = [];
  await inParallel(COMMANDS, CONCURRENCY, async (i) => {
    const sent = discord.slashCommand({
      name: "generate",
      guildId: "900000000000000001",
      channelId: "910000000000000001",
      user: { id: `92000000000000${String(i % 20).padStart(4, "0")}`, username: `u${i % 20}` },
      options: { prompt: `bench picture ${i}` },
    });
    const prefix = `/interactions/${sent.id}/`;
    for (;;) {
      const call = discord.calls.find((c) => c.path.startsWith(prefix));
      if (call) {
        latencies.push(call.at - sent.sentAt);
        return;
      }
      await sleep(2);
    }
  });
  return latencies;
}

/** Waits for the commands' API calls, made after their acks, to finish before anything is closed. */
async function settled(deps: { mongo: Mongo }, expected: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (
    Date.now() < deadline &&
    (await deps.mongo.db.collection(JOBS_COLLECTION).countDocuments({ "input.prompt": { $regex: "^bench picture" } })) < expected
  )
    await sleep(200);
}

/**
 * Chat figures: how fast each platform's command is acknowledged (our bot and Slack app vs a
 * bare client that acks and does nothing else), and how many messages per second the deliver
 * queue sends while holding every channel to one message per second.
 */
export async function chatBenchmark(base: Config, log: (m: string) => void): Promise<Figure[]> {
  const db = await scratchDatabase(base.databaseUrl, "benchc");
  const discord = await startDiscordFake();
  const slack = await startSlackFake();
  // As deployed with a public URL: Slack takes the pictures, so every result is one call.
  slack.reachesLocalImages = true;
  const figures: Figure[] = [];
  const config: Config = {
    ...base,
    port: 0,
    databaseUrl: db.url,
    logLevel: "silent",
    mongo: { ...base.mongo, db: `benchc${randomUUID().slice(0, 6)}` },
    discord: { ...base.discord, apiUrl: discord.apiUrl, token: discord.token },
    slack: { ...base.slack, apiUrl: slack.apiUrl, botToken: slack.botToken, signingSecret: slack.signingSecret },
    chat: { ...base.chat, channelIntervalMs: 1_000 },
  };
  const logger = createLogger(config);
  const boss = await startBoss(db.url);
  const queue = createPgBossQueue(boss);
  let stopServer = async () => {};
  try {
    // Keys first: the server's Slack mount takes its key when it starts.
    const keys = await connectSql(db.url);
    await runMigrations(keys);
    const home = await ensureWorkspace(keys.db, { slug: "bench-bots" });
    const slackKey = (await createApiKey(keys.db, { workspaceId: home.id, memberId: null, kind: "bot", platform: "slack", name: "slack" }))
      .key;
    const discordKey = (
      await createApiKey(keys.db, { workspaceId: home.id, memberId: null, kind: "bot", platform: "discord", name: "discord" })
    ).key;
    await keys.close();

    const withSlack = { ...config, slack: { ...config.slack, botApiKey: slackKey } };
    const mount = slackMount(withSlack, logger);
    if (!mount) throw new Error("the Slack app did not mount");
    const server = await startServer(withSlack, logger, queue, [
      mount,
      (app) => {
        // The baseline: a bare route on the same server that reads the body and answers.
        app.post("/bench/bare", async (c) => {
          await c.req.text();
          return c.body(null, 200);
        });
        return { stop: async () => {} };
      },
    ]);
    stopServer = server.stop;

    // Deliveries: finished chat jobs spread over channels, round robin, each to be posted once.
    log(`chat: deliver queue, ${CHANNELS} channels x ${MESSAGES_PER_CHANNEL} messages at 1/s per channel`);
    const jobIds: string[] = [];
    for (let m = 0; m < MESSAGES_PER_CHANNEL; m++) {
      for (let c = 0; c < CHANNELS; c++) {
        const jobId = randomUUID();
        const delivery = {
          platform: "slack" as const,
          teamId: "T0BENCH",
          channelId: `C0DLV${c}`,
          platformUserId: "U0BENCH",
          private: false,
        };
        await server.deps.jobs.create({
          jobId,
          type: "image-generation",
          userId: "slack-U0BENCH",
          workspaceId: home.id,
          input: { prompt: `delivery ${m}` },
          delivery,
        });
        await server.deps.jobs.setStatus(jobId, "failed", { error: { code: "BENCH", message: "a finished job to deliver" } });
        jobIds.push(jobId);
      }
    }
    const postsBefore = slack.calls.length;
    const t0 = now();
    const workers = await startWorkers(boss, workerDeps(config, logger, server.deps, queue));
    for (const jobId of jobIds) await queue.notifyChat(jobId);
    const total = CHANNELS * MESSAGES_PER_CHANNEL;
    const posts = () => slack.calls.slice(postsBefore).filter((c) => c.method === "chat.postMessage" && c.status === 200);
    while (posts().length < total) await sleep(20);
    const seconds = (Math.max(...posts().map((p) => p.at)) - t0) / 1000;
    await workers.stop(1_000);
    let minGapMs = Number.POSITIVE_INFINITY;
    for (let c = 0; c < CHANNELS; c++) {
      const at = posts()
        .filter((p) => p.args.channel === `C0DLV${c}`)
        .map((p) => p.at)
        .sort((a, b) => a - b);
      for (let i = 1; i < at.length; i++) minGapMs = Math.min(minGapMs, (at[i] ?? 0) - (at[i - 1] ?? 0));
    }
    log(`chat: ${total} messages in ${seconds.toFixed(1)} s; closest two in one channel ${minGapMs} ms apart`);

    // The same messages straight from a WebClient, no queue and no limit (the local Slack's
    // per-channel pace turned off too), as the sender's own ceiling.
    slack.channelPostLimit = undefined;
    const client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl });
    const r0 = now();
    await inParallel(total, 8, async (i) => void (await client.chat.postMessage({ channel: `C0RAW${i % CHANNELS}`, text: `raw ${i}` })));
    const rawRate = total / ((now() - r0) / 1000);

    figures.push(
      {
        name: `deliver, ${CHANNELS} channels at 1 msg/s each`,
        value: total / seconds,
        unit: "msg/s",
        baseline: `the limit's ceiling (${CHANNELS} channels x 1/s)`,
        baselineValue: CHANNELS,
      },
      {
        name: "deliver, closest two messages in one channel",
        value: minGapMs,
        unit: "ms",
        baseline: "the per-channel interval",
        baselineValue: 1_000,
      },
      {
        name: "unlimited WebClient postMessage (sender ceiling)",
        value: rawRate,
        unit: "msg/s",
        baseline: `the limit's ceiling (${CHANNELS} channels x 1/s)`,
        baselineValue: CHANNELS,
      },
    );

    log("chat: Slack acks, bare route then /slack/events");
    await slackAcks(`${server.url}/bench/bare`, slack, "/generate");
    const bareSlack = await slackAcks(`${server.url}/bench/bare`, slack, "/generate");
    const ourSlack = await slackAcks(`${server.url}/slack/events`, slack, "/generate");

    discord.addGuild({ id: "900000000000000001", name: "Bench", channelIds: ["910000000000000001"] });
    log("chat: Discord acks, bare discord.js client then the bot");
    const bare = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
    bare.on(Events.InteractionCreate, (i) => void (i.isRepliable() ? i.deferReply().catch(() => {}) : undefined));
    const bareReady = new Promise((r) => bare.once(Events.ClientReady, r));
    await bare.login(discord.token);
    await bareReady;
    const bareDiscord = await discordAcks(discord);
    await bare.destroy();
    const bot = createDiscordBot({
      token: discord.token,
      apiUrl: discord.apiUrl,
      api: { url: server.url, key: discordKey },
      files: { allowedOrigins: [discord.origin], maxBytes: 1024 * 1024 },
      logger,
    });
    await bot.start();
    const ourDiscord = await discordAcks(discord);
    await settled(server.deps, 2 * COMMANDS);
    await bot.stop();

    figures.push(
      {
        name: `Slack ack p50 (${COMMANDS} /generate, ${CONCURRENCY} at once)`,
        value: percentile(ourSlack, 50),
        unit: "ms",
        baseline: "bare Hono POST route",
        baselineValue: percentile(bareSlack, 50),
      },
      {
        name: "Slack ack p99",
        value: percentile(ourSlack, 99),
        unit: "ms",
        baseline: "bare Hono POST route",
        baselineValue: percentile(bareSlack, 99),
      },
      {
        name: `Discord ack p50 (${COMMANDS} /generate, ${CONCURRENCY} at once)`,
        value: percentile(ourDiscord, 50),
        unit: "ms",
        baseline: "bare discord.js client, deferReply only",
        baselineValue: percentile(bareDiscord, 50),
      },
      {
        name: "Discord ack p99",
        value: percentile(ourDiscord, 99),
        unit: "ms",
        baseline: "bare discord.js client, deferReply only",
        baselineValue: percentile(bareDiscord, 99),
      },
    );
  } finally {
    await stopServer();
    await boss.stop({ graceful: false });
    await discord.close();
    await slack.close();
    await db.drop();
  }
  return figures;
}
