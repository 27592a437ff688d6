import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSlackResponseUrl, slackResponseUrlOrigins } from "../../shared/chat/response-url.js";
import { createApiKey, ensureWorkspace } from "../../shared/db/sql/accounts.js";
import { finalDeliveredAt, useChatStack } from "../helpers/chat.js";
import { trpcCall } from "../helpers/http.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const real = { slack: { apiUrl: "https://slack.com/api/" } };
const local = { slack: { apiUrl: "http://127.0.0.1:4555/api/" } };

describe("which response URLs a Slack delivery may use", () => {
  it.each([
    "https://hooks.slack.com/commands/T0123ABC/4567890123/abcdefABCDEF0123456789",
    "https://hooks.slack.com/actions/T0123ABC/4567890123/abcdef",
    "https://HOOKS.slack.com:443/commands/T0123ABC/1/x",
  ])("accepts Slack's own %s", (url) => {
    expect(isSlackResponseUrl(url, real)).toBe(true);
  });

  it.each([
    ["loopback", "http://127.0.0.1:8080/internal"],
    ["the metadata service", "http://169.254.169.254/latest/meta-data/"],
    ["plain http to Slack's host", "http://hooks.slack.com/commands/T0/1/x"],
    ["another port on Slack's host", "https://hooks.slack.com:8443/commands/T0/1/x"],
    ["a look-alike host", "https://hooks.slack.com.attacker.example/commands/T0/1/x"],
    ["a Slack subdomain that is not hooks", "https://files.slack.com/commands/T0/1/x"],
    ["Slack's Web API", "https://slack.com/api/chat.postMessage"],
    ["credentials in the URL", "https://user:pw@hooks.slack.com/commands/T0/1/x"],
    ["not a URL", "hooks.slack.com/commands/T0/1/x"],
  ])("refuses %s", (_what, url) => {
    expect(isSlackResponseUrl(url, real)).toBe(false);
  });

  it("a local Slack's origin is accepted only while SLACK_API_URL names it", () => {
    expect(slackResponseUrlOrigins(real)).toEqual(["https://hooks.slack.com"]);
    expect(slackResponseUrlOrigins(local)).toEqual(["https://hooks.slack.com", "http://127.0.0.1:4555"]);
    expect(isSlackResponseUrl("http://127.0.0.1:4555/response/abc", local)).toBe(true);
    expect(isSlackResponseUrl("http://127.0.0.1:4555/response/abc", real)).toBe(false);
    expect(isSlackResponseUrl("http://127.0.0.1:4556/response/abc", local)).toBe(false);
    expect(isSlackResponseUrl("https://hooks.slack.com/commands/T0/1/x", local)).toBe(true);
  });
});

/** A local HTTP server standing in for an internal service: it records every request it gets. */
async function internalService(): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

describe("chat deliveries reach only the platform's hosts", () => {
  const logLines: string[] = [];
  const s = useChatStack({ logLines });
  let internal: Awaited<ReturnType<typeof internalService>>;
  let slackBot: string;
  let discordBot: string;
  beforeAll(async () => {
    internal = await internalService();
    const home = await ensureWorkspace(s.api.deps.sql.db, { slug: `probe-bots-${Date.now()}` });
    slackBot = (
      await createApiKey(s.api.deps.sql.db, { workspaceId: home.id, memberId: null, kind: "bot", platform: "slack", name: "slack" })
    ).key;
    discordBot = (
      await createApiKey(s.api.deps.sql.db, { workspaceId: home.id, memberId: null, kind: "bot", platform: "discord", name: "discord" })
    ).key;
  });
  afterAll(() => internal.server.close());

  const asSlackUser = { "x-act-in-workspace": "T0PROBE", "x-act-as-user": "U0PROBE" };
  const asDiscordUser = { "x-act-in-workspace": "100000000000000009", "x-act-as-user": "300000000000000009" };

  /** A private Slack job stored with this response URL (as one stored before the check at create would be), canceled, and its chat notice queued. */
  async function privateSlackJobTo(responseUrl: string, channelId: string): Promise<string> {
    const jobId = randomUUID();
    await s.api.deps.jobs.create({
      jobId,
      type: "image-generation",
      userId: s.alice.userId,
      workspaceId: s.alice.workspaceId,
      visibility: "private",
      input: { prompt: "a probe" },
      delivery: {
        platform: "slack",
        channelId,
        platformUserId: "U0PROBE",
        private: true,
        teamId: "T0PROBE",
        responseUrl,
        responseUrlExpiresAt: new Date(Date.now() + 20 * 60_000),
      },
    });
    await s.api.deps.jobs.setStatus(jobId, "canceled");
    await s.api.deps.queue.notifyChat(jobId);
    await waitFor(async () => ((await finalDeliveredAt(s, jobId)) ? true : undefined), 30_000, "the final delivery");
    return jobId;
  }

  it("at send: a stored response URL that is not Slack's is never requested; the result goes to the requester by DM", async () => {
    const jobId = await privateSlackJobTo(`${internal.url}/internal/admin`, "C0PROBE1");
    expect(internal.hits).toEqual([]);
    const dm = s.slack.messages("U0PROBE").filter((m) => JSON.stringify(m).includes(jobId));
    expect(dm).toHaveLength(1);
    expect(s.slack.messages("C0PROBE1")).toEqual([]);
    expect(s.slack.ephemerals.filter((e) => e.channel === "C0PROBE1")).toEqual([]);
    const warning = logLines.find((l) => l.includes(jobId) && l.includes("not a Slack response URL"));
    expect(warning).toBeDefined();
    expect(warning).toContain(internal.url);
    expect(warning).not.toContain("/internal/admin");
  });

  it("at send: the local Slack's own response URL is still used", async () => {
    const responseUrl = s.slack.responseUrl();
    const jobId = await privateSlackJobTo(responseUrl, "C0PROBE2");
    const answers = s.slack.responses.filter((r) => r.id === responseUrl.split("/").pop());
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0]?.body)).toContain(jobId);
    expect(s.slack.ephemerals.filter((e) => e.channel === "C0PROBE2")).toEqual([]);
  });

  it("at send: a response URL Slack no longer takes (five uses spent) gives way to a DM to the requester", async () => {
    const responseUrl = s.slack.responseUrl();
    for (let i = 0; i < 5; i++) {
      const spent = await fetch(responseUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: `use ${i}` }),
      });
      expect(spent.status).toBe(200);
    }
    const jobId = await privateSlackJobTo(responseUrl, "C0PROBE3");
    expect(s.slack.messages("U0PROBE").filter((m) => JSON.stringify(m).includes(jobId))).toHaveLength(1);
    expect(s.slack.responses.filter((r) => JSON.stringify(r.body).includes(jobId))).toEqual([]);
    expect(s.slack.messages("C0PROBE3")).toEqual([]);
  });

  it("at create: a Discord interaction token that would leave its path segment is refused and nothing is created", async () => {
    const before = await rawJobs(s.api.deps).countDocuments({});
    for (const token of ["x/../../../channels/200000000000000001/messages", "..", "tok?with=query", "tok#frag", "tok%2F.."]) {
      const delivery = { channelId: "200000000000000001", interaction: { applicationId: "123456789012345678", token } };
      const a = await trpcCall(
        s.api.app,
        discordBot,
        "jobs.create",
        { type: "image-generation", prompt: "a probe", delivery },
        "mutation",
        asDiscordUser,
      );
      expect(a.status, token).toBe(400);
      expect(JSON.stringify(a.body.error)).toMatch(/must be a Discord interaction token/);
    }
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
  });

  it("at create: a Slack bot's responseUrl that is not Slack's is refused with 400 and nothing is created", async () => {
    const before = await rawJobs(s.api.deps).countDocuments({});
    for (const responseUrl of [
      `${internal.url}/internal/admin`,
      "http://169.254.169.254/latest/meta-data/",
      "https://hooks.slack.com.attacker.example/commands/T0/1/x",
    ]) {
      const delivery = { channelId: "C0PROBE3", responseUrl };
      const a = await trpcCall(
        s.api.app,
        slackBot,
        "jobs.create",
        { type: "image-generation", prompt: "a probe", visibility: "private", delivery },
        "mutation",
        asSlackUser,
      );
      expect(a.status, responseUrl).toBe(400);
      expect(a.body.error?.message).toBe("responseUrl must be a Slack response URL");
    }
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
    expect(internal.hits).toEqual([]);
    // The local Slack's own response URL is still accepted.
    const ok = await trpcCall(
      s.api.app,
      slackBot,
      "jobs.create",
      {
        type: "image-generation",
        prompt: "a probe",
        visibility: "private",
        delivery: { channelId: "C0PROBE3", responseUrl: s.slack.responseUrl() },
      },
      "mutation",
      asSlackUser,
    );
    expect(ok.status).toBe(200);
  });
});
