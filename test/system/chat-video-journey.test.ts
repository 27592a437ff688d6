import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { registerCommands } from "../../bots/discord/register-commands.js";
import { messageRefusal } from "../../infra/fakes/discord/limits.js";
import { renderPicture } from "../../infra/fakes/picture.js";
import { checkBlocks } from "../../infra/fakes/slack/blocks.js";
import { blockActionBody, slackSignature } from "../../infra/fakes/slack/index.js";
import { deliveryState } from "../../queue/chat/deliver/delivery-state.js";
import { downloadButtonId } from "../../shared/chat/job-buttons.js";
import { escapeMrkdwn } from "../../shared/chat/slack-message.js";
import { jobReplyText } from "../../shared/chat/locale/job-messages.js";
import { inputText } from "../../shared/chat/locale/refusals.js";
import { videoButtonsText } from "../../shared/chat/locale/video-buttons.js";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { ensureChatMember } from "../../shared/db/sql/accounts.js";
import { type ChatStack, followLink, postToSlackApp, s3Bytes, useChatStack } from "../helpers/chat.js";
import { expectNothingMade, firstDiscordAnswer, jobOfCommand } from "../helpers/chat-jobs.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };
const jonas = { id: "300000000000000003", username: "jonas" };
const claire = { id: "300000000000000004", username: "claire" };
const SLACK_ACME = "T0ACME";
const SLACK_GENERAL = "C0GENERAL";

/** Discord's and Slack's window for an interaction's first answer. */
const THREE_SECONDS = 3_000;

type Message = Record<string, unknown> & { id: string; channel_id: string };
type Button = { type: number; style?: number; custom_id?: string; label?: string; url?: string };
/** A message as searchable text: JSON without its escapes. */
const textOf = (msg: unknown) =>
  JSON.stringify(msg ?? {})
    .replaceAll("\\\\", "")
    .replaceAll('\\"', '"');
const buttonsOf = (m: Record<string, unknown> | undefined) =>
  ((m?.components ?? []) as Array<{ components: Button[] }>).flatMap((r) => r.components);
const attachmentsOf = (m: Record<string, unknown> | undefined) => (m?.attachments ?? []) as Array<{ filename: string; size: number }>;
const clipOf = (job: JobDocument) => {
  const v = job.versions.at(-1);
  if (!v || !("video" in v)) throw new Error(`job ${job.jobId} has no clip`);
  return v;
};

/** A result's "clip is ready (n s)" line in a language, whatever the clip's length. */
const clipReadyIn = (clipReady: (seconds: string) => string) =>
  new RegExp(
    clipReady("§")
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace("§", "\\d+(?:\\.\\d)? s"),
  );

/** A text-to-video of this Discord member's whose clip is still being made: running, never queued, so it stays so. */
async function runningVideoJob(s: ChatStack, user: { id: string }): Promise<string> {
  const { workspace, member } = await ensureChatMember(s.api.deps.sql.db, {
    platform: "discord",
    workspaceExternalId: ACME,
    workspaceName: "Acme",
    externalUserId: user.id,
  });
  const jobId = randomUUID();
  await s.api.deps.jobs.create({
    jobId,
    type: "video-generation",
    userId: member.userId,
    workspaceId: workspace.id,
    input: { prompt: "a kite over the dunes" },
  });
  await s.api.deps.jobs.setStatus(jobId, "running", { progress: 40 });
  return jobId;
}

/**
 * `/video` and a clip's buttons together, from both fakes, as members with German and French
 * clients use them: the clip plays where it was asked for, with Extend, Animate again (or Make
 * again) and Download in the member's language; each answer comes within the platforms' 3 seconds
 * however slow the API; and what cannot be done (a clip not made yet, a deleted one, another
 * member's upload) is refused to the clicker alone, creating nothing.
 */
describe("/video from the command to the clip's buttons", () => {
  const s = useChatStack();
  beforeAll(async () => {
    // Registered, so the fake sends only what its member's client could: options and choices as registered.
    await registerCommands({ token: s.discord.token, applicationId: s.discord.applicationId, apiUrl: s.discord.apiUrl });
  });
  const slowApi = () => {
    s.apiDelay.ms = 5_000;
    onTestFinished(() => {
      s.apiDelay.ms = 0;
    });
    return () => {
      s.apiDelay.ms = 0;
    };
  };
  const finalOriginal = (token: string, marker: RegExp) =>
    waitFor(
      async () => {
        const msg = s.discord.original(token);
        return marker.test(textOf(msg)) ? (msg as Message) : undefined;
      },
      120_000,
      `a reply matching ${marker}`,
    );
  const firstAnswer = (id: string) => firstDiscordAnswer(s, id);
  /**
   * A refusal shown to the clicker alone, matching `marker`: the deferral's own answer, or (a public
   * deferral cannot turn ephemeral) an ephemeral follow-up in its place.
   */
  const refusedAlone = async (token: string, marker: RegExp) => {
    const m = await waitFor(
      async () => [s.discord.original(token), ...s.discord.followUps(token)].find((msg) => msg && marker.test(textOf(msg))),
      30_000,
      `a refusal matching ${marker}: ${textOf([s.discord.original(token), ...s.discord.followUps(token)]).slice(0, 600)}`,
    );
    expect(Number(m.flags ?? 0) & 64).toBe(64);
  };

  const nothingMade = (refused: () => Promise<void>) => expectNothingMade(s, refused);

  it("Discord, in French: an attached picture over the limit, or a file that is not a picture, is refused to its member before the deferral, nothing uploaded or made", async () => {
    s.discord.userLocales.set(claire.id, "fr");
    onTestFinished(() => void s.discord.userLocales.delete(claire.id));
    const fr = inputText.fr;
    const cases = [
      // Discord says how big an attachment is; the bot goes by that before downloading anything.
      [
        { fileName: "plage.png", contentType: "image/png", size: 60 * 1024 * 1024, bytes: renderPicture("a beach", 12, 64, 64) },
        "plage.png fait 60 MB ; la limite est",
      ],
      [
        { fileName: "notes.pdf", contentType: "application/pdf", bytes: Buffer.from("%PDF-1.7\n") },
        fr.fileNotAccepted("notes.pdf", "image", "application/pdf"),
      ],
    ] as const;
    for (const [image, reason] of cases)
      await nothingMade(async () => {
        const sent = s.discord.slashCommand({
          name: "video",
          guildId: ACME,
          channelId: GENERAL,
          user: claire,
          options: { prompt: "les vagues" },
          attachments: { image: { ...image } },
        });
        const answer = await firstAnswer(sent.id);
        expect(answer.body?.type).toBe(4);
        expect(Number((answer.body?.data as { flags?: number } | undefined)?.flags) & 64).toBe(64);
        expect(textOf(answer.body), image.fileName).toContain(reason);
      });
  }, 60_000);

  it("Discord, in German then French: /video's MP4 plays in its reply with Verlängern, Erneut erstellen, Herunterladen; the API slow, each answer within 3 s; Extend of a clip not made yet, of a deleted clip and its Download refused", async () => {
    s.discord.userLocales.set(jonas.id, "de");
    s.discord.userLocales.set(claire.id, "fr");
    onTestFinished(() => {
      s.discord.userLocales.delete(jonas.id);
      s.discord.userLocales.delete(claire.id);
    });

    const fast = slowApi();
    const sent = s.discord.slashCommand({
      name: "video",
      guildId: ACME,
      channelId: GENERAL,
      user: jonas,
      options: { prompt: "ein Papierboot auf einem Bach", aspect: "16:9" },
    });
    const deferral = await firstAnswer(sent.id);
    expect(deferral.body?.type).toBe(5);
    expect(deferral.at - sent.sentAt).toBeLessThan(THREE_SECONDS);
    fast();
    const job = await s.finished((await jobOfCommand(s, `discord:${sent.id}`, { timeoutMs: 30_000 })).jobId, 120_000);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const mp4 = await s3Bytes(s, clipOf(job).video.s3Key);

    const de = videoButtonsText.de;
    const result = await finalOriginal(sent.token, clipReadyIn(de.clipReady));
    expect(messageRefusal(result as never)).toBeUndefined();
    // The MP4 plays in the reply itself: attached whole, no poster above it.
    expect(attachmentsOf(result).map((a) => [a.filename, a.size])).toEqual([["video_1.mp4", mp4.length]]);
    expect((result.embeds as Array<{ image?: unknown }>)[0]?.image).toBeUndefined();
    for (const word of [de.fields.duration, de.fields.model, de.fields.size, de.fields.cost, "1920×1080"])
      expect(textOf(result)).toContain(word);
    const buttons = buttonsOf(result);
    // A clip from a prompt is made again, not animated: its second button says so.
    expect(buttons.map((b) => b.label)).toEqual([
      "Verlängern",
      "Erneut erstellen",
      "Herunterladen",
      jobReplyText.de.buttons.dm,
      jobReplyText.de.buttons.delete,
    ]);
    for (const b of buttons) expect(b.label?.length ?? 0).toBeLessThanOrEqual(80);
    const download = buttons.find((b) => b.label === "Herunterladen");
    expect(download).toMatchObject({ style: 5 });
    const clipLink = String(download?.url);
    expect((await followLink(clipLink)).bytes.equals(mp4)).toBe(true);

    // Claire's French client, the API slow again: her Extend is deferred within 3 s and makes one job.
    const slowAgain = slowApi();
    const extend = s.discord.clickButton({ message: result, customId: `job:extend:${job.jobId}`, user: claire, guildId: ACME });
    const extendAnswer = await firstAnswer(extend.id);
    expect(extendAnswer.at - extend.sentAt).toBeLessThan(THREE_SECONDS);
    slowAgain();
    const extended = await jobOfCommand(s, `discord:${extend.id}`, { timeoutMs: 30_000 });
    expect(extended).toMatchObject({
      userId: `discord-${claire.id}`,
      input: { operation: "extend", source: { jobId: job.jobId, video: 1 } },
    });

    // Extend of a clip not made yet (its job still running): "not now", to her alone, and nothing made.
    const running = await runningVideoJob(s, claire);
    const before = await rawJobs(s.api.deps).countDocuments({});
    const early = s.discord.clickButton({ message: result, customId: `job:extend:${running}`, user: claire, guildId: ACME });
    await refusedAlone(early.token, /has not finished \(status running\)/);
    expect(s.discord.interactionFailed(early.token)).toBe(false);
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);

    // The extend's own result, in French: Prolonger, Refaire, Télécharger.
    const done = await s.finished(extended.jobId, 120_000);
    expect(done.status, JSON.stringify(done.error)).toBe("completed");
    const fr = videoButtonsText.fr;
    const french = await finalOriginal(extend.token, clipReadyIn(fr.clipReady));
    expect(messageRefusal(french as never)).toBeUndefined();
    expect(attachmentsOf(french).map((a) => a.filename)).toEqual(["video_1.mp4"]);
    expect(buttonsOf(french).map((b) => b.label)).toEqual([
      "Prolonger",
      "Refaire",
      "Télécharger",
      jobReplyText.fr.buttons.dm,
      jobReplyText.fr.buttons.delete,
    ]);
    expect(textOf(french)).toContain(fr.titles.extend);

    // Jonas deletes his clip: Extend on it is refused as not found, and its Download link no longer serves it.
    await s.apiAs("discord", ACME, jonas.id).jobs.delete.mutate({ jobId: job.jobId });
    const afterDelete = await rawJobs(s.api.deps).countDocuments({});
    const gone = s.discord.clickButton({ message: result, customId: `job:extend:${job.jobId}`, user: ann, guildId: ACME });
    await refusedAlone(gone.token, /not found/i);
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(afterDelete);
    // Gone, said as such: no redirect to the stored clip.
    expect((await followLink(clipLink)).status).toBe(410);
  }, 300_000);

  it("Discord: a picture's Animate (High motion) is deferred within 3 s with the API slow, and makes the clicker's clip of that picture", async () => {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a lighthouse on a cliff", count: 1, size: "square" },
    });
    const message = await finalOriginal(sent.token, /image_1\.png/);
    const picture = await jobOfCommand(s, `discord:${sent.id}`, { timeoutMs: 30_000 });
    const fast = slowApi();
    const click = s.discord.clickButton({ message, customId: `job:animate-high:${picture.jobId}:1`, user: jonas, guildId: ACME });
    const answer = await firstAnswer(click.id);
    expect(answer.at - click.sentAt).toBeLessThan(THREE_SECONDS);
    fast();
    const animate = await jobOfCommand(s, `discord:${click.id}`, { timeoutMs: 30_000 });
    expect(animate).toMatchObject({
      userId: `discord-${jonas.id}`,
      input: { operation: "animate", motion: "high", source: { jobId: picture.jobId, image: 1 } },
    });
    expect((await s.finished(animate.jobId, 120_000)).status).toBe("completed");
  }, 120_000);

  it("Discord: Animate again on another member's clip of an uploaded picture is refused in his language, nothing made; its author's makes the clip again", async () => {
    s.discord.userLocales.set(jonas.id, "de");
    onTestFinished(() => void s.discord.userLocales.delete(jonas.id));
    const sent = s.discord.slashCommand({
      name: "video",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "the tide comes in" },
      attachments: { image: { fileName: "bay.png", contentType: "image/png", bytes: renderPicture("a bay", 11, 320, 320) } },
    });
    const job = await s.finished((await jobOfCommand(s, `discord:${sent.id}`, { timeoutMs: 30_000 })).jobId, 120_000);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const result = await finalOriginal(sent.token, /Your clip is ready/);
    const againId = `job:animate-again:${job.jobId}`;
    expect(buttonsOf(result).find((b) => b.custom_id === againId)?.label).toBe("Animate again");

    const before = await rawJobs(s.api.deps).countDocuments({});
    const refused = s.discord.clickButton({ message: result, customId: againId, user: jonas, guildId: ACME });
    await refusedAlone(refused.token, new RegExp(inputText.de.animateAgainOwnUpload.slice(0, 40)));
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);

    const own = s.discord.clickButton({ message: result, customId: againId, user: ann, guildId: ACME });
    const again = await jobOfCommand(s, `discord:${own.id}`, { timeoutMs: 30_000 });
    expect(again).toMatchObject({ userId: `discord-${ann.id}`, input: { operation: "animate", uploadKey: job.input?.uploadKey } });

    // Her private clip: Extend and Animate again with its ids, sent by another member, are refused as not found, nothing made.
    const secret = await s.apiAs("discord", ACME, ann.id).jobs.create.mutate({
      type: "video-generation",
      prompt: "a secret cove",
      visibility: "private",
    });
    expect((await s.finished(secret.jobId, 120_000)).status).toBe("completed");
    const beforeSecret = await rawJobs(s.api.deps).countDocuments({});
    for (const action of ["extend", "animate-again"]) {
      const forged = s.discord.clickButton({ message: result, customId: `job:${action}:${secret.jobId}`, user: jonas, guildId: ACME });
      await refusedAlone(forged.token, /not found/i);
    }
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(beforeSecret);
  }, 240_000);

  describe("on Slack", () => {
    const eventsUrl = () => `${s.api.url}/slack/events`;
    const channelMessage = (jobId: string, marker: RegExp) =>
      waitFor(
        async () => s.slack.messages(SLACK_GENERAL).find((m) => textOf(m).includes(jobId) && marker.test(textOf(m))),
        120_000,
        `a channel message matching ${marker}`,
      );

    it("in French: --image with another workspace's file, or a shared file that is not a picture, is refused to its member alone, nothing uploaded or made", async () => {
      s.slack.userLocales.set("U0CLAIRE", "fr-FR");
      onTestFinished(() => void s.slack.userLocales.delete("U0CLAIRE"));
      const pdf = s.slack.addFile({ name: "notes.pdf", mimetype: "application/pdf", bytes: Buffer.from("%PDF-1.7\n"), userId: "U0CLAIRE" });
      // A real picture, but of another workspace: Slack answers file_not_found to files.info for it.
      const theirs = s.slack.addFile({
        name: "phare.png",
        mimetype: "image/png",
        bytes: renderPicture("phare", 4, 64, 64),
        userId: "U0OTHER",
        teamId: "T0OTHER",
      });
      const cases = [
        [theirs, inputText.fr.imageSlackFileUnreadable("image")],
        [pdf, inputText.fr.fileNotAccepted("notes.pdf", "image", "application/pdf")],
      ] as const;
      for (const [link, reason] of cases)
        await nothingMade(async () => {
          const r = await s.slack.slashCommand({
            command: "/video",
            text: `les vagues --image <${link}>`,
            teamId: SLACK_ACME,
            userId: "U0CLAIRE",
            channelId: SLACK_GENERAL,
            eventsUrl: eventsUrl(),
          });
          expect(r.status).toBe(200);
          const id = r.responseUrl.split("/").pop();
          const answer = await waitFor(async () => s.slack.responses.find((x) => x.id === id), 20_000, `the answer to --image ${link}`);
          expect(answer.body.response_type ?? "ephemeral").toBe("ephemeral");
          // Said as Slack shows it: mrkdwn escapes & < >.
          expect(textOf(answer.body)).toContain(escapeMrkdwn(reason));
        });
    }, 60_000);

    it("a picture's Animate acked within 3 s with the API slow, and the same click sent again by Slack (X-Slack-Retry-Num) makes one job", async () => {
      const api = s.apiAs("slack", SLACK_ACME, "U0ANN");
      const picture = await api.jobs.create.mutate({ type: "image-generation", prompt: "a windmill at dusk" });
      expect((await s.finished(picture.jobId, 120_000)).status).toBe("completed");
      const triggerId = `${Date.now()}.animate`;
      const body = blockActionBody({
        actionId: `job:animate-low:${picture.jobId}:1`,
        teamId: SLACK_ACME,
        userId: "U0BOB",
        channelId: SLACK_GENERAL,
        triggerId,
        responseUrl: s.slack.responseUrl(SLACK_GENERAL),
      });
      const fast = slowApi();
      const clickedAt = Date.now();
      expect((await postToSlackApp(s, body)).status).toBe(200);
      expect(Date.now() - clickedAt).toBeLessThan(THREE_SECONDS);
      fast();
      // Slack's retry repeats the body, signed anew.
      const retried = { ...slackSignature(s.slack.signingSecret, body, Math.floor(Date.now() / 1000) + 1), "x-slack-retry-num": "1" };
      expect((await postToSlackApp(s, body, { ...retried, "x-slack-retry-reason": "http_timeout" })).status).toBe(200);
      const animate = await jobOfCommand(s, `slack:${triggerId}`, { timeoutMs: 30_000 });
      expect(animate).toMatchObject({
        userId: "slack-U0BOB",
        input: { operation: "animate", motion: "low", source: { jobId: picture.jobId } },
      });
      expect((await s.finished(animate.jobId, 120_000)).status).toBe("completed");
      expect(await rawJobs(s.api.deps).countDocuments({ "input.source.jobId": picture.jobId })).toBe(1);
    }, 120_000);

    it("a clip over the 100 MiB the deliver worker uploads to Slack: its poster shown from Slack in the message, the MP4 by its link, nothing more uploaded", async () => {
      s.fal.videoClip = "huge";
      s.fal.hugeVideoPadding = 101 * 1024 * 1024;
      onTestFinished(() => {
        s.fal.videoClip = "as-asked";
      });
      const r = await s.slack.slashCommand({
        command: "/video",
        text: "a tall ship in a storm",
        teamId: SLACK_ACME,
        userId: "U0ANN",
        channelId: SLACK_GENERAL,
        eventsUrl: eventsUrl(),
      });
      const job = await s.finished((await jobOfCommand(s, `slack:${r.triggerId}`, { timeoutMs: 30_000 })).jobId, 120_000);
      expect(job.status, JSON.stringify(job.error)).toBe("completed");
      expect(clipOf(job).video.sizeBytes).toBeGreaterThan(100 * 1024 * 1024);
      const result = await waitFor(
        async () => {
          const m = s.slack.messages(SLACK_GENERAL).find((x) => textOf(x).includes(job.jobId) && /Your clip is ready/.test(textOf(x)));
          return m?.blocks.some((b) => (b as { type?: string }).type === "image") ? m : undefined;
        },
        60_000,
        "the result showing its poster",
      );
      const fileIds = (await deliveryState(s.api.deps.sql.db, job.jobId)).slackFileIds ?? [];
      // Slack shows PNG, JPEG and GIF files in a message, not WebP: the poster goes up as a JPEG of it.
      const poster = s.slack.uploaded(fileIds[0] ?? "");
      expect([fileIds.length, poster?.name]).toEqual([1, "video_1.jpg"]);
      expect((await sharp(poster?.bytes).metadata()).format).toBe("jpeg");
      // The poster shows from the file uploaded to Slack; the MP4 is its /d/ link.
      expect(textOf(result.blocks.find((b) => (b as { type?: string }).type === "image"))).toContain(fileIds[0]);
      expect(textOf(result)).toMatch(/video_1\.mp4/);
      const download = (result.blocks as Array<{ elements?: Array<{ action_id?: string; url?: string }> }>)
        .flatMap((b) => b.elements ?? [])
        .find((e) => e.action_id === downloadButtonId(job.jobId));
      const followed = await followLink(String(download?.url));
      expect([followed.status, followed.bytes.length]).toEqual([200, clipOf(job).video.sizeBytes]);
    }, 180_000);

    it("in French: /video's clip is uploaded into its message's thread, with Prolonger, Refaire, Télécharger; the command and a click acked within 3 s with the API slow", async () => {
      s.slack.userLocales.set("U0CLAIRE", "fr-FR");
      onTestFinished(() => void s.slack.userLocales.delete("U0CLAIRE"));
      const fast = slowApi();
      const startedAt = Date.now();
      const r = await s.slack.slashCommand({
        command: "/video",
        text: '"une lanterne de papier la nuit" --aspect 9:16',
        teamId: SLACK_ACME,
        userId: "U0CLAIRE",
        channelId: SLACK_GENERAL,
        eventsUrl: eventsUrl(),
      });
      expect(r.status).toBe(200);
      expect(Date.now() - startedAt).toBeLessThan(THREE_SECONDS);
      fast();
      const job = await s.finished((await jobOfCommand(s, `slack:${r.triggerId}`, { timeoutMs: 30_000 })).jobId, 120_000);
      expect(job.status, JSON.stringify(job.error)).toBe("completed");
      const mp4 = await s3Bytes(s, clipOf(job).video.s3Key);

      const fr = videoButtonsText.fr;
      const result = await channelMessage(job.jobId, /Votre clip est prêt/);
      expect(await checkBlocks(result.blocks, { channel: SLACK_GENERAL, canFetch: () => true, file: () => undefined })).toEqual([]);
      // The clip plays in the thread, so the message shows no poster of its own.
      expect(result.blocks.filter((b) => (b as { type?: string }).type === "image")).toEqual([]);
      const buttons = (
        result.blocks as Array<{
          type: string;
          elements?: Array<{ type: string; text?: { text: string }; url?: string; action_id?: string }>;
        }>
      )
        .filter((b) => b.type === "actions")
        .flatMap((b) => b.elements ?? [])
        .filter((e) => e.type === "button");
      expect(buttons.map((b) => b.text?.text)).toEqual([
        fr.result.extend,
        fr.result.again,
        fr.result.download,
        jobReplyText.fr.buttons.dm,
        jobReplyText.fr.buttons.delete,
      ]);
      for (const b of buttons) expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(75);
      expect(buttons.find((b) => b.action_id === downloadButtonId(job.jobId))?.url).toMatch(/\/d\/[A-Za-z0-9_.-]+$/);
      const fileIds = await waitFor(
        async () => (await deliveryState(s.api.deps.sql.db, job.jobId)).slackFileIds ?? undefined,
        30_000,
        "the uploaded clip",
      );
      const uploaded = s.slack.uploaded(fileIds[0] ?? "");
      expect(uploaded).toMatchObject({ name: "video_1.mp4", complete: true });
      expect(uploaded?.bytes.equals(mp4)).toBe(true);
      const share = s.slack.messages(SLACK_GENERAL).find((m) => m.files?.includes(fileIds[0] ?? ""));
      expect(share?.threadTs).toBe(result.threadTs ?? result.ts);

      // Make again with the API slow: the click is acked at once, and one job is made for it.
      const slowAgain = slowApi();
      const clickedAt = Date.now();
      const again = await s.slack.clickButton({
        teamId: SLACK_ACME,
        userId: "U0CLAIRE",
        channelId: SLACK_GENERAL,
        actionId: `job:animate-again:${job.jobId}`,
        messageTs: result.ts,
        eventsUrl: eventsUrl(),
      });
      expect(again.status).toBe(200);
      expect(Date.now() - clickedAt).toBeLessThan(THREE_SECONDS);
      slowAgain();
      const rerun = await jobOfCommand(s, `slack:${again.triggerId}`, { timeoutMs: 30_000 });
      expect(rerun).toMatchObject({ userId: "slack-U0CLAIRE", input: { prompt: "une lanterne de papier la nuit", aspectRatio: "9:16" } });
      expect(await rawJobs(s.api.deps).countDocuments({ idempotencyKey: `slack:${again.triggerId}` })).toBe(1);
      await s.finished(rerun.jobId, 120_000);
    }, 300_000);
  });
});
