import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { slashCommandBody } from "../../infra/fakes/slack/index.js";
import { takeChannelSlot } from "../../queue/chat/deliver/channel-slots.js";
import { deliveryState } from "../../queue/chat/deliver/delivery-state.js";
import { runChatSweep } from "../../queue/workers/chat-sweep.js";
import { type ChatStack, finalDeliveredAt, postToSlackApp, useChatStack } from "../helpers/chat.js";
import { useTestDeps } from "../helpers/deps.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

describe("channel send slots", () => {
  const t = useTestDeps();

  it("concurrent takers get distinct slots one interval apart, and none further off than the wait allowed", async () => {
    const channel = `slack:C${randomBytes(4).toString("hex")}`;
    const results = await Promise.all(Array.from({ length: 6 }, () => takeChannelSlot(t.deps.sql.db, channel, 1_000, 1_500)));
    const waits = results.flatMap((r) => (r.taken ? [r.waitMs] : [])).sort((a, b) => a - b);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeLessThan(100);
    expect(waits[1]).toBeGreaterThan(800);
    expect(waits[1]).toBeLessThanOrEqual(1_000);
    const refused = results.filter((r) => !r.taken);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.taken ? 0 : r.freeInMs).toBeGreaterThan(1_500);
  });

  it("another channel is not held back by a busy one", async () => {
    const busy = `slack:C${randomBytes(4).toString("hex")}`;
    for (let i = 0; i < 3; i++) await takeChannelSlot(t.deps.sql.db, busy, 1_000, 10_000);
    expect(await takeChannelSlot(t.deps.sql.db, `slack:C${randomBytes(4).toString("hex")}`, 1_000, 1_500)).toEqual({
      taken: true,
      waitMs: 0,
    });
  });
});

/**
 * Logs every send slot the limiter hands out, from here on: each slot taken moves the channel's
 * `next_at` in chat_channel_slots one interval past the slot, and a trigger copies each move.
 */
async function logSlots(s: ChatStack, intervalMs: number): Promise<(channelKey: string) => Promise<number[]>> {
  const pool = s.api.deps.sql.pool;
  await pool.query("create table slot_log (seq bigserial primary key, channel_key text not null, next_at timestamptz not null)");
  await pool.query(`create function log_slot() returns trigger language plpgsql as $$
    begin insert into slot_log (channel_key, next_at) values (new.channel_key, new.next_at); return null; end $$`);
  await pool.query("create trigger log_slot after insert or update on chat_channel_slots for each row execute function log_slot()");
  // Each slot's start, in epoch milliseconds, in the order they were handed out.
  return async (channelKey) =>
    (
      await pool.query<{ start_ms: string }>(
        "select extract(epoch from next_at - $2::int * interval '1 millisecond') * 1000 as start_ms from slot_log where channel_key = $1 order by seq",
        [channelKey, intervalMs],
      )
    ).rows.map((r) => Number(r.start_ms));
}

describe("deliveries under the per-channel limit", () => {
  const intervalMs = 1_000;
  const s = useChatStack({ channelIntervalMs: intervalMs });

  async function generate(channelId: string, prompt: string) {
    const triggerId = `${Date.now()}.${randomBytes(4).toString("hex")}`;
    const body = slashCommandBody({
      command: "/generate",
      text: prompt,
      teamId: "T0LIMIT",
      userId: "U0LIMIT",
      channelId,
      triggerId,
      responseUrl: s.slack.responseUrl(),
    });
    const res = await postToSlackApp(s, body);
    expect(res.status).toBe(200);
    return waitFor(
      async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey: `slack:${triggerId}` }))?.jobId ?? undefined,
      20_000,
      "the job",
    );
  }

  it("a busy channel gets one message a second, a quiet one is not kept waiting, and every result arrives once", async () => {
    const slotsOf = await logSlots(s, intervalMs);
    const busy = await Promise.all(Array.from({ length: 6 }, (_, i) => generate("C0BUSY", `busy ${i}`)));
    const quiet = await generate("C0QUIET", "quiet one");
    const all = [...busy, quiet];
    await waitFor(
      async () => ((await Promise.all(all.map((id) => finalDeliveredAt(s, id)))).every(Boolean) ? true : undefined),
      90_000,
      "every result delivered",
    );

    for (const jobId of all) {
      const channel = jobId === quiet ? "C0QUIET" : "C0BUSY";
      const messages = s.slack.messages(channel).filter((m) => JSON.stringify(m).includes(jobId));
      expect(messages).toHaveLength(1);
      expect(messages[0]?.text).toMatch(/image ready/);
    }
    // The limiter's schedule for the busy channel, as the database handed it out: every slot
    // at least one interval after the one before (exactly one while there is a backlog).
    const slots = await slotsOf("slack:C0BUSY");
    for (let i = 1; i < slots.length; i++) expect((slots[i] ?? 0) - (slots[i - 1] ?? 0)).toBeGreaterThanOrEqual(intervalMs);
    // Sends to the busy channel, as Slack received them: one per slot, and none before its slot
    // (the n-th to arrive came no earlier than the n-th slot opened; 5 ms for clock rounding).
    const sends = s.slack.calls.filter((c) => c.args.channel === "C0BUSY" && c.method.startsWith("chat."));
    expect(sends.every((c) => c.status === 200)).toBe(true);
    expect(sends.length).toBeGreaterThanOrEqual(6);
    expect(slots).toHaveLength(sends.length);
    const arrivals = sends.map((c) => c.at).sort((a, b) => a - b);
    for (const [i, at] of arrivals.entries()) expect(at).toBeGreaterThanOrEqual((slots[i] ?? Number.POSITIVE_INFINITY) - 5);
    // The quiet channel's result came before the busy channel had worked through its backlog.
    const quietDone = (await finalDeliveredAt(s, quiet))?.getTime() ?? 0;
    const busyLast = Math.max(...(await Promise.all(busy.map(async (id) => (await finalDeliveredAt(s, id))?.getTime() ?? 0))));
    expect(quietDone).toBeLessThan(busyLast);
  }, 120_000);
});

describe("queue positions while chat jobs wait", () => {
  const intervalMs = 1_000;
  // One image job at a time, each taking five seconds at fal (slower than the channel's pace, so each move can be shown): the rest wait in our queue.
  const s = useChatStack({ channelIntervalMs: intervalMs, processingMs: 5_000, env: { WORKER_CONCURRENCY: "1" } });

  it("a waiting job's message counts down the jobs ahead of it as they start, every edit within the channel's pace", async () => {
    const CHANNEL = "C0LINE";
    const slotsOf = await logSlots(s, intervalMs);
    const generate = async (prompt: string) => {
      const triggerId = `${Date.now()}.${randomBytes(4).toString("hex")}`;
      const body = slashCommandBody({
        command: "/generate",
        text: prompt,
        teamId: "T0LINE",
        userId: "U0LINE",
        channelId: CHANNEL,
        triggerId,
        responseUrl: s.slack.responseUrl(),
      });
      expect((await postToSlackApp(s, body)).status).toBe(200);
      return waitFor(
        async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey: `slack:${triggerId}` }))?.jobId ?? undefined,
        20_000,
        "the job",
      );
    };
    const jobs: string[] = [];
    for (let i = 0; i < 4; i++) jobs.push(await generate(`a fox in line ${i}`));
    const last = jobs[3] ?? "";
    await waitFor(async () => ((await finalDeliveredAt(s, last)) ? true : undefined), 90_000, "the last job's result");

    // What the last job's message said while it waited, in the order Slack received it.
    const sends = s.slack.calls.filter((c) => c.args.channel === CHANNEL && c.method.startsWith("chat.")).sort((a, b) => a.at - b.at);
    const figures = sends
      .filter((c) => JSON.stringify(c.args).includes(last))
      .map((c) => /Queued: (\d+) jobs? ahead of yours|Queued: next in line/.exec(String(c.args.text)))
      .flatMap((m) => (m ? [m[1] === undefined ? 0 : Number(m[1])] : []));
    const shown = figures.filter((f, i) => i === 0 || f !== figures[i - 1]);
    // It went down as the jobs ahead started, to next in line, and never up. A step may be skipped:
    // refreshes wait for the channel's pace, and on a busy machine two starts can fall into one wait.
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(shown.at(-1)).toBe(0);
    for (let i = 1; i < shown.length; i++) expect(shown[i]).toBeLessThan(shown[i - 1] ?? 0);
    // Every message in the channel kept to its pace: Slack refused none.
    expect(sends.every((c) => c.status === 200)).toBe(true);
    // The n-th to arrive came no earlier than the n-th slot the limiter handed out (5 ms for clock
    // rounding): a send delayed by a busy machine may arrive close to the next one, never early.
    const slots = await slotsOf(`slack:${CHANNEL}`);
    expect(slots).toHaveLength(sends.length);
    for (const [i, c] of sends.entries()) expect(c.at).toBeGreaterThanOrEqual((slots[i] ?? Number.POSITIVE_INFINITY) - 5);
  }, 120_000);
});

describe("results whose change notice was lost", () => {
  const s = useChatStack();

  /** A failed Slack job written straight to the collection, with nobody told, as after a crash. */
  async function finishedUntold(tag: string, prompt: string): Promise<string> {
    const jobId = randomUUID();
    const now = new Date();
    await rawJobs(s.api.deps).insertOne({
      _id: jobId,
      jobId,
      type: "image-generation",
      status: "failed",
      userId: `slack-U0${tag}`,
      workspaceId: s.alice.workspaceId,
      visibility: "workspace",
      input: { prompt },
      progress: 0,
      provider: null,
      error: { code: "PROVIDER_FAILED", message: "the provider gave up" },
      versions: [],
      searchTerms: [],
      delivery: { platform: "slack", teamId: `T0${tag}`, channelId: `C0${tag}`, platformUserId: `U0${tag}`, private: false },
      createdAt: now,
      updatedAt: now,
      finishedAt: now,
    });
    return jobId;
  }

  it("are found by the sweep and delivered once; a second sweep finds nothing", async () => {
    const jobId = await finishedUntold("LOST", "lost in the post");
    expect(await runChatSweep(s.api.deps, s.api.deps.queue)).toBe(1);
    const posted = await waitFor(
      async () => s.slack.messages("C0LOST").find((m) => JSON.stringify(m).includes(jobId)),
      20_000,
      "the late result",
    );
    expect(posted.text).toContain("lost in the post");
    await waitFor(async () => ((await finalDeliveredAt(s, jobId)) ? true : undefined), 10_000, "the delivery recorded");
    expect(await runChatSweep(s.api.deps, s.api.deps.queue)).toBe(0);
    expect(s.slack.messages("C0LOST")).toHaveLength(1);
  }, 60_000);

  it("are queued again when the finished job's queue entry is retried, as after its worker died", async () => {
    const jobId = await finishedUntold("RETRY", "finished before the crash");
    // The queue entry as pg-boss leaves it when the worker that ran it stopped heartbeating: due
    // again, one retry in.
    const boss = s.api.boss;
    if (!boss) throw new Error("the chat stack runs pg-boss");
    await boss.send("image-generation", { jobId }, { id: jobId, startAfter: new Date(Date.now() + 3_600_000) });
    await s.api.deps.sql.pool.query(
      "update pgboss.job set retry_count = 1, start_after = now() where name = 'image-generation' and id = $1",
      [jobId],
    );
    const posted = await waitFor(
      async () => s.slack.messages("C0RETRY").find((m) => JSON.stringify(m).includes(jobId)),
      30_000,
      "the result",
    );
    expect(posted.text).toContain("finished before the crash");
    await waitFor(async () => ((await finalDeliveredAt(s, jobId)) ? true : undefined), 10_000, "the delivery recorded");
    const doc = await s.api.deps.jobs.get(jobId);
    expect(doc?.status).toBe("failed");
    expect(s.slack.messages("C0RETRY")).toHaveLength(1);
  }, 60_000);
});

describe("a Slack channel post whose record fails to save", () => {
  const logLines: string[] = [];
  const s = useChatStack({ logLines });

  it("is recorded once the database answers again, and the channel gets one message", async () => {
    const pool = s.api.deps.sql.pool;
    // The database refuses to store a posted message's ts, as while it restarts.
    await pool.query(`create or replace function refuse_message_ts() returns trigger language plpgsql as $$
      begin if new.message_ts is not null then raise exception 'the database is restarting'; end if; return new; end $$`);
    await pool.query(
      "create trigger refuse_message_ts before insert or update on chat_deliveries for each row execute function refuse_message_ts()",
    );
    const triggerId = `${Date.now()}.${randomBytes(4).toString("hex")}`;
    const body = slashCommandBody({
      command: "/generate",
      text: "posted once",
      teamId: "T0BLIP",
      userId: "U0BLIP",
      channelId: "C0BLIP",
      triggerId,
      responseUrl: s.slack.responseUrl(),
    });
    try {
      expect((await postToSlackApp(s, body)).status).toBe(200);
      const jobId = await waitFor(
        async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey: `slack:${triggerId}` }))?.jobId ?? undefined,
        20_000,
        "the job",
      );
      await waitFor(
        () => (s.slack.calls.some((c) => c.method === "chat.postMessage" && JSON.stringify(c.args).includes(jobId)) ? true : undefined),
        30_000,
        "the channel post",
      );
      // The deliver worker tried to record the post, was refused, and is retrying: seen in its
      // warnings, one per refused attempt, the second of which proves a retry after a refusal.
      await waitFor(
        () => {
          const refused = logLines.filter((l) => l.includes("could not record the posted Slack message yet") && l.includes(jobId));
          return refused.length >= 2 ? true : undefined;
        },
        30_000,
        "the refused record tried again",
      );
      await pool.query("drop trigger refuse_message_ts on chat_deliveries");
      await waitFor(async () => ((await finalDeliveredAt(s, jobId)) ? true : undefined), 60_000, "the result delivered");
      const state = await deliveryState(s.api.deps.sql.db, jobId);
      const posts = s.slack.calls.filter((c) => c.method === "chat.postMessage" && JSON.stringify(c.args).includes(jobId));
      expect(posts).toHaveLength(1);
      expect(state.messageTs).toBe(s.slack.messages("C0BLIP").find((m) => JSON.stringify(m).includes(jobId))?.ts);
      expect(s.slack.messages("C0BLIP").filter((m) => JSON.stringify(m).includes(jobId))).toHaveLength(1);
    } finally {
      await pool.query("drop trigger if exists refuse_message_ts on chat_deliveries");
    }
  }, 120_000);
});
