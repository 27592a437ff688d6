import { randomBytes } from "node:crypto";
import { App } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { FetchReceiver } from "../../bots/slack/fetch-receiver.js";
import { usedOnceIn } from "../../bots/slack/used-once.js";
import { slackSignature, slashCommandBody } from "../../infra/fakes/slack/index.js";
import { claimSlackKey, pruneSlackKeys } from "../../shared/db/sql/slack-used-keys.js";
import { useTestDeps } from "../helpers/deps.js";

const SECRET = randomBytes(16).toString("hex");

/**
 * Two web machines' Slack receivers on one database, each with a Bolt app that counts the
 * commands it processes: what a replay of one validly signed request does on either.
 */
describe("Slack requests are processed once across web machines", () => {
  const t = useTestDeps();
  const processed: string[] = [];

  function machine() {
    const receiver = new FetchReceiver(SECRET, t.deps.logger, usedOnceIn(t.deps.sql.db));
    const app = new App({
      receiver,
      authorize: async () => ({ botToken: "xoxb-test", botId: "B0TEST", botUserId: "U0BOT" }),
      logLevel: undefined,
    });
    app.command("/gallery", async ({ ack, command }) => {
      processed.push(command.trigger_id);
      await ack();
    });
    return async (body: string, headers: Record<string, string>) => {
      const res = await receiver.handle(
        new Request("http://web/slack/events", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
          body,
        }),
      );
      return { status: res.status, text: await res.text() };
    };
  }

  const gallery = () => {
    const triggerId = `${Date.now()}.${randomBytes(4).toString("hex")}`;
    const body = slashCommandBody({
      command: "/gallery",
      text: "",
      teamId: "T0ACME",
      userId: "U0ANN",
      channelId: "C0GENERAL",
      triggerId,
      responseUrl: "https://hooks.slack.com/commands/T0ACME/1/x",
    });
    return { body, triggerId, headers: slackSignature(SECRET, body) };
  };
  const timesProcessed = (triggerId: string) => processed.filter((p) => p === triggerId).length;

  it("a signed request replayed with its signature header followed by more '=' segments is refused on every machine, and processed only once", async () => {
    const [a, b] = [machine(), machine()];
    const c = gallery();
    expect((await a(c.body, c.headers)).status).toBe(200);
    expect(timesProcessed(c.triggerId)).toBe(1);
    const sig = c.headers["x-slack-signature"];
    const hex = sig.slice(3);
    for (const forged of [`${sig}=x`, `${sig}=`, `${sig}==`, `${sig}=v0`, `v0=${hex.toUpperCase()}`, `v0=${hex}0`, `v1=${hex}`]) {
      for (const [name, send] of [
        ["first", a],
        ["second", b],
      ] as const) {
        const res = await send(c.body, { ...c.headers, "x-slack-signature": forged });
        expect(res.status, `${forged} to the ${name} machine`).toBe(401);
        expect(res.text).toContain("invalid signature");
      }
    }
    expect(timesProcessed(c.triggerId)).toBe(1);
  });

  it("a signed request sent again, to the same machine or another, is answered with an empty 200 and not processed again", async () => {
    const [a, b] = [machine(), machine()];
    const c = gallery();
    expect((await a(c.body, c.headers)).status).toBe(200);
    expect(await a(c.body, c.headers)).toEqual({ status: 200, text: "" });
    expect(await b(c.body, c.headers)).toEqual({ status: 200, text: "" });
    expect(timesProcessed(c.triggerId)).toBe(1);
  });

  it("the same request sent to two machines at once is processed by one", async () => {
    const [a, b] = [machine(), machine()];
    const c = gallery();
    const answers = await Promise.all([a(c.body, c.headers), b(c.body, c.headers)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(timesProcessed(c.triggerId)).toBe(1);
  });

  it("the same body signed anew (a new timestamp) is a new request, processed", async () => {
    const a = machine();
    const c = gallery();
    expect((await a(c.body, c.headers)).status).toBe(200);
    const later = slackSignature(SECRET, c.body, Number(c.headers["x-slack-request-timestamp"]) + 1);
    expect((await a(c.body, later)).status).toBe(200);
    expect(timesProcessed(c.triggerId)).toBe(2);
  });

  it("a claim past its expiry can be taken again, and is pruned", async () => {
    const db = t.deps.sql.db;
    const key = `test:${randomBytes(4).toString("hex")}`;
    const past = new Date(Date.now() - 1_000);
    expect(await claimSlackKey(db, key, past)).toBe(true);
    expect(await claimSlackKey(db, key, new Date(Date.now() + 60_000))).toBe(true);
    expect(await claimSlackKey(db, key, new Date(Date.now() + 60_000))).toBe(false);
    const gone = `test:${randomBytes(4).toString("hex")}`;
    await claimSlackKey(db, gone, past);
    expect(await pruneSlackKeys(db)).toBeGreaterThanOrEqual(1);
    expect(await claimSlackKey(db, key, new Date(Date.now() + 60_000))).toBe(false);
  });
});
