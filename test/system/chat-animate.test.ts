import { eq } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import { deliveryState } from "../../queue/chat/deliver/delivery-state.js";
import { downloadButtonId } from "../../shared/chat/job-buttons.js";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { usageLedger } from "../../shared/db/sql/schema.js";
import { videoCost } from "../../shared/pricing.js";
import { headObject } from "../../shared/storage/objects.js";
import { type ChatStack, followLink, linksIn, s3Bytes, useChatStack } from "../helpers/chat.js";
import { clipFrame, meanDifference, probeMp4 } from "../helpers/clip-frames.js";
import { componentsOf, jobOfCommand, pictureKey } from "../helpers/chat-jobs.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { storedPixels } from "../helpers/stored-pictures.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };
const bob = { id: "300000000000000002", username: "bob" };
const SLACK_ACME = "T0ACME";
const SLACK_GENERAL = "C0GENERAL";
const KLING = "fal-ai/kling-video/v2.1/standard/image-to-video";

type Message = Record<string, unknown> & { id: string; channel_id: string };
const textOf = (v: unknown) => JSON.stringify(v ?? {});
const attachmentsOf = (m: Record<string, unknown> | undefined) => (m?.attachments ?? []) as Array<{ filename: string; size: number }>;

const clipOf = (job: JobDocument) => {
  const v = job.versions.at(-1);
  if (!v || !("video" in v)) throw new Error(`job ${job.jobId} has no clip`);
  return v;
};

/**
 * What every animate must end with: an MP4 in S3 whose frame 0 is the source picture, its poster,
 * the length asked for (Kling 2.1's 5 s by default) and its cost in the ledger.
 */
async function checkClip(s: ChatStack, done: JobDocument, sourceKey: string) {
  expect(done.status, JSON.stringify(done.error)).toBe("completed");
  const clip = clipOf(done);
  const mp4 = await s3Bytes(s, clip.video.s3Key);
  const source = await storedPixels(s.api.deps.storage, sourceKey);
  expect(meanDifference(await clipFrame(mp4, source.width, source.height, 0), source)).toBeLessThan(6);
  expect((await probeMp4(mp4)).duration).toBeCloseTo(5, 0);
  expect(clip.posterKey).toMatch(/video_1\.webp$/);
  expect(await headObject(s.api.deps.storage, clip.posterKey ?? "")).toBeDefined();
  const [row] = await s.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, done.jobId));
  expect(Number(row?.costUsd)).toBeCloseTo(videoCost(KLING, 5), 6);
  return { clip, mp4 };
}

describe("Animate in chat: a picture's clip, played where it was asked for", () => {
  const s = useChatStack();
  const finalOriginal = (token: string, marker: RegExp, timeoutMs = 90_000) =>
    waitFor(
      async () => {
        const msg = s.discord.original(token);
        return marker.test(textOf(msg)) ? msg : undefined;
      },
      timeoutMs,
      `a reply matching ${marker}`,
    );

  async function discordResult(prompt: string, opts: Record<string, unknown> = {}) {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt, count: 1, size: "square", ...opts },
    });
    const message = (await finalOriginal(sent.token, /image_1\.png/)) as Message;
    const job = await jobOfCommand(s, `discord:${sent.id}`);
    return { message, job };
  }

  it("Discord: Animate (Low motion) on a picture plays the MP4 in the click's reply; Extend and Animate again make jobs; a clip over 10 MiB comes as its poster and link", async () => {
    const { message, job } = await discordResult("a harbour at dawn");
    const animateId = `job:animate-low:${job.jobId}:1`;
    expect(componentsOf(message).find((c) => c.custom_id === animateId)).toMatchObject({ label: "Animate (Low motion)" });
    const click = s.discord.clickButton({ message, customId: animateId, user: bob, guildId: ACME });
    const animate = await jobOfCommand(s, `discord:${click.id}`);
    expect(animate).toMatchObject({
      type: "video-generation",
      userId: `discord-${bob.id}`,
      visibility: "workspace",
      input: { operation: "animate", motion: "low", source: { jobId: job.jobId, image: 1 } },
    });
    const { mp4 } = await checkClip(s, await s.finished(animate.jobId, 90_000), pictureKey(job));

    // The result is the click's own reply: the MP4 attached (it plays there), its length, model, motion and cost beside it.
    const result = (await finalOriginal(click.token, /Your clip is ready/)) as Message;
    expect(attachmentsOf(result).map((a) => [a.filename, a.size])).toEqual([["video_1.mp4", mp4.length]]);
    // While it ran, the same message showed its progress or its place at the provider, as an image job's does.
    const edits = s.discord.calls.filter((c) => c.method === "PATCH" && c.path.includes(click.token)).map((c) => textOf(c.body));
    expect(
      edits.slice(0, -1).some((e) => /Queued|Running ▱|Waiting at the provider, position \d/.test(e)),
      edits.join("\n"),
    ).toBe(true);
    // The clip plays there, so its poster is not shown above it.
    expect((result.embeds as Array<{ image?: unknown }>)[0]?.image).toBeUndefined();
    const shown = textOf(result);
    for (const word of ["Duration", "5 s", "Kling 2.1 (standard)", "Motion", "Low", "Cost", `$${videoCost(KLING, 5).toFixed(2)}`])
      expect(shown).toContain(word);
    const ids = componentsOf(result).map((c) => c.custom_id ?? c.url);
    expect(ids).toEqual(expect.arrayContaining([`job:extend:${animate.jobId}`, `job:animate-again:${animate.jobId}`]));
    const download = componentsOf(result).find((c) => c.label === "Download");
    expect(download).toMatchObject({ style: 5 });
    expect(String(download?.url)).toMatch(/\/d\/[A-Za-z0-9_.-]+$/);
    // The same interaction delivered again makes no second job.
    expect(await rawJobs(s.api.deps).countDocuments({ idempotencyKey: `discord:${click.id}` })).toBe(1);

    // Extend: a job continuing the clip.
    const extend = s.discord.clickButton({ message: result, customId: `job:extend:${animate.jobId}`, user: ann, guildId: ACME });
    const extended = await jobOfCommand(s, `discord:${extend.id}`);
    expect(extended).toMatchObject({
      type: "video-generation",
      userId: `discord-${ann.id}`,
      input: { operation: "extend", source: { jobId: animate.jobId, video: 1 } },
    });

    // Animate again, while the provider answers with a clip over Discord's 10 MiB: the poster is attached, the clip linked.
    s.fal.videoClip = "huge";
    s.fal.hugeVideoPadding = 11 * 1024 * 1024;
    onTestFinished(() => {
      s.fal.videoClip = "as-asked";
    });
    const again = s.discord.clickButton({ message: result, customId: `job:animate-again:${animate.jobId}`, user: bob, guildId: ACME });
    const rerun = await jobOfCommand(s, `discord:${again.id}`);
    expect(rerun.input).toMatchObject({ operation: "animate", motion: "low", source: { jobId: job.jobId, image: 1 } });
    const big = await s.finished(rerun.jobId, 90_000);
    expect(big.status, JSON.stringify(big.error)).toBe("completed");
    expect(clipOf(big).video.sizeBytes).toBeGreaterThan(10 * 1024 * 1024);
    const posterOnly = (await finalOriginal(again.token, /Your clip is ready/)) as Message;
    expect(attachmentsOf(posterOnly).map((a) => a.filename)).toEqual(["video_1.webp"]);
    const embed = (posterOnly.embeds as Array<{ image?: { url: string }; description?: string }>)[0];
    expect(embed?.image?.url).toMatch(/\/attachments\/.*video_1\.webp$/);
    // The clip's own link, which the web process turns into a presigned URL of the stored MP4.
    const clipLink = /\[video\\_1\.mp4[^\]]*\]\((https?:[^)]+)\)/.exec(embed?.description ?? "")?.[1] ?? "";
    expect(linksIn(posterOnly)).toContain(clipLink);
    const followed = await followLink(clipLink);
    expect([followed.status, followed.bytes.length]).toEqual([200, clipOf(big).video.sizeBytes]);
    expect((await s.finished(extended.jobId, 90_000)).status).toBe("completed");
  }, 240_000);

  it("Discord: Animate on another member's private picture is refused to the clicker alone, and nothing is made", async () => {
    const { message, job } = await discordResult("a secret garden", { private: true });
    expect(job.visibility).toBe("private");
    const before = await rawJobs(s.api.deps).countDocuments({});
    const click = s.discord.clickButton({ message, customId: `job:animate-high:${job.jobId}:1`, user: bob, guildId: ACME });
    const refusal = await waitFor(
      async () => {
        const m = s.discord.original(click.token);
        return m && /not found/i.test(textOf(m)) ? m : undefined;
      },
      20_000,
      "the refusal",
    );
    expect(Number(refusal.flags ?? 0) & 64).toBe(64);
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
  }, 120_000);

  describe("on Slack", () => {
    const eventsUrl = () => `${s.api.url}/slack/events`;
    const channelMessage = (jobId: string, marker: RegExp) =>
      waitFor(
        async () => s.slack.messages(SLACK_GENERAL).find((m) => textOf(m).includes(jobId) && marker.test(textOf(m))),
        90_000,
        `a channel message matching ${marker}`,
      );

    it("Animate, high motion from the menu of a two-picture result: the MP4 uploaded into the result's thread; a private picture refused", async () => {
      const r = await s.slack.slashCommand({
        command: "/generate",
        text: "two kites over a beach --size square --count 2",
        teamId: SLACK_ACME,
        userId: "U0ANN",
        channelId: SLACK_GENERAL,
        eventsUrl: eventsUrl(),
      });
      const asked = await jobOfCommand(s, `slack:${r.triggerId}`);
      const message = await channelMessage(asked.jobId, /image_2\.png/);
      const job = await s.finished(asked.jobId, 90_000);
      const chosen = await s.slack.chooseOption({
        teamId: SLACK_ACME,
        userId: "U0BOB",
        channelId: SLACK_GENERAL,
        blocks: message.blocks,
        actionId: `pictures:${job.jobId}:1`,
        value: `job:animate-high:${job.jobId}:2`,
        messageTs: message.ts,
        eventsUrl: eventsUrl(),
      });
      expect(chosen.status).toBe(200);
      const animate = await jobOfCommand(s, `slack:${chosen.triggerId}`);
      expect(animate).toMatchObject({
        userId: "slack-U0BOB",
        visibility: "workspace",
        input: { operation: "animate", motion: "high", source: { jobId: job.jobId, image: 2 } },
      });
      const { mp4 } = await checkClip(s, await s.finished(animate.jobId, 90_000), pictureKey(job, 2));

      // The job's message in the channel says what the clip is; the MP4 itself is a file in its thread.
      const result = await channelMessage(animate.jobId, /Your clip is ready/);
      expect(textOf(result)).toContain("High");
      // The clip plays in the thread: the message shows no poster of its own.
      expect(result.blocks.filter((b) => b.type === "image")).toEqual([]);
      expect(textOf(result)).toContain(`job:animate-again:${animate.jobId}`);
      const fileIds = await waitFor(
        async () => (await deliveryState(s.api.deps.sql.db, animate.jobId)).slackFileIds ?? undefined,
        30_000,
        "the uploaded clip",
      );
      expect(fileIds).toHaveLength(1);
      const uploaded = s.slack.uploaded(fileIds[0] ?? "");
      expect(uploaded).toMatchObject({ name: "video_1.mp4", complete: true });
      expect(uploaded?.bytes.equals(mp4)).toBe(true);
      expect([...(uploaded?.channels ?? [])]).toEqual([SLACK_GENERAL]);
      const share = s.slack.messages(SLACK_GENERAL).find((m) => m.files?.includes(fileIds[0] ?? ""));
      expect(share?.threadTs).toBe(result.threadTs ?? result.ts);

      // Download opens the clip's link; Slack still sends the click, which is only acked.
      const download = await s.slack.clickButton({
        teamId: SLACK_ACME,
        userId: "U0ANN",
        channelId: SLACK_GENERAL,
        actionId: downloadButtonId(animate.jobId),
        messageTs: result.ts,
        eventsUrl: eventsUrl(),
      });
      expect(download.status).toBe(200);

      // Animate again from the result: a new job of the same input.
      const again = await s.slack.clickButton({
        teamId: SLACK_ACME,
        userId: "U0ANN",
        channelId: SLACK_GENERAL,
        actionId: `job:animate-again:${animate.jobId}`,
        messageTs: result.ts,
        eventsUrl: eventsUrl(),
      });
      const rerun = await jobOfCommand(s, `slack:${again.triggerId}`);
      expect(rerun).toMatchObject({ userId: "slack-U0ANN", input: { operation: "animate", motion: "high" } });

      // Ann's private picture: Bob's Animate is answered to him alone, and nothing is made.
      const api = s.apiAs("slack", SLACK_ACME, "U0ANN");
      const secret = await api.jobs.create.mutate({ type: "image-generation", prompt: "a secret map", visibility: "private" });
      const before = await rawJobs(s.api.deps).countDocuments({});
      const refused = await s.slack.clickButton({
        teamId: SLACK_ACME,
        userId: "U0BOB",
        channelId: SLACK_GENERAL,
        actionId: `job:animate-low:${secret.jobId}:1`,
        eventsUrl: eventsUrl(),
      });
      const id = refused.responseUrl.split("/").pop();
      const answer = await waitFor(
        async () => s.slack.responses.find((x) => x.id === id && /not found/i.test(textOf(x.body))),
        20_000,
        "the refusal",
      );
      expect(answer.body.response_type ?? "ephemeral").toBe("ephemeral");
      expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
    }, 240_000);
  });
});
