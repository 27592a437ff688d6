import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { GatewayTakenError, type GatewayLock, gatewayLockKey, holdGatewayLock } from "../../shared/chat/gateway-lock.js";
import { startDevDiscordBot } from "../../apps/discord-gateway.js";
import { loadConfig } from "../../shared/config.js";
import { createLogger } from "../../shared/logger.js";
import pg from "pg";
import { runEntry, waitFor } from "../helpers/processes.js";
import { createTestDatabase } from "../helpers/stack.js";

/** One Discord gateway client per bot token: `npm start` and `npm run bot` never both connect. */
describe("the Discord gateway lock", () => {
  const held: GatewayLock[] = [];
  const hold = async (url: string, token: string) => {
    const lock = await holdGatewayLock(url, token, () => {});
    held.push(lock);
    return lock;
  };
  afterEach(async () => {
    for (const lock of held.splice(0)) await lock.release();
  });

  it("refuses a second holder of the same token, in one line, and takes it again once released", async () => {
    const db = await createTestDatabase();
    try {
      const token = randomBytes(12).toString("hex");
      const first = await hold(db.url, token);
      const second = hold(db.url, token);
      await expect(second).rejects.toBeInstanceOf(GatewayTakenError);
      await expect(second).rejects.toThrow(/^another process already runs the Discord gateway client for this DISCORD_TOKEN[^\n]*$/);
      // Another bot's token is another lock.
      await expect(hold(db.url, `${token}-other`)).resolves.toBeDefined();
      await first.release();
      await expect(hold(db.url, token)).resolves.toBeDefined();
    } finally {
      for (const lock of held.splice(0)) await lock.release();
      await db.drop();
    }
  });

  /** The backend holding the token's lock in `url`'s database, if any. */
  const holderOf = async (admin: pg.Client, token: string): Promise<number | undefined> => {
    const key = gatewayLockKey(token);
    // An advisory lock on a bigint key keeps its high and low 32 bits in classid and objid.
    const { rows } = await admin.query<{ pid: number }>(
      "select pid from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database()) and classid::bigint = $1 and objid::bigint = $2",
      [((key >> 32n) & 0xffffffffn).toString(), (key & 0xffffffffn).toString()],
    );
    return rows[0]?.pid;
  };

  it("keeps the bot through a database restart: its dropped connection is replaced and the lock taken again", async () => {
    const db = await createTestDatabase();
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const token = randomBytes(12).toString("hex");
      const lost: Error[] = [];
      held.push(await holdGatewayLock(db.url, token, (err) => lost.push(err)));
      const before = await holderOf(admin, token);
      expect(before).toBeGreaterThan(0);
      // The server ends the lock's session, as a restart or a failover would.
      await admin.query("select pg_terminate_backend($1)", [before]);
      const after = await waitFor(
        async () => {
          const pid = await holderOf(admin, token);
          return pid !== undefined && pid !== before ? pid : undefined;
        },
        20_000,
        "the lock taken again on a new connection",
      );
      expect(after).not.toBe(before);
      await expect(hold(db.url, token)).rejects.toBeInstanceOf(GatewayTakenError);
      expect(lost).toEqual([]);
    } finally {
      for (const lock of held.splice(0)) await lock.release();
      await admin.end();
      await db.drop();
    }
  });

  it("tells the holder to stop when another process took the bot while its connection was down", async () => {
    const db = await createTestDatabase();
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const token = randomBytes(12).toString("hex");
      let lost: (err: Error) => void = () => {};
      const stopped = new Promise<Error>((resolve) => {
        lost = resolve;
      });
      held.push(await holdGatewayLock(db.url, token, (err) => lost(err)));
      const before = await holderOf(admin, token);
      // Another process queues for the lock as the first one's session ends, and so gets it.
      const other = new pg.Client({ connectionString: db.url });
      await other.connect();
      const otherHolds = other.query("select pg_advisory_lock($1::bigint)", [gatewayLockKey(token).toString()]);
      await admin.query("select pg_terminate_backend($1)", [before]);
      await otherHolds;
      const err = await stopped;
      expect(err).toBeInstanceOf(GatewayTakenError);
      expect(await holderOf(admin, token)).not.toBe(before);
      await other.end();
    } finally {
      for (const lock of held.splice(0)) await lock.release();
      await admin.end();
      await db.drop();
    }
  });

  it("makes npm run bot refuse, with one line and a non-zero exit, while another process holds the bot", async () => {
    const db = await createTestDatabase();
    try {
      const token = randomBytes(12).toString("hex");
      await hold(db.url, token);
      const bot = runEntry("apps/bot.ts", {
        DATABASE_URL: db.url,
        DISCORD_TOKEN: token,
        DISCORD_BOT_API_KEY: "cg_unused",
        LOG_LEVEL: "silent",
      });
      expect(await bot.exited).toBe(1);
      expect(bot.stderr()).toMatch(/^error: another process already runs the Discord gateway client for this DISCORD_TOKEN[^\n]+\n$/);
      expect(bot.stderr()).not.toContain(token);
    } finally {
      for (const lock of held.splice(0)) await lock.release();
      await db.drop();
    }
  });

  it("makes npm start leave the bot to the process that holds it, saying so, and carry on", async () => {
    const db = await createTestDatabase();
    try {
      const token = randomBytes(12).toString("hex");
      await hold(db.url, token);
      const lines: string[] = [];
      const config = loadConfig({ DATABASE_URL: db.url, DISCORD_TOKEN: token, DISCORD_BOT_API_KEY: "cg_unused", LOG_LEVEL: "info" });
      const logger = createLogger(config, { write: (line: string) => void lines.push(line) });
      await expect(startDevDiscordBot(config, logger, "http://127.0.0.1:1")).resolves.toBeUndefined();
      expect(lines.join("")).toContain("the Discord bot runs elsewhere, not in this process: another process already runs");
    } finally {
      for (const lock of held.splice(0)) await lock.release();
      await db.drop();
    }
  });
});
