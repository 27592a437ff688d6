import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordFake, startDiscordFake } from "../../infra/fakes/discord/index.js";
import { type SlackFake, startSlackFake } from "../../infra/fakes/slack/index.js";
import { registerCommands } from "../../bots/discord/register-commands.js";
import { sandboxApp } from "../../infra/sandbox/app.js";
import { DISCORD_GUILD } from "../../infra/sandbox/world.js";

/** The sandbox page's own rules, over the local Discord and Slack, with no app behind it. */
describe("the chat sandbox's routes", () => {
  let discord: DiscordFake;
  let slack: SlackFake;
  let app: ReturnType<typeof sandboxApp>;
  const asked: string[] = [];
  const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

  beforeAll(async () => {
    discord = await startDiscordFake();
    slack = await startSlackFake();
    app = sandboxApp({
      discord,
      slack,
      appFetch: async (path) => {
        asked.push(path);
        return new Response(null, { status: 404 });
      },
    });
  });
  afterAll(async () => {
    await discord.close();
    await slack.close();
  });

  it("answers this machine only", async () => {
    const remote = await app.request("/?platform=slack", {}, from("203.0.113.9"));
    expect(remote.status).toBe(403);
    expect(await remote.text()).toBe("the chat sandbox answers on this machine only (127.0.0.1)");
    for (const local of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      const res = await app.request("/?platform=slack", {}, from(local));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(await res.text()).toContain("/generate &lt;prompt&gt;");
    }
    // The commands that take a link offer to share a file with them.
    const page = await (await app.request("/?platform=slack", {}, from("127.0.0.1"))).text();
    expect(JSON.parse(/data-files="([^"]*)"/.exec(page)?.[1]?.replaceAll("&quot;", '"') ?? "")).toEqual({
      describe: ["file"],
      blend: ["file"],
      transcribe: ["file"],
      train: ["file"],
      video: ["file"],
    });
  });

  it("takes members' actions as JSON only, and refuses a command the bot lacks in one line, changing nothing", async () => {
    const form = await app.request("/command", { method: "POST", body: "platform=slack&text=/generate" }, from("127.0.0.1"));
    expect(form.status).toBe(415);
    const post = (body: unknown) =>
      app.request(
        "/command",
        { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
        from("127.0.0.1"),
      );
    const unknown = await post({ platform: "slack", channel: "C0GENERAL", as: "ann", text: "/paint a cat" });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/^\/paint is not a command of the app; it has \/generate, /);
    const inDm = await post({ platform: "discord", channel: "dm300000000000000771", as: "ann", text: "/generate a cat" });
    expect(((await inDm.json()) as { error: string }).error).toMatch(/answer in servers, not in DMs/);
    expect(slack.calls).toEqual([]);
    const feed = await app.request("/feed?platform=slack&channel=C0GENERAL&as=ann", {}, from("127.0.0.1"));
    expect(((await feed.json()) as { html: string }).html).toBe("");
  });

  it("refuses a file it cannot hand on in one line, sharing and sending nothing", async () => {
    await registerCommands({
      token: discord.token,
      applicationId: discord.applicationId,
      apiUrl: discord.apiUrl,
      guildId: DISCORD_GUILD.id,
    });
    const sent = { discord: discord.calls.length, slack: slack.calls.length };
    const post = async (body: Record<string, unknown>, path = "/command") => {
      const res = await app.request(
        path,
        { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
        from("127.0.0.1"),
      );
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: string }).error;
    };
    const wav = { name: "a.wav", type: "audio/wav", data: Buffer.from("RIFF").toString("base64") };
    const discordAt = { platform: "discord", channel: "200000000000000771", as: "ann" };
    expect(await post({ ...discordAt, text: "/jobs", files: [{ ...wav, option: "file" }] })).toBe("this command takes no file");
    expect(await post({ ...discordAt, text: "/train name:x", files: [{ ...wav, option: "file" }] })).toBe(
      "file is not a file option here; this command takes images, video",
    );
    expect(await post({ ...discordAt, text: "/transcribe", files: [wav] })).toBe("which of the command's options is the file for?");
    expect(await post({ ...discordAt, text: "/transcribe", files: [{ ...wav, option: "file", data: "" }] })).toBe("a.wav is empty");
    expect(await post({ ...discordAt, text: "/transcribe", files: [{ ...wav, option: "file", data: "A".repeat(35_000_000) }] })).toBe(
      "the sandbox takes files up to 25 MB, as Discord does",
    );
    const slackAt = { platform: "slack", channel: "C0GENERAL", as: "ann" };
    expect(await post({ ...slackAt, text: "/transcribe", files: [wav, wav] })).toBe("a Slack command takes one shared file");
    expect(await post({ ...slackAt, action: "transcribe_file", message: "1.000001" }, "/shortcut")).toBe("that message is gone");
    expect(await post({ ...discordAt, action: "transcribe_file", message: "1" }, "/shortcut")).toBe("message shortcuts are Slack's");
    expect(slack.messages("C0GENERAL")).toEqual([]);
    // Registering the commands was the only call to Discord; no interaction went out.
    expect(discord.calls.length).toBe(sent.discord);
    expect(slack.calls.length).toBe(sent.slack);
  });

  it("refuses in one line a value Discord's client would not send (one outside an option's choices), and sends /generate's typed size", async () => {
    await registerCommands({
      token: discord.token,
      applicationId: discord.applicationId,
      apiUrl: discord.apiUrl,
      guildId: DISCORD_GUILD.id,
    });
    const post = (text: string) =>
      app.request(
        "/command",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ platform: "discord", channel: "200000000000000771", as: "ann", text }),
        },
        from("127.0.0.1"),
      );
    const before = discord.calls.length;
    const refused = await post("/settings set scope:channel size:16:9");
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: string };
    expect(error).toBe(
      "Discord's client would not send /settings set size:16:9: size takes one of its choices (square_hd, square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9, clear)",
    );
    expect(error).not.toContain("\n");
    // The fake itself refuses it, as the member's client would: no interaction goes out.
    expect(() =>
      discord.slashCommand({
        name: "settings",
        guildId: DISCORD_GUILD.id,
        channelId: "200000000000000771",
        user: { id: "300000000000000771", username: "ann" },
        options: { set: { scope: "channel", size: "16:9" } },
      }),
    ).toThrow(/size takes one of its choices/);
    expect(discord.calls.length).toBe(before);
    // /generate's size is free text with suggestions: 16:9 goes to the bot as typed.
    const typed = await post("/generate a wide beach size:16:9");
    expect(await typed.json()).toEqual({ ok: true });
  });

  it("offers no autocomplete where Discord's client asks for none: Slack, a DM, an option the bot registered without it", async () => {
    const ask = async (body: Record<string, unknown>) =>
      (
        await app.request(
          "/autocomplete",
          { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ as: "ann", ...body }) },
          from("127.0.0.1"),
        )
      ).json();
    expect(await ask({ platform: "slack", channel: "C0GENERAL", text: "/generate --lora a" })).toEqual({ choices: [] });
    expect(await ask({ platform: "discord", channel: "dm300000000000000771", text: "/generate lora:a" })).toEqual({ choices: [] });
    expect(await ask({ platform: "discord", channel: "200000000000000771", text: "/generate a cat seed:4" })).toEqual({ choices: [] });
  });

  it("fetches no picture but the fakes' files and the app's own /d/ links", async () => {
    const elsewhere = await app.request(
      `/picture?u=${encodeURIComponent("http://169.254.169.254/latest/meta-data")}`,
      {},
      from("127.0.0.1"),
    );
    expect(elsewhere.status).toBe(404);
    const link = await app.request(`/picture?u=${encodeURIComponent("http://127.0.0.1:1/d/abc.png")}`, {}, from("127.0.0.1"));
    expect(link.status).toBe(404);
    expect(asked).toEqual(["/d/abc.png"]);
  });
});
