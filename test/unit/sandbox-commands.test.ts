import { describe, expect, it } from "vitest";
import { discordCommands } from "../../bots/discord/commands/index.js";
import { autocompleteOf, discordFileOptions, discordUsage, parseDiscordCommand } from "../../infra/sandbox/discord-commands.js";
import { slackValues } from "../../infra/sandbox/modals.js";
import { withFileLink } from "../../infra/sandbox/uploads.js";

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

  it("counts a file picked for an attachment option as given, and refuses one for an option that takes none", () => {
    expect(discordFileOptions(registered)).toEqual({
      generate: ["style", "subject", "composition"],
      describe: ["image"],
      blend: ["image1", "image2", "image3", "image4"],
      video: ["image"],
      transcribe: ["file"],
      train: ["images", "video"],
    });
    expect(parseDiscordCommand(registered, "/train name:annstyle", ["images"])).toEqual({ name: "train", options: { name: "annstyle" } });
    expect((parseDiscordCommand(registered, "/train name:annstyle", ["file"]) as Error).message).toBe(
      "file is not a file option here; this command takes images, video",
    );
    expect((parseDiscordCommand(registered, "/jobs", ["file"]) as Error).message).toBe("this command takes no file");
  });

  it("asks autocomplete for the option being typed when the bot registered it with autocomplete, with what was typed so far", () => {
    expect(autocompleteOf(registered, "/generate a fox lora:ann")).toEqual({
      name: "generate",
      options: { prompt: "a fox", lora: "ann" },
      focused: "lora",
    });
    expect(autocompleteOf(registered, "/generate a fox lora:")).toMatchObject({ focused: "lora", options: { lora: "" } });
    // Partly typed values are sent as typed, as Discord does: a count not yet a number is no error.
    expect(autocompleteOf(registered, "/generate a fox count:t lora:a")).toMatchObject({ options: { count: "t", lora: "a" } });
    expect(autocompleteOf(registered, "/generate a fox seed:4")).toBeUndefined();
    expect(autocompleteOf(registered, "/generate a fox")).toBeUndefined();
    expect(autocompleteOf(registered, "/paint lora:a")).toBeUndefined();
  });

  it("puts a shared file's link in a Slack command after its words, before its flags", () => {
    expect(withFileLink("", "<L|a.wav>")).toBe("<L|a.wav>");
    expect(withFileLink("--speakers --language en", "<L|a.wav>")).toBe("<L|a.wav> --speakers --language en");
    expect(withFileLink("annstyle --private", "<L|f.zip>")).toBe("annstyle <L|f.zip> --private");
    expect(withFileLink("annstyle", "<L|f.zip>")).toBe("annstyle <L|f.zip>");
    // A command whose hint names the link's flag takes it there.
    const hint = "<prompt> [--duration 5|6|10] [--image <Slack file link>] [--motion low|high]";
    expect(withFileLink("a harbour at dawn --motion high", "<L|p.png>", hint)).toBe("a harbour at dawn --motion high --image <L|p.png>");
  });

  it("lists every command the bot registers, with its options", () => {
    const usage = discordUsage(registered);
    expect(usage).toContain("/generate prompt: size: count: seed: lora: model: private: [style] [subject] [composition] reference-weight:");
    expect(usage.length).toBe([...discordCommands.keys()].length);
  });

  it("gives Slack a modal's fields by block and action", () => {
    expect(slackValues({ "prompt/prompt": "a fox", "size/size": "square_hd" })).toEqual({
      prompt: { prompt: "a fox" },
      size: { size: "square_hd" },
    });
  });
});
