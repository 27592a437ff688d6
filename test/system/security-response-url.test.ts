import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSlackResponseUrl, slackResponseUrlOrigins } from "../../shared/chat/response-url.js";
import { blockActionBody, slashCommandBody } from "../../infra/fakes/slack/index.js";
import { createApiKey, ensureWorkspace } from "../../shared/db/sql/accounts.js";
import { finalDeliveredAt, postToSlackApp, useChatStack } from "../helpers/chat.js";
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

  describe("the Slack app's replies go only to Slack's response URLs", () => {
    const refusedLines = () => logLines.filter((l) => l.includes("names a response URL that is not Slack's"));
    /** Sends a signed request naming `internal` to the app and waits until the app either refused it or reached the internal service. */
    async function sendNaming(body: string) {
      const before = refusedLines().length;
      const res = await postToSlackApp(s, body);
      expect(res.status).toBe(200);
      await waitFor(() => (internal.hits.length > 0 || refusedLines().length > before ? true : undefined), 20_000, "the app's answer");
      expect(internal.hits).toEqual([]);
      expect(refusedLines().at(-1)).toContain(internal.url);
    }
    const trigger = () => `${Date.now()}.${randomUUID().slice(0, 8)}`;
    const submit = (extra: Record<string, unknown>) =>
      new URLSearchParams({
        payload: JSON.stringify({
          type: "view_submission",
          team: { id: "T0PROBE", domain: "probe" },
          user: { id: "U0PROBE", username: "probe", name: "probe", team_id: "T0PROBE" },
          api_app_id: "A0FAKEAPP",
          token: "deprecated-verification-token",
          trigger_id: trigger(),
          view: {
            id: "V0PROBE",
            team_id: "T0PROBE",
            type: "modal",
            callback_id: "generate",
            private_metadata: "",
            state: { values: { prompt: { prompt: { type: "plain_text_input", value: "a probe through a form" } } } },
            hash: "1",
            ...((extra.view as Record<string, unknown>) ?? {}),
          },
          is_enterprise_install: false,
          enterprise: null,
          ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== "view")),
        }),
      }).toString();

    it("a button's response_url (Bolt's respond) that is not Slack's is never requested", async () => {
      const hook = `${internal.url}/internal/button`;
      for (const actionId of [`job:delete:${randomUUID()}`, "page:images:bm90LWEtY3Vyc29y"]) {
        await sendNaming(
          blockActionBody({
            actionId,
            teamId: "T0PROBE",
            userId: "U0PROBE",
            channelId: "C0PROBE",
            triggerId: trigger(),
            responseUrl: hook,
          }),
        );
      }
      expect(internal.hits).toEqual([]);
    });

    it("a command's response_url that is not Slack's is never requested", async () => {
      const body = slashCommandBody({
        command: "/jobs",
        text: "",
        teamId: "T0PROBE",
        userId: "U0PROBE",
        channelId: "C0PROBE",
        triggerId: trigger(),
        responseUrl: `${internal.url}/internal/command`,
      });
      await sendNaming(body);
      expect(internal.hits).toEqual([]);
    });

    it("a modal submit whose private_metadata or picked conversation names another address makes nothing and requests nothing", async () => {
      const before = await rawJobs(s.api.deps).countDocuments({ "input.prompt": "a probe through a form" });
      await sendNaming(
        submit({
          view: {
            private_metadata: JSON.stringify({ channelId: "C0PROBE", responseUrl: `${internal.url}/internal/form`, ephemeral: true }),
          },
        }),
      );
      await sendNaming(
        submit({
          response_urls: [{ channel_id: "C0PROBE", response_url: `${internal.url}/internal/picked`, block_id: "b", action_id: "a" }],
        }),
      );
      expect(internal.hits).toEqual([]);
      expect(await rawJobs(s.api.deps).countDocuments({ "input.prompt": "a probe through a form" })).toBe(before);
    });

    it("the local Slack's own response URL still gets the app's answer", async () => {
      const responseUrl = s.slack.responseUrl();
      const body = slashCommandBody({
        command: "/jobs",
        text: "",
        teamId: "T0PROBE",
        userId: "U0PROBE",
        channelId: "C0PROBE",
        triggerId: trigger(),
        responseUrl,
      });
      expect((await postToSlackApp(s, body)).status).toBe(200);
      await waitFor(() => s.slack.responses.find((r) => r.id === responseUrl.split("/").pop()), 20_000, "the /jobs answer");
    });
  });
});
