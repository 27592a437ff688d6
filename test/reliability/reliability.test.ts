import { Client as pgClient } from "pg";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort, type ManagedProcess } from "../../infra/child-process.js";
import { type AssemblyAiFake, startAssemblyAiFake } from "../../infra/fakes/assemblyai/emulator.js";
import { type DiscordFake, startDiscordFake } from "../../infra/fakes/discord/index.js";
import { type FalFake, startFalFake } from "../../infra/fakes/fal/emulator.js";
import { type SlackFake, slackSignature, slashCommandBody, startSlackFake } from "../../infra/fakes/slack/index.js";
import { type FerretDbStore, startFerretDb } from "../../infra/ferretdb-server.js";
import { type Config, loadConfig } from "../../shared/config.js";
import { type Core, connectCore } from "../../shared/connect.js";
import { createApiKey, ensureMember, ensureWorkspace } from "../../shared/db/sql/accounts.js";
import { jobFiles } from "../../shared/jobs/files.js";
import { createLogger } from "../../shared/logger.js";
import { makeWav } from "../helpers/media.js";
import { startPrivatePostgres, type PrivatePostgres } from "../helpers/private-postgres.js";
import { type Spawned, runEntry, waitFor } from "../helpers/processes.js";
import { testConfig } from "../helpers/stack.js";
import { configEnv } from "../helpers/worker-process.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const FINAL = ["completed", "failed", "canceled"] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One process of the deployment, restartable under the same environment (and port, for web). */
class Proc {
  run: Spawned | undefined;
  crashes: string[] = [];
  private expectingExit = false;
  private earlier = "";

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: Record<string, string | undefined>,
    private readonly readyWhen: RegExp,
  ) {}

  async start(): Promise<void> {
    this.earlier += this.run?.stdout() ?? "";
    const run = runEntry(this.entry, this.env);
    this.run = run;
    this.expectingExit = false;
    void run.exited.then((code) => {
      if (!this.expectingExit) this.crashes.push(`${this.name} exited with ${code}: ${run.stderr().slice(-2000)}`);
    });
    await waitFor(() => (this.readyWhen.test(run.stdout()) ? true : undefined), 60_000, `${this.name} to start`).catch((err: Error) => {
      throw new Error(`${err.message}\nstdout: ${run.stdout().slice(-3000)}\nstderr: ${run.stderr().slice(-3000)}`);
    });
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (!this.run) return;
    this.expectingExit = true;
    this.run.child.kill(signal);
    await this.run.exited;
  }

  /** What every run of this process has logged. */
  logs(): string {
    return this.earlier + (this.run?.stdout() ?? "");
  }
}

/**
 * The deployment's process types (two web, two worker, the Discord bot) as separate processes
 * on a PostgreSQL and a FerretDB of this test's own, under a steady load of API calls and chat
 * commands, while each process type is killed and restarted and both databases restart once.
 * At the end every accepted job must be final exactly once, with its files in S3 and its chat
 * result delivered once.
 */
describe("reliability: crashes and restarts under load", () => {
  const seconds = inject("reliabilitySeconds");
  let pg: PrivatePostgres;
  let docsStore: FerretDbStore;
  let ferret: ManagedProcess;
  let ferretPort: number;
  let ferretDir: string;
  let fal: FalFake;
  let aai: AssemblyAiFake;
  let slack: SlackFake;
  let discord: DiscordFake;
  let config: Config;
  let core: Core;
  let webs: Proc[] = [];
  let workers: Proc[] = [];
  let bot: Proc;
  let ports: number[] = [];
  let aliceKey = "";
  let wavKey = "";

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    ferretPort = await freePort();
    ferretDir = await mkdtemp(path.join(tmpdir(), "cg-ferret-"));
    // FerretDB keeps its documents on the same PostgreSQL, as `npm start` does: the PostgreSQL
    // restart below takes the job documents down too.
    const admin = new pgClient({ connectionString: pg.url });
    await admin.connect();
    await admin.query("create database docs");
    await admin.end();
    docsStore = { backend: "postgresql", databaseUrl: pg.url.replace(/\/postgres$/, "/docs") };
    ferret = await startFerretDb(ferretDir, ferretPort, () => {}, docsStore);
    [fal, aai, slack, discord] = await Promise.all([
      startFalFake({ processingMs: 800 }),
      startAssemblyAiFake({ processingMs: 800 }),
      startSlackFake(),
      startDiscordFake(),
    ]);
    discord.addGuild({ id: "100000000000000009", name: "Load", channelIds: ["200000000000000009"] });

    ports = [await freePort(), await freePort()];
    const base = testConfig({ databaseUrl: pg.url });
    const env: Record<string, string | undefined> = {
      ...configEnv(base),
      MONGODB_URL: `mongodb://127.0.0.1:${ferretPort}/`,
      FAL_KEY: "test-key",
      FAL_BASE_URL: fal.url,
      FAL_JWKS_URL: fal.jwksUrl,
      // Provider webhooks go to web1, and are tried again while it is down, as fal does. They
      // let a worker that restarts find a submission its predecessor died before recording;
      // the fake answers in under a second, so a minute is a long wait for its webhook.
      PUBLIC_URL: `http://127.0.0.1:${ports[0]}`,
      FAL_LOST_SUBMISSION_WAIT_SECONDS: "60",
      ASSEMBLYAI_API_KEY: "test-key",
      ASSEMBLYAI_BASE_URL: aai.url,
      ASSEMBLYAI_LLM_GATEWAY_URL: aai.url,
      SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      CHAT_CHANNEL_INTERVAL_MS: "0",
      WORKER_CONCURRENCY: "4",
      MAX_RUNNING_GENERATIONS_PER_USER: "50",
      MAX_RUNNING_TRANSCRIPTIONS_PER_USER: "50",
      MAX_RUNNING_JOBS_PER_WORKSPACE: "100",
      RATE_LIMIT_PER_MINUTE: "100000",
    };
    config = loadConfig({ ...env, LOG_LEVEL: "silent" } as Record<string, string>);

    const migrate = runEntry("shared/db/sql/migrate-cli.ts", env);
    expect(await migrate.exited, migrate.stderr()).toBe(0);
    core = await connectCore(config, createLogger(config));
    const ws = await ensureWorkspace(core.sql.db, { slug: "load" });
    const member = await ensureMember(core.sql.db, ws.id, "alice");
    aliceKey = (await createApiKey(core.sql.db, { workspaceId: ws.id, memberId: member.id, kind: "user", name: "alice" })).key;
    const bots = await ensureWorkspace(core.sql.db, { slug: "bots" });
    const slackKey = (
      await createApiKey(core.sql.db, { workspaceId: bots.id, memberId: null, kind: "bot", platform: "slack", name: "slack" })
    ).key;
    const discordKey = (
      await createApiKey(core.sql.db, { workspaceId: bots.id, memberId: null, kind: "bot", platform: "discord", name: "discord" })
    ).key;

    webs = ports.map(
      (port, i) => new Proc(`web${i + 1}`, "apps/web.ts", { ...env, PORT: String(port), SLACK_BOT_API_KEY: slackKey }, /"msg":"listening"/),
    );
    workers = [1, 2].map((n) => new Proc(`worker${n}`, "apps/worker.ts", env, /workers started/));
    bot = new Proc(
      "bot",
      "apps/bot.ts",
      { ...env, DISCORD_BOT_API_KEY: discordKey, API_URL: `http://127.0.0.1:${ports[1]}` },
      /discord bot connected/,
    );
    await Promise.all([...webs, ...workers].map((p) => p.start()));
    await bot.start();

    // One recording for every transcription: an upload of alice's, through the API.
    const wav = makeWav(2);
    const up = await trpc<{ uploadKey: string; url: string; headers: Record<string, string> }>(0, "assets.uploadUrl", {
      fileName: "load.wav",
      contentType: "audio/wav",
      sizeBytes: wav.length,
    });
    expect((await fetch(up.url, { method: "PUT", body: wav, headers: up.headers })).status).toBe(200);
    wavKey = up.uploadKey;
  }, 240_000);

  afterAll(async () => {
    for (const p of [...webs, ...workers, bot]) await p?.kill("SIGKILL");
    await core?.close();
    await Promise.all([fal?.close(), aai?.close(), slack?.close(), discord?.close()]);
    await ferret?.stop();
    await pg?.stop();
    if (ferretDir) await rm(ferretDir, { recursive: true, force: true });
  }, 60_000);

  const webUrl = (i: number) => `http://127.0.0.1:${ports[i % ports.length]}`;

  async function trpc<T>(web: number, procedure: string, input: unknown): Promise<T> {
    const res = await fetch(`${webUrl(web)}/trpc/${procedure}`, {
      method: "POST",
      headers: { authorization: `Bearer ${aliceKey}`, "content-type": "application/json" },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
    if (!res.ok || !body.result) throw new Error(`${procedure} answered ${res.status}: ${body.error?.message}`);
    return body.result.data;
  }

  /** Every process's log, to follow a job by its id; returns the folder. */
  async function saveLogs(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), "cg-reliability-logs-"));
    for (const p of [...webs, ...workers, bot]) await writeFile(path.join(dir, `${p.name}.log`), p.logs());
    return dir;
  }

  it("every accepted job ends once, with its files in S3 and its chat result delivered once", async () => {
    const accepted = new Set<string>();
    const stats = {
      apiCalls: 0,
      apiRetries: 0,
      apiRetryReasons: {} as Record<string, number>,
      slackCommands: 0,
      slackRetries: 0,
      discordCommands: 0,
      faults: [] as string[],
    };
    let stop = false;
    let n = 0;

    /** A client that retries with the same idempotency key until the job is accepted, as a script would. */
    async function apiIntent(kind: "image" | "transcription") {
      const key = `load-${n}-${randomBytes(3).toString("hex")}`;
      const input =
        kind === "image"
          ? { type: "image-generation", prompt: `load image ${key}`, idempotencyKey: key }
          : { type: "transcription", uploadKey: wavKey, idempotencyKey: key };
      stats.apiCalls++;
      for (let attempt = 0; attempt < 40; attempt++) {
        try {
          const created = await trpc<{ jobId: string }>(attempt, "jobs.create", input);
          accepted.add(created.jobId);
          return;
        } catch (err) {
          stats.apiRetries++;
          const reason = ((err as Error).name === "TimeoutError" ? "no answer within 10 s" : (err as Error).message)
            .replace(/\d+/g, "N")
            .slice(0, 100);
          stats.apiRetryReasons[reason] = (stats.apiRetryReasons[reason] ?? 0) + 1;
          await sleep(500);
        }
      }
    }

    /** A Slack slash command, redelivered (X-Slack-Retry-Num) when it is not acknowledged, as Slack does. */
    async function slackIntent() {
      const triggerId = `${Date.now()}.${randomBytes(4).toString("hex")}`;
      const body = slashCommandBody({
        command: "/generate",
        text: `load slack ${triggerId}`,
        teamId: "T0LOAD",
        userId: "U0LOAD",
        channelId: "C0LOAD",
        triggerId,
        responseUrl: slack.responseUrl(),
      });
      stats.slackCommands++;
      for (let retry = 0; retry <= 3; retry++) {
        try {
          const res = await fetch(`${webUrl(retry + n)}/slack/events`, {
            method: "POST",
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              ...slackSignature(slack.signingSecret, body),
              ...(retry ? { "x-slack-retry-num": String(retry), "x-slack-retry-reason": "http_error" } : {}),
            },
            body,
            signal: AbortSignal.timeout(3_000),
          });
          if (res.status === 200) return;
        } catch {
          // Not acknowledged: Slack sends it again.
        }
        stats.slackRetries++;
        await sleep(1_000);
      }
    }

    const load = (async () => {
      const pending: Array<Promise<void>> = [];
      while (!stop) {
        n++;
        const roll = n % 10;
        if (roll < 6) pending.push(apiIntent("image"));
        else if (roll < 7) pending.push(apiIntent("transcription"));
        else if (roll < 9) pending.push(slackIntent());
        else {
          stats.discordCommands++;
          discord.slashCommand({
            name: "generate",
            guildId: "100000000000000009",
            channelId: "200000000000000009",
            user: { id: "300000000000000009", username: "lou" },
            options: { prompt: `load discord ${n}` },
          });
        }
        await sleep(400);
      }
      await Promise.all(pending);
    })();

    // The faults, spread over the run: each process type killed and restarted, then each database.
    const at = (fraction: number) => sleep((seconds * 1000 * fraction) / 7);
    const fault = async (what: string, action: () => Promise<void>) => {
      stats.faults.push(what);
      await action();
    };
    await at(1);
    await fault("worker1 SIGKILL, restarted 1 s later", async () => {
      await workers[0]?.kill("SIGKILL");
      await sleep(1_000);
      await workers[0]?.start();
    });
    await at(1);
    await fault("web1 SIGKILL, restarted 1 s later", async () => {
      await webs[0]?.kill("SIGKILL");
      await sleep(1_000);
      await webs[0]?.start();
    });
    await at(1);
    await fault("bot SIGKILL, restarted", async () => {
      await bot.kill("SIGKILL");
      await bot.start();
    });
    await at(1);
    await fault("PostgreSQL restarted (fast shutdown, 2 s down)", () => pg.restart(2_000));
    await at(1);
    await fault("FerretDB SIGKILL, restarted 1 s later", async () => {
      await ferret.stop();
      await sleep(1_000);
      ferret = await startFerretDb(ferretDir, ferretPort, () => {}, docsStore);
    });
    await at(1);
    await fault("worker2 SIGTERM (graceful), restarted", async () => {
      await workers[1]?.kill("SIGTERM");
      await workers[1]?.start();
    });
    await at(1);
    stop = true;
    await load;

    // Everything accepted must settle; then the checks.
    const jobs = rawJobs(core);
    await waitFor(
      async () => ((await jobs.countDocuments({ status: { $nin: [...FINAL] } })) === 0 ? true : undefined),
      300_000,
      "every job to reach a final state",
    ).catch(async (err: Error) => {
      const stuck = await jobs
        .find({ status: { $nin: [...FINAL] } }, { projection: { jobId: 1, status: 1, type: 1, delivery: 1 } })
        .toArray();
      throw new Error(
        `${err.message}: ${stuck.map((d) => `${d.jobId} (${d.type}, ${d.status})`).join("; ")}; process logs in ${await saveLogs()}`,
      );
    });
    const docs = await jobs.find({}).toArray();
    const byId = new Map(docs.map((d) => [d.jobId, d]));
    const lost = [...accepted].filter((id) => !byId.has(id));
    const completed = docs.filter((d) => d.status === "completed");
    const failed = docs.filter((d) => d.status === "failed");

    const duplicates: string[] = [];
    const keys = docs.map((d) => d.idempotencyKey).filter(Boolean);
    if (new Set(keys).size !== keys.length) duplicates.push(`${keys.length - new Set(keys).size} idempotency keys with two jobs`);
    for (const d of completed) {
      if (d.versions.length !== 1) duplicates.push(`${d.jobId}: ${d.versions.length} versions`);
      const prompt = typeof d.input?.prompt === "string" ? d.input.prompt : undefined;
      if (prompt && fal.submissions.filter((s) => s.input.prompt === prompt).length !== 1)
        duplicates.push(`${d.jobId}: ${fal.submissions.filter((s) => s.input.prompt === prompt).length} fal submissions`);
    }
    const ledger = await core.sql.pool.query<{ n: string; distinct_jobs: string }>(
      // A job's own row is keyed by its id; its meeting notes and questions add rows keyed `<jobId>/…`.
      "select count(*) as n, count(distinct job_id) as distinct_jobs from usage_ledger where position('/' in job_id) = 0",
    );
    if (Number(ledger.rows[0]?.n) !== completed.length)
      duplicates.push(`usage ledger has ${ledger.rows[0]?.n} rows for ${completed.length} completed jobs`);

    const missingFiles: string[] = [];
    for (const d of completed) {
      for (const f of jobFiles(d)) {
        const head = await core.storage.client
          .send(new HeadObjectCommand({ Bucket: core.storage.bucket, Key: f.key }))
          .catch(() => undefined);
        if (!head) missingFiles.push(f.key);
      }
    }

    const chatJobs = docs.filter((d) => d.delivery);
    const undelivered: string[] = [];
    await waitFor(
      async () => {
        const rows = await core.sql.pool.query<{ job_id: string }>(
          "select job_id from chat_deliveries where final_delivered_at is not null",
        );
        const delivered = new Set(rows.rows.map((r) => r.job_id));
        const missing = chatJobs.filter((d) => !delivered.has(d.jobId));
        return missing.length === 0 ? true : undefined;
      },
      60_000,
      "every chat result to be delivered",
    ).catch(() => undefined);
    const deliveredRows = await core.sql.pool.query<{ job_id: string }>(
      "select job_id from chat_deliveries where final_delivered_at is not null",
    );
    const delivered = new Set(deliveredRows.rows.map((r) => r.job_id));
    for (const d of chatJobs) {
      if (!delivered.has(d.jobId)) undelivered.push(`${d.jobId} (${d.delivery?.platform}, ${d.status} at ${d.finishedAt?.toISOString()})`);
      if (d.delivery?.platform === "slack") {
        const posts = slack.calls.filter((c) => c.method === "chat.postMessage" && JSON.stringify(c.args).includes(d.jobId)).length;
        if (posts !== 1) duplicates.push(`${d.jobId}: ${posts} Slack channel posts`);
      }
    }
    const retried = await core.sql.pool.query<{ n: string }>(
      "select count(*) as n from pgboss.job where name in ('image-generation', 'transcription', 'lora-training') and retry_count > 0",
    );
    const crashes = [...webs, ...workers, bot].flatMap((p) => p.crashes);

    const report = {
      seconds,
      faults: stats.faults,
      jobsAccepted: docs.length,
      viaApi: accepted.size,
      viaSlack: docs.filter((d) => d.delivery?.platform === "slack").length,
      viaDiscord: docs.filter((d) => d.delivery?.platform === "discord").length,
      completed: completed.length,
      failed: failed.length,
      canceled: docs.length - completed.length - failed.length,
      retried: Number(retried.rows[0]?.n ?? 0),
      clientRetries: stats.apiRetries + stats.slackRetries,
      // Why API calls were tried again, most frequent first.
      apiRetryReasons: Object.fromEntries(
        Object.entries(stats.apiRetryReasons)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6),
      ),
      duplicatesFound: duplicates.length,
      lost: lost.length,
      missingFiles: missingFiles.length,
      undelivered: undelivered.length,
      unexpectedExits: crashes.length,
    };
    process.stdout.write(`[reliability] ${JSON.stringify(report)}\n`);
    if (duplicates.length) process.stdout.write(`[reliability] duplicates: ${duplicates.join("; ")}\n`);
    if (duplicates.length || undelivered.length) {
      // Every process's log, to follow the jobs named above by their id.
      process.stdout.write(`[reliability] undelivered: ${undelivered.join("; ")}\n[reliability] process logs in ${await saveLogs()}\n`);
    }

    expect(crashes).toEqual([]);
    expect(report.jobsAccepted).toBeGreaterThan(seconds);
    expect(lost).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(failed.map((d) => `${d.jobId}: ${JSON.stringify(d.error)}`)).toEqual([]);
    expect(missingFiles).toEqual([]);
    expect(undelivered).toEqual([]);
    expect(report.viaSlack).toBeGreaterThan(0);
    expect(report.viaDiscord).toBeGreaterThan(0);
  }, 900_000);
});
