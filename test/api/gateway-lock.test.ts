import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { GatewayTakenError, type GatewayLock, holdGatewayLock } from "../../shared/chat/gateway-lock.js";
import { startDevDiscordBot } from "../../apps/discord-gateway.js";
import { loadConfig } from "../../shared/config.js";
import { createLogger } from "../../shared/logger.js";
import { runEntry } from "../helpers/processes.js";
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
