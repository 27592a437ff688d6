import { describe, expect, it } from "vitest";
import { discordCommands } from "../../bots/discord/commands/index.js";
import { discordUsage, parseDiscordCommand } from "../../infra/sandbox/discord-commands.js";
import { slackValues } from "../../infra/sandbox/modals.js";

/** The commands as the bot registers them (what the sandbox reads back from the local Discord). */
const registered = [...discordCommands.values()].map((c) => c.data.toJSON()) as never;

describe("the sandbox's Discord message box", () => {
  it("takes named options, and text before any of them as the first text option", () => {
    expect(parseDiscordCommand(registered, "/generate a lighthouse in fog count:2 seed:7")).toEqual({
      name: "generate",
      options: { prompt: "a lighthouse in fog", count: 2, seed: "7" },
    });
    expect(parseDiscordCommand(registered, "/generate prompt:a fox: in snow private:true")).toEqual({
      name: "generate",
      options: { prompt: "a fox: in snow", private: true },
    });
    expect(parseDiscordCommand(registered, "/jobs")).toEqual({ name: "jobs", options: {} });
  });

  it("takes a subcommand as its first word", () => {
    expect(parseDiscordCommand(registered, "/settings show")).toEqual({ name: "settings", options: { show: {} } });
  });

  it.each([
    ["/paint a cat", /^no command \/paint here; the bot has \/generate/],
    ["generate a cat", /^type a command, starting with \//],
    ["/generate a cat count:two", /^count takes a number$/],
    ["/settings", /^\/settings needs one of: show, set/],
  ])("refuses %s in one line, as Discord's client would not send it", (typed, message) => {
    const parsed = parseDiscordCommand(registered, typed);
    expect(parsed).toBeInstanceOf(Error);
    expect((parsed as Error).message).toMatch(message);
  });

  it("lists every command the bot registers, with its options", () => {
    const usage = discordUsage(registered);
    expect(usage).toContain("/generate prompt: size: count: seed: lora: model: private:");
    expect(usage.length).toBe([...discordCommands.keys()].length);
  });

  it("gives Slack a modal's fields by block and action", () => {
    expect(slackValues({ "prompt/prompt": "a fox", "size/size": "square_hd" })).toEqual({
      prompt: { prompt: "a fox" },
      size: { size: "square_hd" },
    });
  });
});
