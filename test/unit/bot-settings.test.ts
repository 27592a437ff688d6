import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { requireDiscordSettings } from "../../shared/chat/discord-settings.js";
import { ConfigError, loadConfig } from "../../shared/config.js";
import { runEntry } from "../helpers/processes.js";

const dataDir = mkdtempSync(path.join(tmpdir(), "bot-settings-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the Discord bot's settings", () => {
  it.each([
    [{}, ["DISCORD_TOKEN", "DISCORD_BOT_API_KEY"], /^DISCORD_TOKEN is not set: set it to the bot's token, from the Bot page/],
    [
      { DISCORD_TOKEN: "t" },
      ["DISCORD_TOKEN", "DISCORD_BOT_API_KEY"],
      /^DISCORD_BOT_API_KEY is not set: .*keys create --workspace <slug> --bot discord/,
    ],
    [{ DISCORD_TOKEN: "t" }, ["DISCORD_TOKEN", "DISCORD_APPLICATION_ID"], /^DISCORD_APPLICATION_ID is not set: .*Application ID/],
  ] as const)("names the first one missing of %o in one line", (env, needed, message) => {
    const run = () => requireDiscordSettings(loadConfig(env), [...needed]);
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
    expect(run).toThrow(/open \/sandbox\)$/);
  });

  it("lets a complete set through", () => {
    expect(() =>
      requireDiscordSettings(loadConfig({ DISCORD_TOKEN: "t", DISCORD_BOT_API_KEY: "k" }), ["DISCORD_TOKEN", "DISCORD_BOT_API_KEY"]),
    ).not.toThrow();
  });

  it.each([
    ["apps/bot.ts", "DISCORD_TOKEN"],
    ["apps/register.ts", "DISCORD_TOKEN"],
  ])("%s without tokens prints one line naming %s and exits non-zero", async (entry, variable) => {
    const run = runEntry(entry, { DATA_DIR: dataDir, LOG_LEVEL: "silent" });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(new RegExp(`^error: ${variable} is not set: [^\\n]+\\n$`));
    expect(run.stderr()).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it("npm run discord:register names the application id when only the token is set", async () => {
    const run = runEntry("apps/register.ts", { DATA_DIR: dataDir, LOG_LEVEL: "silent", DISCORD_TOKEN: "t" });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/^error: DISCORD_APPLICATION_ID is not set: [^\n]+\n$/);
  });
});
