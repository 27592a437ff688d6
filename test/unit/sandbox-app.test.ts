import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordFake, startDiscordFake } from "../../infra/fakes/discord/index.js";
import { type SlackFake, startSlackFake } from "../../infra/fakes/slack/index.js";
import { sandboxApp } from "../../infra/sandbox/app.js";

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
