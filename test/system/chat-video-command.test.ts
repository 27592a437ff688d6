import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { registerCommands } from "../../bots/discord/register-commands.js";
import { renderPicture } from "../../infra/fakes/picture.js";
import { slashCommandBody } from "../../infra/fakes/slack/index.js";
import { usageLedger } from "../../shared/db/sql/schema.js";
import { videoCost } from "../../shared/pricing.js";
import { readObject } from "../../shared/storage/objects.js";
import { postToSlackApp, useChatStack } from "../helpers/chat.js";
import { clipFrame, meanDifference, probeMp4 } from "../helpers/clip-frames.js";
import { expectNothingMade, firstDiscordAnswer } from "../helpers/chat-jobs.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import type { Pixels } from "../helpers/stored-pictures.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };
const jonas = { id: "300000000000000003", username: "jonas" };
const claire = { id: "300000000000000004", username: "claire" };
const SLACK_TEAM = "T0ACME";
const SLACK_GENERAL = "C0GENERAL";
const sue = "U0SUE";

const KLING_TEXT = "fal-ai/kling-video/v2.5-turbo/pro/text-to-video";
const KLING_PICTURE = "fal-ai/kling-video/v2.1/standard/image-to-video";

/** A message as searchable text: JSON without its escapes. */
const textOf = (msg: unknown) =>
  JSON.stringify(msg ?? {})
    .replaceAll("\\\\", "")
    .replaceAll('\\"', '"');

type RawJob = Awaited<ReturnType<ReturnType<ReturnType<typeof rawJobs>["find"]>["toArray"]>>[number];
type VideoInput = { operation?: string; uploadKey?: string; prompt?: string; duration?: number; aspectRatio?: string; motion?: string };
const inputOf = (job: RawJob) => job.input as unknown as VideoInput;
const clipKeyOf = (job: RawJob) => (job.versions.at(-1) as unknown as { video: { s3Key: string } }).video.s3Key;

const pixelsOf = async (picture: Buffer): Promise<Pixels> => {
  const { data, info } = await sharp(picture).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
};

/**
 * `/video` from the Discord fake and the Slack fake, through the real bots, API, workers, the fal
 * emulator (a real MP4 made by ffmpeg) and S3: a clip from a prompt at the duration and aspect
 * asked, a picture animated whose first frame is that picture, and refusals of what the model does
 * not make, said in the member's language before anything is uploaded or queued.
 */
describe("/video in chat", () => {
  const s = useChatStack();

  beforeAll(async () => {
    // Registered, so the fake sends only what its member's client could: options and choices as registered.
    await registerCommands({ token: s.discord.token, applicationId: s.discord.applicationId, apiUrl: s.discord.apiUrl });
  });

  const jobOfKey = (key: string) =>
    waitFor(async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey: key })) ?? undefined, 20_000, `the job of ${key}`);
  const finished = (jobId: string) => s.finished(jobId, 120_000);
  const ledgerCost = (jobId: string) =>
    waitFor(
      async () => (await s.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, jobId)))[0],
      10_000,
      "the job's ledger row",
    ).then((row) => Number(row.costUsd));
  const firstAnswer = (id: string) => firstDiscordAnswer(s, id);
  const nothingMade = (refused: () => Promise<void>) => expectNothingMade(s, refused);

  /** A finished clip as stored: an MP4 of `seconds` at width × height, its WebP poster beside it, and its cost in the ledger. */
  async function expectClip(job: RawJob, a: { seconds: number; width: number; height: number; endpoint: string }) {
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const key = clipKeyOf(job);
    expect(key).toBe(`generated-videos/${job.userId}/${job.jobId}/video_1.mp4`);
    const mp4 = await readObject(s.api.deps.storage, key);
    const probed = await probeMp4(mp4);
    expect(probed.duration).toBeCloseTo(a.seconds, 0);
    expect([probed.width, probed.height, probed.codec]).toEqual([a.width, a.height, "h264"]);
    const poster = await sharp(await readObject(s.api.deps.storage, key.replace(/\.mp4$/, ".webp"))).metadata();
    expect(poster.format).toBe("webp");
    expect(poster.width && poster.height ? poster.width / poster.height : 0).toBeCloseTo(a.width / a.height, 1);
    const cost = videoCost(a.endpoint, a.seconds);
    expect(cost).toBeGreaterThan(0);
    expect(await ledgerCost(job.jobId)).toBeCloseTo(cost, 6);
    return mp4;
  }

  describe("Discord", () => {
    it("/video prompt duration aspect: deferred at once, then a 10-second square clip from the prompt, its poster and its cost", async () => {
      const sent = s.discord.slashCommand({
        name: "video",
        guildId: ACME,
        channelId: GENERAL,
        user: ann,
        options: { prompt: "a paper boat on a stream", duration: 10, aspect: "1:1" },
      });
      // The fake forgets an interaction not answered within 3 seconds (10062): a deferral it took came within them.
      expect((await firstAnswer(sent.id)).body?.type).toBe(5);
      const job = await finished((await jobOfKey(`discord:${sent.id}`)).jobId);
      expect(job.type).toBe("video-generation");
      expect(inputOf(job)).toMatchObject({ prompt: "a paper boat on a stream", duration: 10, aspectRatio: "1:1" });
      expect(inputOf(job).operation).toBeUndefined();
      expect(job.userId).toBe(`discord-${ann.id}`);
      // Kling 2.5 Turbo Pro makes 1080p: a square clip is 1080 × 1080.
      await expectClip(job, { seconds: 10, width: 1080, height: 1080, endpoint: KLING_TEXT });
    }, 150_000);

    it("/video with an attached picture: an animate of the upload, whose first frame is the picture", async () => {
      const picture = renderPicture("a harbour at dawn", 7, 480, 320);
      const sent = s.discord.slashCommand({
        name: "video",
        guildId: ACME,
        channelId: GENERAL,
        user: ann,
        options: { prompt: "the boats rock on the water", motion: "high" },
        attachments: { image: { fileName: "harbour.png", contentType: "image/png", bytes: picture } },
      });
      expect((await firstAnswer(sent.id)).body?.type).toBe(5);
      const job = await finished((await jobOfKey(`discord:${sent.id}`)).jobId);
      expect(inputOf(job)).toMatchObject({
        operation: "animate",
        uploadKey: expect.stringMatching(/^temp\/.*harbour\.png$/),
        prompt: "the boats rock on the water",
        motion: "high",
      });
      // Kling 2.1 standard makes 720p from the picture's shape: 480 × 320 becomes 1080 × 720, 5 seconds by default.
      const mp4 = await expectClip(job, { seconds: 5, width: 1080, height: 720, endpoint: KLING_PICTURE });
      const source = await pixelsOf(picture);
      expect(meanDifference(await clipFrame(mp4, source.width, source.height, 0), source)).toBeLessThan(6);
      // The comparison tells frames apart: later on, the colours have turned.
      expect(meanDifference(await clipFrame(mp4, source.width, source.height, 2), source)).toBeGreaterThan(12);
    }, 150_000);

    it.each([
      [
        "de",
        jonas,
        { prompt: "ein Papierboot", duration: 6 },
        /Abgelehnt, es wurde nichts erstellt\. Der Dienst sagt: „duration: Kling 2\.5 Turbo Pro .*makes clips of 5, 10 seconds“/,
      ],
      [
        "fr",
        claire,
        { prompt: "un bateau en papier", model: "hailuo-02", aspect: "9:16" },
        /Refusé, rien n'a été créé\. Le service répond : « aspectRatio: MiniMax Hailuo 02 \(standard\) .*takes no aspectRatio »/,
      ],
    ] as const)(
      "refuses what the model does not make to its member alone, in %s, queuing nothing",
      async (locale, user, options, reason) => {
        s.discord.userLocales.set(user.id, locale);
        onTestFinished(() => void s.discord.userLocales.delete(user.id));
        await nothingMade(async () => {
          const sent = s.discord.slashCommand({ name: "video", guildId: ACME, channelId: GENERAL, user, options: { ...options } });
          const answer = await firstAnswer(sent.id);
          expect(answer.body?.type).toBe(4);
          expect(Number((answer.body?.data as { flags?: number } | undefined)?.flags) & 64).toBe(64);
          expect(textOf(answer.body)).toMatch(reason);
        });
      },
      30_000,
    );

    it("refuses an aspect ratio for a picture, which keeps its own shape, before uploading it", async () => {
      s.discord.userLocales.set(jonas.id, "de");
      onTestFinished(() => void s.discord.userLocales.delete(jonas.id));
      await nothingMade(async () => {
        const sent = s.discord.slashCommand({
          name: "video",
          guildId: ACME,
          channelId: GENERAL,
          user: jonas,
          options: { prompt: "die Wellen", aspect: "16:9" },
          attachments: { image: { fileName: "welle.png", contentType: "image/png", bytes: renderPicture("a wave", 8, 320, 240) } },
        });
        const answer = await firstAnswer(sent.id);
        expect(answer.body?.type).toBe(4);
        expect(textOf(answer.body)).toMatch(/Abgelehnt.*an animated clip has its picture's shape/);
      });
    }, 30_000);

    it("/assets type:videos lists the clips, and /help lists /video in French", async () => {
      const listing = s.discord.slashCommand({ name: "assets", guildId: ACME, channelId: GENERAL, user: ann, options: { type: "videos" } });
      const listed = await waitFor(
        async () => {
          const msg = s.discord.original(listing.token);
          return msg && textOf(msg).includes("video_1.mp4") ? textOf(msg) : undefined;
        },
        20_000,
        "the clips listed",
      );
      expect(listed).toContain("a paper boat on a stream");
      expect(listed).toMatch(/video_1\.mp4 \([^)]*10 s\)/);
      // A clip is listed by its MP4, not its poster or preview.
      expect(listed).not.toContain("video_1.webp");
      expect(listed).not.toContain("video_1_preview.mp4");

      s.discord.userLocales.set(claire.id, "fr");
      onTestFinished(() => void s.discord.userLocales.delete(claire.id));
      const help = s.discord.slashCommand({ name: "help", guildId: ACME, channelId: GENERAL, user: claire, options: {} });
      const text = textOf((await firstAnswer(help.id)).body);
      expect(text).toContain("/video prompt:… [image] [duration] [aspect] [model] [motion] [private]");
      expect(text).toContain("Créer un court clip vidéo à partir d'un prompt, ou animer une image jointe");
    }, 60_000);
  });

  describe("Slack", () => {
    function command(name: string, text: string, userId = sue) {
      const triggerId = `${Date.now()}.${randomBytes(4).toString("hex")}`;
      const responseUrl = s.slack.responseUrl(SLACK_GENERAL);
      const body = slashCommandBody({
        command: `/${name}`,
        text,
        teamId: SLACK_TEAM,
        userId,
        channelId: SLACK_GENERAL,
        triggerId,
        responseUrl,
      });
      return { body, triggerId, responseId: responseUrl.split("/").pop() ?? "" };
    }
    async function run(name: string, text: string, userId = sue) {
      const c = command(name, text, userId);
      expect((await postToSlackApp(s, c.body)).status).toBe(200);
      return c;
    }
    const responseMatching = (responseId: string, marker: RegExp) =>
      waitFor(
        async () => s.slack.responses.find((r) => r.id === responseId && marker.test(textOf(r.body))),
        20_000,
        `a response matching ${marker}`,
      );
    const shared = (name: string, bytes: Buffer) => `<${s.slack.addFile({ name, mimetype: "image/png", bytes, userId: sue })}|${name}>`;

    it('/video "prompt" --duration --aspect: a 5-second 9:16 clip from the prompt, its poster and its cost', async () => {
      const c = await run("video", '"a paper lantern at night" --duration 5 --aspect 9:16');
      const job = await finished((await jobOfKey(`slack:${c.triggerId}`)).jobId);
      expect(inputOf(job)).toMatchObject({ prompt: "a paper lantern at night", duration: 5, aspectRatio: "9:16" });
      expect(job.userId).toBe(`slack-${sue}`);
      await expectClip(job, { seconds: 5, width: 1080, height: 1920, endpoint: KLING_TEXT });
    }, 150_000);

    it("/video --private: the clip comes to its asker alone through the response_url, taken the first time, without the WebP poster Slack would not show", async () => {
      // Slack could download the poster from here, so only its type (WebP) would refuse it.
      s.slack.reachesLocalImages = true;
      onTestFinished(() => {
        s.slack.reachesLocalImages = false;
      });
      const c = await run("video", '"a lantern in the fog" --duration 5 --private');
      const job = await finished((await jobOfKey(`slack:${c.triggerId}`)).jobId);
      expect(job.visibility).toBe("private");
      const result = await waitFor(
        async () => s.slack.responses.find((r) => r.id === c.responseId && JSON.stringify(r.body).includes(`download:${job.jobId}`)),
        60_000,
        "the private clip's result",
      );
      expect(result.body.response_type).toBe("ephemeral");
      expect(JSON.stringify(result.body.blocks)).not.toContain('"type":"image"');
      expect(s.slack.refusedResponses.filter((r) => r.id === c.responseId)).toEqual([]);
      // Nothing was shared in the channel.
      expect(s.slack.messages(SLACK_GENERAL).filter((m) => textOf(m).includes(job.jobId))).toEqual([]);
    }, 150_000);

    it("/video --image <Slack file>: an animate of the shared picture, whose first frame is the picture", async () => {
      const picture = renderPicture("a lighthouse", 9, 320, 320);
      const c = await run("video", `the light turns --image ${shared("lighthouse photo.png", picture)}`);
      const job = await finished((await jobOfKey(`slack:${c.triggerId}`)).jobId);
      expect(inputOf(job)).toMatchObject({ operation: "animate", uploadKey: expect.stringMatching(/lighthouse_photo\.png$/) });
      const mp4 = await expectClip(job, { seconds: 5, width: 720, height: 720, endpoint: KLING_PICTURE });
      const source = await pixelsOf(picture);
      expect(meanDifference(await clipFrame(mp4, source.width, source.height, 0), source)).toBeLessThan(6);
    }, 150_000);

    it.each([
      ["U0JONAS", "de-DE", "ein Papierboot --duration 6", /Abgelehnt, es wurde nichts erstellt.*makes clips of 5, 10 seconds/],
      ["U0CLAIRE", "fr-FR", "un bateau --model hailuo-02 --aspect 1:1", /Refusé, rien n'a été créé.*takes no aspectRatio/],
      ["U0CLAIRE", "fr-FR", "un bateau --motion high", /Refusé, rien n'a été créé.*does not take motion/],
      ["U0JONAS", "de-DE", "ein Boot --duration 7", /--duration muss eines von 5, 6, 10 sein\./],
      ["U0CLAIRE", "fr-FR", "un bateau --image <https://example.com/boat.png>", /--image/],
    ])(
      "refuses to %s (%s) `/video %s` alone, queuing and uploading nothing",
      async (user, locale, text, reason) => {
        s.slack.userLocales.set(user, locale);
        onTestFinished(() => void s.slack.userLocales.delete(user));
        await nothingMade(async () => {
          const c = await run("video", text, user);
          const answer = await responseMatching(c.responseId, reason);
          expect((answer.body as { response_type?: string }).response_type).toBe("ephemeral");
        });
      },
      30_000,
    );

    it("/assets videos lists the clips, and /help lists /video with its usage in German", async () => {
      const listing = await run("assets", "videos");
      const listed = textOf((await responseMatching(listing.responseId, /video_1\.mp4/)).body);
      expect(listed).toContain("a paper lantern at night");
      expect(listed).not.toContain("video_1_preview.mp4");

      s.slack.userLocales.set("U0JONAS", "de-DE");
      onTestFinished(() => void s.slack.userLocales.delete("U0JONAS"));
      const help = await run("help", "", "U0JONAS");
      const text = textOf((await responseMatching(help.responseId, /Was ich kann/)).body);
      expect(text).toContain("/video");
      expect(text).toContain("Einen kurzen Videoclip aus einem Prompt erzeugen oder ein in Slack geteiltes Bild animieren");
      expect(text).toContain("[--image &lt;Slack-Dateilink&gt;]");
    }, 30_000);

    it("refuses an aspect ratio with a picture before looking the file up", async () => {
      const before = s.slack.calls.filter((c) => c.method === "files.info").length;
      const c = await run("video", `waves --aspect 16:9 --image ${shared("wave.png", renderPicture("a wave", 10, 320, 240))}`);
      await responseMatching(c.responseId, /an animated clip has its picture's shape/);
      expect(s.slack.calls.filter((c) => c.method === "files.info").length).toBe(before);
    }, 30_000);
  });
});
