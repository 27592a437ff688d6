import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { slashCommandBody } from "../../infra/fakes/slack/index.js";
import { deliveryState } from "../../queue/chat/deliver/delivery-state.js";
import { slackInstallations } from "../../shared/db/sql/schema.js";
import { postToSlackApp, recordedDelivered, useChatStack } from "../helpers/chat.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const textOf = (m: unknown) => JSON.stringify(m);

describe("Slack in many workspaces, installed through the OAuth flow", () => {
  const logLines: string[] = [];
  const s = useChatStack({ slackOAuth: true, logLines });

  /** Starts an install as a browser does: the install path's redirect to Slack, and the state cookie it sets. */
  async function startInstall() {
    const start = await fetch(`${s.api.url}/slack/install`, { redirect: "manual" });
    expect(start.status).toBe(302);
    const cookie = start.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    return { authorize: start.headers.get("location") ?? "", cookie };
  }

  /** A member of `teamId` approves the install on Slack's page; the URL Slack sends their browser back to. */
  async function approve(authorize: string, teamId: string) {
    const approved = await fetch(authorize, {
      redirect: "manual",
      headers: { cookie: s.slack.signIn(teamId, `U${teamId}`, `Team ${teamId}`) },
    });
    expect(approved.status).toBe(302);
    return approved.headers.get("location") ?? "";
  }

  async function install(teamId: string) {
    const { authorize, cookie } = await startInstall();
    const back = await approve(authorize, teamId);
    const done = await fetch(back, { headers: { cookie } });
    return { status: done.status, body: await done.text() };
  }

  async function command(teamId: string, channelId: string, text: string) {
    const triggerId = `${Date.now()}.${randomBytes(4).toString("hex")}`;
    const body = slashCommandBody({
      command: "/generate",
      text,
      teamId,
      userId: `U${teamId}`,
      channelId,
      triggerId,
      responseUrl: s.slack.responseUrl(channelId),
    });
    const res = await postToSlackApp(s, body);
    expect(res.status).toBe(200);
    return triggerId;
  }

  const jobOf = (triggerId: string) =>
    waitFor(async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey: `slack:${triggerId}` })) ?? undefined, 20_000, "the job");
  const resultIn = (channel: string, jobId: string) =>
    waitFor(
      async () => s.slack.messages(channel).find((m) => textOf(m).includes(jobId) && textOf(m).includes("image_1.png")),
      60_000,
      `the result in ${channel}`,
    );

  it("the install path sends the installer to Slack with the app's client id, its bot scopes, the registered redirect URI and a state bound to the browser", async () => {
    const { authorize, cookie } = await startInstall();
    const url = new URL(authorize);
    expect(`${url.origin}${url.pathname}`).toBe(s.slack.authorizeUrl);
    expect(url.searchParams.get("client_id")).toBe(s.slack.oauth.clientId);
    expect(url.searchParams.get("scope")?.split(",").sort()).toEqual([
      "chat:write",
      "chat:write.public",
      "commands",
      "files:read",
      "files:write",
      "im:write",
      "users:read",
    ]);
    expect(url.searchParams.get("redirect_uri")).toBe(`${s.api.url}/slack/oauth_redirect`);
    expect(cookie).toContain(url.searchParams.get("state"));
  });

  it("two workspaces installed through the flow each get their own bot token, sealed at rest, and each team's results go out with its own token", async () => {
    for (const team of ["T0NORTH", "T0SOUTH"]) {
      const done = await install(team);
      expect(done.status, done.body).toBe(200);
      expect(done.body).toContain(`Team ${team}`);
    }
    const rows = await s.api.deps.sql.db.select().from(slackInstallations);
    const byTeam = new Map(rows.map((r) => [r.teamId, r]));
    for (const team of ["T0NORTH", "T0SOUTH"]) {
      const row = byTeam.get(team);
      expect(row?.botTokenSealed).toMatch(/^v1\./);
      expect(row?.botTokenSealed).not.toContain("xoxb");
      expect(row).toMatchObject({ installerUserId: `U${team}`, uninstalledAt: null });
      expect([...(row?.botScopes ?? [])].sort()).toEqual([
        "chat:write",
        "chat:write.public",
        "commands",
        "files:read",
        "files:write",
        "im:write",
        "users:read",
      ]);
    }

    s.slack.addChannel("C0NORTH", "T0NORTH");
    s.slack.addChannel("C0SOUTH", "T0SOUTH");
    const north = await jobOf(await command("T0NORTH", "C0NORTH", "a northern fox"));
    const south = await jobOf(await command("T0SOUTH", "C0SOUTH", "a southern fox"));
    const northResult = await resultIn("C0NORTH", north.jobId);
    await resultIn("C0SOUTH", south.jobId);
    // The picture shows from a file uploaded to the team's Slack.
    expect(textOf(northResult.blocks)).toContain('"slack_file"');
    for (const [channel, team] of [
      ["C0NORTH", "T0NORTH"],
      ["C0SOUTH", "T0SOUTH"],
    ] as const) {
      const calls = s.slack.calls.filter((c) => c.args.channel === channel || c.args.channel_id === channel);
      expect(calls.length).toBeGreaterThan(0);
      expect(new Set(calls.map((c) => c.team))).toEqual(new Set([team]));
    }
  }, 90_000);

  it("refuses a callback whose state is not this browser's, and a code used once already", async () => {
    const { authorize, cookie } = await startInstall();
    const back = await approve(authorize, "T0EAST");
    const otherBrowser = await fetch(back);
    expect(otherBrowser.status).toBe(400);
    expect(await otherBrowser.text()).toContain("not installed");
    const rows = await s.api.deps.sql.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, "T0EAST"));
    expect(rows).toHaveLength(0);
    // The right browser completes it; the same code again, with a fresh state of its own, is Slack's invalid_code.
    expect((await fetch(back, { headers: { cookie } })).status).toBe(200);
    const fresh = await startInstall();
    const reused = new URL(back);
    reused.searchParams.set("state", new URL(fresh.authorize).searchParams.get("state") ?? "");
    const again = await fetch(reused, { headers: { cookie: fresh.cookie } });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("invalid_code");
  });

  it("a state works once: the same state and cookie with a fresh code from Slack are refused and install nothing", async () => {
    const { authorize, cookie } = await startInstall();
    const first = await approve(authorize, "T0ONCE");
    // The same authorize page approved again, by a member of another team: Slack gives a fresh code with the same state.
    const second = await approve(authorize, "T0TWICE");
    expect(new URL(second).searchParams.get("code")).not.toBe(new URL(first).searchParams.get("code"));
    expect((await fetch(first, { headers: { cookie } })).status).toBe(200);
    const again = await fetch(second, { headers: { cookie } });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("not installed");
    const rows = await s.api.deps.sql.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, "T0TWICE"));
    expect(rows).toHaveLength(0);
  });

  it("a team the app is not installed in gets nothing done: its command makes no job", async () => {
    const triggerId = await command("T0NEVER", "C0NEVER", "a fox from nowhere");
    // The app answered it (an empty 200) and logged why: no token to act with. No job, nothing posted.
    await waitFor(async () => logLines.find((l) => l.includes("Slack team T0NEVER: app not installed")), 10_000, "the refusal logged");
    expect(await rawJobs(s.api.deps).findOne({ idempotencyKey: `slack:${triggerId}` })).toBeNull();
    expect(s.slack.calls.filter((c) => c.args.channel === "C0NEVER")).toHaveLength(0);
  });

  it("an uninstall stops deliveries to that team, recorded undeliverable: app uninstalled; the other team goes on; a reinstall brings it back", async () => {
    for (const team of ["T0WEST", "T0KEEP"]) expect((await install(team)).status).toBe(200);
    s.slack.addChannel("C0WEST", "T0WEST");
    s.slack.addChannel("C0KEEP", "T0KEEP");

    expect(await s.slack.uninstall("T0WEST", `${s.api.url}/slack/events`)).toEqual([200, 200]);
    const [row] = await waitFor(
      async () => {
        const rows = await s.api.deps.sql.db.select().from(slackInstallations).where(eq(slackInstallations.teamId, "T0WEST"));
        return rows[0]?.uninstalledAt ? rows : undefined;
      },
      10_000,
      "the uninstall recorded",
    );
    expect(row?.botTokenSealed).toBeNull();

    // A job of that team whose result comes after the uninstall (made through the API: Slack sends no more commands).
    const uninstalledAt = Date.now();
    const west = await s
      .apiAs("slack", "T0WEST", "UT0WEST")
      .jobs.create.mutate({ type: "image-generation", prompt: "a western fox", delivery: { channelId: "C0WEST" } });
    const state = await waitFor(
      async () => {
        const st = await deliveryState(s.api.deps.sql.db, west.jobId);
        return st.undeliverable ? st : undefined;
      },
      60_000,
      "the delivery settled",
    );
    expect(state).toMatchObject({ undeliverable: "app uninstalled", finalDeliveredAt: null });
    const seen = await s.apiAs("slack", "T0WEST", "UT0WEST").jobs.get.query({ jobId: west.jobId });
    expect(seen.status).toBe("completed");
    expect(seen.delivery).toMatchObject({ state: "undeliverable", reason: "app uninstalled" });
    // No call to Slack for that team since: its token is gone.
    expect(s.slack.calls.filter((c) => c.at >= uninstalledAt && (c.team === "T0WEST" || c.args.channel === "C0WEST"))).toHaveLength(0);

    const keep = await jobOf(await command("T0KEEP", "C0KEEP", "a fox that stays"));
    await resultIn("C0KEEP", keep.jobId);
    await recordedDelivered(s, keep.jobId);

    expect((await install("T0WEST")).status).toBe(200);
    const back = await jobOf(await command("T0WEST", "C0WEST", "a fox come back"));
    await resultIn("C0WEST", back.jobId);
  }, 120_000);
});
