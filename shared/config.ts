import { createHash, randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The one place that reads the environment. Everything else receives a `Config`.
 * Unset MONGODB_URL / S3_ENDPOINT mean "start the embedded local servers" outside production.
 */

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as http://127.0.0.1:7070" }).optional();

const booleanFlag = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1")
  .optional();

type TrustProxy = { kind: "none" } | { kind: "fly" } | { kind: "x-forwarded-for"; hops: number };

function trustProxyOf(value: string): TrustProxy {
  if (value === "fly") return { kind: "fly" };
  const hops = /^x-forwarded-for:(\d)$/.exec(value)?.[1];
  return hops ? { kind: "x-forwarded-for", hops: Number(hops) } : { kind: "none" };
}

/**
 * The fal image endpoints FAL_MODEL and FAL_LORA_MODEL may name: the values of two variables, so
 * listed here; shared/jobs/image-endpoints.ts describes each one, checked by the compiler.
 */
export const falImageEndpointIds = ["fal-ai/flux-pro/v1.1", "fal-ai/flux/dev", "fal-ai/flux/schnell", "fal-ai/flux-lora"] as const;
export type FalImageEndpoint = (typeof falImageEndpointIds)[number];

/**
 * Every variable the service reads. `.env.example` and docs/configuration.md list the same ones
 * (test/unit/env-example.test.ts holds them to it).
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PUBLIC_URL: httpUrl,
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// URL")
    .optional(),
  MONGODB_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/[^/?#]+/, "must be a mongodb:// or mongodb+srv:// URL")
    .optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[^/\\. "$*<>:|?]{1,63}$/, "must be a valid MongoDB database name")
    .default("content-generation"),
  /**
   * Where the embedded MongoDB-wire server (FerretDB) keeps its collections when MONGODB_URL is
   * unset: `postgresql` (a database of its own on DATABASE_URL's server) or `sqlite` (files under
   * DATA_DIR). Unset: PostgreSQL, unless SQLite data from an earlier version is there and the
   * PostgreSQL store is empty.
   */
  EMBEDDED_MONGO_BACKEND: z.enum(["postgresql", "sqlite"], { error: "must be postgresql or sqlite" }).optional(),
  S3_ENDPOINT: httpUrl,
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]+$/, "must be a region name like us-east-1")
    .default("us-east-1"),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be a valid S3 bucket name")
    .default("content-generation-assets"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: booleanFlag,
  FAL_KEY: z.string().optional(),
  ASSEMBLYAI_API_KEY: z.string().optional(),
  DISCORD_TOKEN: z.string().optional(),
  DISCORD_APPLICATION_ID: z.string().optional(),
  DISCORD_PUBLIC_KEY: z.string().optional(),
  /** Discord's REST API base; a local fake in tests. */
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).default("https://discord.com/api"),
  /** A guild to register commands in (instant), instead of globally (up to an hour to appear). */
  DISCORD_GUILD_ID: z.string().optional(),
  /** How long after a command its reply is still edited in place; Discord's tokens last 15 minutes. */
  DISCORD_INTERACTION_WINDOW_SECONDS: z.coerce.number().int().min(1).max(900).default(840),
  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  /** An app-level token (xapp-…) turns on Socket Mode, for development without a public URL. */
  SLACK_APP_TOKEN: z.string().optional(),
  /** Slack's Web API base; a local fake in tests. */
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default("https://slack.com/api/"),
  /**
   * The app's OAuth credentials (Basic Information in the app's settings): with them the app is
   * installed in any number of workspaces through `/slack/install`, each with its own bot token,
   * and SLACK_BOT_TOKEN is not used.
   */
  SLACK_CLIENT_ID: z.string().optional(),
  SLACK_CLIENT_SECRET: z.string().optional(),
  /** Signs the OAuth flow's state (a CSRF guard bound to the installer's browser). */
  SLACK_STATE_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** 32 random bytes in base64 (`openssl rand -base64 32`): seals the installed workspaces' bot tokens in PostgreSQL. */
  SLACK_TOKEN_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/_-]{43}=?$/, "must be 32 bytes in base64 (openssl rand -base64 32)")
    .optional(),
  /** Slack's authorize page the install path sends the installer to; a local fake in tests. */
  SLACK_AUTHORIZE_URL: z.url({ protocol: /^https?$/ }).default("https://slack.com/oauth/v2/authorize"),
  /** The bots' key for our own API (`npm run cli -- keys create --bot discord|slack`). */
  DISCORD_BOT_API_KEY: z.string().optional(),
  SLACK_BOT_API_KEY: z.string().optional(),
  /** Where the Discord bot process and the CLI reach the API; the Slack app runs inside the web process. */
  API_URL: httpUrl,
  /** The CLI's key for the API (`npm run cli -- keys create …`). */
  API_KEY: z.string().optional(),
  /** At most one chat message per channel per this many milliseconds, across all workers. */
  CHAT_CHANNEL_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  CHAT_MAX_FILE_MB: z.coerce.number().int().min(1).max(2048).default(500),
  DATA_DIR: z.string().default(".data"),
  /** The worker's and the bot's /metrics port (they serve no other HTTP); unset: not served. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Bearer token for GET /metrics; unset, the endpoint answers 404. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  LINK_SIGNING_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  LINK_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** The fal endpoint for prompts without a LoRA, and the one for prompts with one (see shared/jobs/image-endpoints.ts). */
  FAL_MODEL: z.enum(falImageEndpointIds, { error: `must be one of ${falImageEndpointIds.join(", ")}` }).default("fal-ai/flux-pro/v1.1"),
  FAL_LORA_MODEL: z.enum(falImageEndpointIds, { error: `must be one of ${falImageEndpointIds.join(", ")}` }).default("fal-ai/flux-lora"),
  /** Base URLs of the providers' APIs; set to a local emulator in development and tests. */
  FAL_BASE_URL: httpUrl,
  ASSEMBLYAI_BASE_URL: httpUrl,
  ASSEMBLYAI_LLM_GATEWAY_URL: httpUrl,
  FAL_JWKS_URL: z.url({ protocol: /^https?$/ }).default("https://rest.alpha.fal.ai/.well-known/jwks.json"),
  /** AssemblyAI's models for a transcript, in priority order (`speech_models`); the documented default. */
  ASSEMBLYAI_SPEECH_MODELS: z
    .string()
    .regex(/^[a-z0-9.-]+(,[a-z0-9.-]+)*$/, "must be model names separated by commas, such as universal-3-pro,universal-2")
    .default("universal-3-pro,universal-2"),
  /** Our fal account's user id: webhooks naming another (x-fal-webhook-user-id) get 401. Unset: any, bound to our jobs' requests all the same. */
  FAL_WEBHOOK_USER_ID: z.string().min(1).max(200).optional(),
  /**
   * How long a retried job waits for fal's webhook about a submission whose answer an earlier attempt did not store, before it
   * submits again: at least the time fal takes to run such a request. Images and clips use the first (below the image queue's 600 s).
   */
  FAL_LOST_SUBMISSION_WAIT_SECONDS: z.coerce.number().int().min(1).max(500).default(300),
  FAL_LOST_TRAINING_SUBMISSION_WAIT_SECONDS: z.coerce.number().int().min(1).max(9000).default(5400),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** API requests a member may make per minute (bots count per chat user they act for). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** API requests one workspace's members and bots may make per minute together. A row in `quotas` overrides it. */
  WORKSPACE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6000),
  /**
   * Which proxy in front of the web process to believe about the client's address (the per-address limit on unknown keys): none (the
   * socket's peer), `fly` (Fly-Client-IP, set by Fly's edge), or `x-forwarded-for:N` (the Nth address from the right, N proxies of ours).
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(none|fly|x-forwarded-for:[1-9])$/, "must be none, fly or x-forwarded-for:N (N from 1 to 9)")
    .default("none"),
  /** Requests with an unknown key one client address may make per minute before it is refused outright. */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Each workspace's monthly budget of estimated provider cost; unset for none. A row in `quotas` overrides it. */
  MONTHLY_COST_LIMIT_USD: z.coerce.number().min(0).optional(),
  /** Each member's monthly budget within their workspace; unset for none. A row in `quotas` overrides it. */
  USER_MONTHLY_COST_LIMIT_USD: z.coerce.number().min(0).optional(),
  /** Jobs of one member running at once, per type; more wait in the queue until one finishes. */
  MAX_RUNNING_TRAININGS_PER_USER: z.coerce.number().int().min(1).default(1),
  MAX_RUNNING_GENERATIONS_PER_USER: z.coerce.number().int().min(1).default(3),
  MAX_RUNNING_VIDEOS_PER_USER: z.coerce.number().int().min(1).default(2),
  MAX_RUNNING_TRANSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).default(3),
  /** Jobs of one workspace running at once, all types together. A row in `quotas` overrides it. */
  MAX_RUNNING_JOBS_PER_WORKSPACE: z.coerce.number().int().min(1).default(10),
  /** Jobs waiting or running that one member, or one workspace, may have before new ones are refused. */
  MAX_QUEUED_JOBS_PER_USER: z.coerce.number().int().min(1).default(50),
  MAX_QUEUED_JOBS_PER_WORKSPACE: z.coerce.number().int().min(1).default(500),
  /** Chat deliveries each worker process sends at once; most of their time is spent waiting for a channel's slot. */
  DELIVER_CONCURRENCY: z.coerce.number().int().min(1).max(128).default(24),
  /** Set by npm, not a setting: the folder `npm run cli` was typed in, where the CLI finds the paths it is given. */
  INIT_CWD: z.string().optional(),
});

/** Variables a production deployment must set: there is no embedded fallback there. */
const requiredInProduction = [
  "PUBLIC_URL",
  "DATABASE_URL",
  "MONGODB_URL",
  "S3_ACCESS_KEY_ID",
  "S3_SECRET_ACCESS_KEY",
  "LINK_SIGNING_SECRET",
  "FAL_KEY",
  "ASSEMBLYAI_API_KEY",
] as const;

export type Env = z.input<typeof envSchema>;

/**
 * A value kept in DATA_DIR/<name> (readable by its owner only), made by `make` the first time:
 * written whole under another name, then linked into place, so of two processes starting at
 * once one publishes its value and the other finds it there (EEXIST) and reads it.
 */
function localRecord(dataDir: string, name: string, make: () => string): string {
  const file = path.resolve(dataDir, name);
  if (!existsSync(file)) {
    const value = make();
    mkdirSync(path.dirname(file), { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(draft, `${value}\n`, { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      unlinkSync(draft);
    }
  }
  return readFileSync(file, "utf8").trim();
}

/**
 * Outside production, an unset LINK_SIGNING_SECRET is a random one kept under DATA_DIR, so links
 * stay valid across restarts and every process of one machine signs with the same key, while no
 * two installations share one (a constant in the source would let anyone forge links anywhere).
 */
const localSecret = (dataDir: string, name: string) => localRecord(dataDir, name, () => randomBytes(32).toString("base64url"));

/** This machine's PostgreSQL server, where an unset DATABASE_URL puts the data folder's database. */
export const LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432";
/** The file in DATA_DIR naming the folder's PostgreSQL database. */
export const DATABASE_RECORD = "database-name";

/**
 * The data folder's PostgreSQL database when DATABASE_URL is unset: `cg_<folder>_<hash>`, from the folder's last two path parts and its
 * absolute path, at most 58 bytes so FerretDB's `<name>_docs` fits PostgreSQL's 63; so two checkouts never share queues, accounts or job
 * documents. Recorded in the folder the first time: a restart, or the folder moved, finds the same one. A folder an earlier
 * version's `npm start` used (its servers' folders, no record) keeps `postgres`, the old default, where its jobs and keys are.
 */
export function dataFolderDatabase(dataDir: string): string {
  const dir = path.resolve(dataDir);
  const name = localRecord(dir, DATABASE_RECORD, () => {
    if (["ferretdb", "s3", "emulators"].some((mark) => existsSync(path.join(dir, mark)))) return "postgres";
    const hash = createHash("sha256").update(dir).digest("hex").slice(0, 8);
    const tail = path.relative(path.dirname(path.dirname(dir)), dir);
    const slug = tail.toLowerCase().replace(/[^a-z0-9]+/g, "_");
    return ["cg", slug.slice(0, 46).replace(/^_+|_+$/g, ""), hash].filter(Boolean).join("_");
  });
  if (/^[A-Za-z0-9_$-]{1,63}$/.test(name)) return name;
  throw new ConfigError(`${path.join(dir, DATABASE_RECORD)} must hold a PostgreSQL database name (got ${JSON.stringify(name)})`);
}

const configSchema = envSchema.transform((e) => {
  const port = e.PORT ?? 3000;
  const apiUrl = (e.API_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, "");
  // Keyed by job type; the queue's limits read it as Record<JobType, number>, so a new type fails to compile until it is listed here.
  const runningPerUser = {
    "lora-training": e.MAX_RUNNING_TRAININGS_PER_USER,
    "image-generation": e.MAX_RUNNING_GENERATIONS_PER_USER,
    transcription: e.MAX_RUNNING_TRANSCRIPTIONS_PER_USER,
    "video-generation": e.MAX_RUNNING_VIDEOS_PER_USER,
  };
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    port,
    /** PORT was set: the web process listens there or fails, never elsewhere. */
    portSet: e.PORT !== undefined,
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL ?? (e.NODE_ENV === "production" ? "" : `${LOCAL_POSTGRES}/${dataFolderDatabase(e.DATA_DIR)}`),
    /** Where the database came from: DATABASE_URL, or the data folder's own (see dataFolderDatabase). */
    databaseFrom: e.DATABASE_URL === undefined ? ("DATA_DIR" as const) : ("DATABASE_URL" as const),
    mongo: { url: e.MONGODB_URL, db: e.MONGODB_DB, embeddedBackend: e.EMBEDDED_MONGO_BACKEND },
    s3: {
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      bucket: e.S3_BUCKET,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      /** Local S3-compatible servers need path-style addressing; AWS prefers virtual-hosted. */
      forcePathStyle: e.S3_FORCE_PATH_STYLE ?? e.S3_ENDPOINT !== undefined,
    },
    providers: {
      falKey: e.FAL_KEY,
      /** Which fal endpoint runs an image job (imageEndpointFor). */
      imageModels: { plain: e.FAL_MODEL, lora: e.FAL_LORA_MODEL },
      /** Unset means fal.ai itself. */
      falBaseUrl: e.FAL_BASE_URL,
      assemblyAiKey: e.ASSEMBLYAI_API_KEY,
      assemblyAiBaseUrl: e.ASSEMBLYAI_BASE_URL,
      assemblyAiLlmGatewayUrl: e.ASSEMBLYAI_LLM_GATEWAY_URL ?? "https://llm-gateway.assemblyai.com",
      /** Where fal publishes the Ed25519 keys its webhooks are signed with. */
      falJwksUrl: e.FAL_JWKS_URL,
      falWebhookUserId: e.FAL_WEBHOOK_USER_ID,
      assemblyAiSpeechModels: e.ASSEMBLYAI_SPEECH_MODELS.split(","),
      /** See FAL_LOST_SUBMISSION_WAIT_SECONDS. */
      falLostSubmissionWaitMs: {
        image: e.FAL_LOST_SUBMISSION_WAIT_SECONDS * 1000,
        training: e.FAL_LOST_TRAINING_SUBMISSION_WAIT_SECONDS * 1000,
      },
    },
    workerConcurrency: e.WORKER_CONCURRENCY,
    discord: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      publicKey: e.DISCORD_PUBLIC_KEY,
      apiUrl: e.DISCORD_API_URL.replace(/\/+$/, ""),
      guildId: e.DISCORD_GUILD_ID,
      interactionWindowSeconds: e.DISCORD_INTERACTION_WINDOW_SECONDS,
      botApiKey: e.DISCORD_BOT_API_KEY,
    },
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL.endsWith("/") ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
      botApiKey: e.SLACK_BOT_API_KEY,
      /** Many workspaces, each installed through the OAuth flow; undefined: one workspace with SLACK_BOT_TOKEN. */
      oauth:
        e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET
          ? {
              clientId: e.SLACK_CLIENT_ID,
              clientSecret: e.SLACK_CLIENT_SECRET,
              stateSecret: e.SLACK_STATE_SECRET ?? (e.NODE_ENV === "production" ? "" : localSecret(e.DATA_DIR, "slack-state-secret")),
              tokenKey: e.SLACK_TOKEN_ENCRYPTION_KEY ?? (e.NODE_ENV === "production" ? "" : localSecret(e.DATA_DIR, "slack-token-key")),
              authorizeUrl: e.SLACK_AUTHORIZE_URL,
            }
          : undefined,
    },
    chat: {
      /** Base URL of our API as the Discord bot process reaches it. */
      apiUrl,
      channelIntervalMs: e.CHAT_CHANNEL_INTERVAL_MS,
      maxFileBytes: e.CHAT_MAX_FILE_MB * 1024 * 1024,
      deliverConcurrency: e.DELIVER_CONCURRENCY,
    },
    cli: { apiUrl, apiKey: e.API_KEY, workingDir: e.INIT_CWD },
    dataDir: e.DATA_DIR,
    /** Bearer token of GET /metrics; undefined turns the endpoint off. */
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    limits: {
      /** Undefined: no monthly budget unless a workspace's `quotas` row sets one. */
      monthlyCostUsd: e.MONTHLY_COST_LIMIT_USD,
      userMonthlyCostUsd: e.USER_MONTHLY_COST_LIMIT_USD,
      runningPerUser,
      runningPerWorkspace: e.MAX_RUNNING_JOBS_PER_WORKSPACE,
      queuedPerUser: e.MAX_QUEUED_JOBS_PER_USER,
      queuedPerWorkspace: e.MAX_QUEUED_JOBS_PER_WORKSPACE,
      requestsPerMinute: e.RATE_LIMIT_PER_MINUTE,
      workspaceRequestsPerMinute: e.WORKSPACE_RATE_LIMIT_PER_MINUTE,
      authFailuresPerMinute: e.AUTH_FAILURES_PER_MINUTE,
    },
    links: {
      /** HMAC key of the short download links posted in chat. */
      signingSecret: e.LINK_SIGNING_SECRET ?? (e.NODE_ENV === "production" ? "" : localSecret(e.DATA_DIR, "link-signing-secret")),
      ttlDays: e.LINK_TTL_DAYS,
    },
  };
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** `NAME=` or `NAME=" "`, as .env templates leave them, means not set: the default applies, not an empty value. */
function withoutBlanks(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ""),
  );
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const env = withoutBlanks(source);
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const value = env[name];
    const secret = /KEY|TOKEN|SECRET/.test(name);
    const shown = value === undefined || secret ? "" : ` (got ${JSON.stringify(redactUrl(value))})`;
    throw new ConfigError(`${name} ${issue?.message ?? "is invalid"}${shown}`);
  }
  if (Boolean(env.SLACK_CLIENT_ID) !== Boolean(env.SLACK_CLIENT_SECRET)) {
    throw new ConfigError(
      "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET go together: set both for installs through Slack's OAuth flow, or neither",
    );
  }
  if (parsed.data.env === "production") {
    const oauthNeeds = env.SLACK_CLIENT_ID ? ["SLACK_SIGNING_SECRET", "SLACK_STATE_SECRET", "SLACK_TOKEN_ENCRYPTION_KEY"] : [];
    const missing = [...requiredInProduction, ...oauthNeeds].filter((k) => env[k] === undefined);
    if (missing.length > 0) {
      throw new ConfigError(`${missing.join(", ")} must be set when NODE_ENV=production`);
    }
  }
  return parsed.data;
}

/** Hides the password part of a connection URL so it can be printed. */
export function redactUrl(value: string): string {
  // Also matches malformed URLs such as "mongodb:/user:pw@host", which are the ones echoed in errors.
  return value.replace(/^([a-z][a-z0-9+.-]*:\/*)?([^:@/]*):[^@/]*@/i, "$1$2:***@");
}
