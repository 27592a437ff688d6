import { randomBytes } from "node:crypto";
import { WebClient } from "@slack/web-api";
import sharp from "sharp";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { registerCommands } from "../../bots/discord/register-commands.js";
import { renderPicture } from "../../infra/fakes/picture.js";
import { slashCommandBody } from "../../infra/fakes/slack/index.js";
import { postToSlackApp, useChatStack } from "../helpers/chat.js";
import { bands } from "../helpers/fal-tools.js";
import { expectNothingMade, firstDiscordAnswer } from "../helpers/chat-jobs.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };
const bob = { id: "300000000000000002", username: "bob" };
const SLACK_TEAM = "T0ACME";
const SLACK_GENERAL = "C0GENERAL";
const sue = "U0SUE";

/** A message as searchable text: JSON without its escapes and Discord's markdown escapes. */
const textOf = (msg: unknown) =>
  JSON.stringify(msg ?? {})
    .replaceAll("\\\\", "")
    .replaceAll('\\"', '"');

const png = (seed: number, width = 320, height = 240) => renderPicture(`picture ${seed}`, seed, width, height);

type RawJob = Awaited<ReturnType<ReturnType<ReturnType<typeof rawJobs>["find"]>["toArray"]>>[number];
type ImageInput = {
  operation?: string;
  uploadKey?: string;
  sources?: Array<{ uploadKey?: string }>;
  references?: Array<{ uploadKey?: string; role: string; weight?: number }>;
  prompt?: string;
  aspectRatio?: string;
};
const inputOf = (job: RawJob) => job.input as unknown as ImageInput;
const promptsOf = (job: RawJob) => ((job.versions.at(-1) as unknown as { prompts?: string[] } | undefined)?.prompts ?? []) as string[];

/**
 * The image commands from the Discord fake and the Slack fake, through the real bots, API and
 * workers: describe (command, message command, shortcut), blend, a generation with reference
 * pictures, and their refusals, which say why before anything is uploaded or queued.
 */
describe("image commands in chat", () => {
  const s = useChatStack();

  beforeAll(async () => {
    // Registered, so the fake answers for its member's client: options and choices as registered.
    await registerCommands({ token: s.discord.token, applicationId: s.discord.applicationId, apiUrl: s.discord.apiUrl });
  });

  const jobOfKey = (key: string, timeoutMs = 20_000) =>
    waitFor(async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey: key })) ?? undefined, timeoutMs, `the job of ${key}`);
  const finished = (jobId: string) => s.finished(jobId, 60_000);
  const discordOriginal = (token: string, marker: (text: string) => boolean, what: string) =>
    waitFor(
      async () => {
        const msg = s.discord.original(token);
        return msg && marker(textOf(msg)) ? msg : undefined;
      },
      60_000,
      what,
    );
  const firstAnswer = (id: string) => firstDiscordAnswer(s, id);
  const nothingMade = (refused: () => Promise<void>) => expectNothingMade(s, refused);
  /** The prompts a describe came to, each shown in its message (as the chat message escapes and cuts them). */
  const showsPrompts = (text: string, prompts: string[]) => prompts.every((p) => text.includes(p.slice(0, 40)));

  describe("Discord", () => {
    it("/describe with an attached picture: a describe of the upload, its 4 prompts in the posted message", async () => {
      const sent = s.discord.slashCommand({
        name: "describe",
        guildId: ACME,
        channelId: GENERAL,
        user: ann,
        attachments: { image: { fileName: "harbour.png", contentType: "image/png", bytes: png(1) } },
      });
      const answer = await firstAnswer(sent.id);
      expect(answer.body?.type).toBe(5);
      const job = await finished((await jobOfKey(`discord:${sent.id}`)).jobId);
      expect(job.status).toBe("completed");
      expect(inputOf(job)).toMatchObject({ operation: "describe", uploadKey: expect.stringMatching(/^temp\//) });
      const prompts = promptsOf(job);
      expect(prompts).toHaveLength(4);
      await discordOriginal(sent.token, (t) => showsPrompts(t, prompts), "the describe's prompts in its message");
    }, 90_000);

    it("Describe this image on a message: its first picture described, replying to it; a message without one is told so privately", async () => {
      const shared = s.discord.userMessage({
        channelId: GENERAL,
        user: ann,
        content: "our new logo",
        files: [
          { fileName: "notes.txt", contentType: "text/plain", bytes: Buffer.from("not a picture") },
          { fileName: "logo.webp", contentType: "image/webp", bytes: await sharp(png(3)).webp().toBuffer() },
          { fileName: "second.png", contentType: "image/png", bytes: png(2) },
        ],
      });
      const sent = s.discord.messageCommand({ name: "Describe this image", guildId: ACME, user: bob, message: shared });
      const job = await finished((await jobOfKey(`discord:${sent.id}`)).jobId);
      expect(job).toMatchObject({ status: "completed", userId: `discord-${bob.id}` });
      expect(job.delivery).toMatchObject({ replyToMessageId: shared.id });
      expect(inputOf(job).uploadKey).toMatch(/logo\.webp$/);
      await discordOriginal(sent.token, (t) => showsPrompts(t, promptsOf(job)), "the prompts, replying to the message");

      const plain = s.discord.userMessage({ channelId: GENERAL, user: ann, content: "words only" });
      await nothingMade(async () => {
        const none = s.discord.messageCommand({ name: "Describe this image", guildId: ACME, user: bob, message: plain });
        expect((await firstAnswer(none.id)).body).toMatchObject({
          type: 4,
          data: { content: "That message has no PNG, JPEG or WebP picture to describe.", flags: 64 },
        });
      });
    }, 90_000);

    it.each([2, 3])(
      "/blend with %i pictures: a blend of the uploads, in order, and its picture posted",
      async (count) => {
        const attachments = Object.fromEntries(
          Array.from({ length: count }, (_, n) => [
            `image${n + 1}`,
            { fileName: `part${n + 1}.png`, contentType: "image/png", bytes: png(10 + n) },
          ]),
        );
        const sent = s.discord.slashCommand({
          name: "blend",
          guildId: ACME,
          channelId: GENERAL,
          user: ann,
          options: { prompt: "the parts as one", aspect: "16:9" },
          attachments,
        });
        const job = await finished((await jobOfKey(`discord:${sent.id}`)).jobId);
        expect(job.status, JSON.stringify(job.error)).toBe("completed");
        const input = inputOf(job);
        expect(input).toMatchObject({ operation: "blend", prompt: "the parts as one", aspectRatio: "16:9" });
        expect(input.sources?.map((p) => p.uploadKey)).toEqual(
          Array.from({ length: count }, (_, n) => expect.stringMatching(new RegExp(`part${n + 1}\\.png$`))),
        );
        await discordOriginal(sent.token, (t) => t.includes("image_1.png"), "the blend's picture");
      },
      90_000,
    );

    it("/generate with a style reference and its weight: a generation on the upload as a style reference", async () => {
      const sent = s.discord.slashCommand({
        name: "generate",
        guildId: ACME,
        channelId: GENERAL,
        user: ann,
        options: { prompt: "a fox in the snow", size: "16:9", "reference-weight": 0.6 },
        attachments: { style: { fileName: "brushwork.png", contentType: "image/png", bytes: png(20) } },
      });
      const job = await finished((await jobOfKey(`discord:${sent.id}`)).jobId);
      expect(job.status, JSON.stringify(job.error)).toBe("completed");
      expect(inputOf(job)).toMatchObject({
        prompt: "a fox in the snow",
        aspectRatio: "16:9",
        references: [{ uploadKey: expect.stringMatching(/brushwork\.png$/), role: "style", weight: 0.6 }],
      });
      await discordOriginal(sent.token, (t) => t.includes("image_1.png"), "the generation's picture");
    }, 90_000);

    it.each([
      [
        "a text file as the picture to describe",
        { name: "describe", attachments: { image: { fileName: "notes.txt", contentType: "text/plain", bytes: Buffer.from("hello") } } },
        /notes\.txt is not a PNG, JPEG or WebP picture \(it is text\/plain\)/,
      ],
      [
        "a picture over the size limit",
        { name: "describe", attachments: { image: { fileName: "huge.png", contentType: "image/png", size: 3 * 1024 * 1024 } } },
        /huge\.png is 3\.0 MB; the limit is 2\.0 MB/,
      ],
      [
        "a blend with a non-image among its pictures",
        {
          name: "blend",
          attachments: {
            image1: { fileName: "a.png", contentType: "image/png", bytes: png(30) },
            image2: { fileName: "song.wav", contentType: "audio/wav", bytes: Buffer.from("RIFF") },
          },
        },
        /song\.wav is not a PNG, JPEG or WebP picture/,
      ],
      [
        "style and subject references together, which no endpoint takes",
        {
          name: "generate",
          options: { prompt: "a fox" },
          attachments: {
            style: { fileName: "s.png", contentType: "image/png", bytes: png(31) },
            subject: { fileName: "fox.png", contentType: "image/png", bytes: png(32) },
          },
        },
        /a style reference runs on FLUX Redux, which takes no other picture.*Nothing was created/,
      ],
      [
        "a reference weight without a reference picture",
        { name: "generate", options: { prompt: "a fox", "reference-weight": 0.5 } },
        /reference-weight goes with a reference picture/,
      ],
    ])(
      "refuses %s to its member alone, uploading and queuing nothing",
      async (_, command, reason) => {
        await nothingMade(async () => {
          const sent = s.discord.slashCommand({ guildId: ACME, channelId: GENERAL, user: ann, ...command });
          const answer = await firstAnswer(sent.id);
          expect(answer.body?.type).toBe(4);
          expect(Number((answer.body?.data as { flags?: number } | undefined)?.flags) & 64).toBe(64);
          expect(textOf(answer.body)).toMatch(reason);
        });
      },
      30_000,
    );

    it("/help lists /describe, /blend and the message command in German", async () => {
      s.discord.userLocales.set(bob.id, "de");
      onTestFinished(() => void s.discord.userLocales.delete(bob.id));
      const sent = s.discord.slashCommand({ name: "help", guildId: ACME, channelId: GENERAL, user: bob, options: {} });
      const text = textOf((await firstAnswer(sent.id)).body);
      expect(text).toContain('"name":"/describe"');
      expect(text).toContain("/blend image1:(file) image2:(file) [image3] [image4] [prompt] [aspect] [private]");
      expect(text).toContain("Vier Prompts, die ein Bild erzeugen würden");
      expect(text).toContain("Apps → Dieses Bild beschreiben");
    }, 30_000);
  });

  describe("Slack", () => {
    const eventsUrl = () => `${s.api.url}/slack/events`;
    function command(name: string, text: string) {
      const triggerId = `${Date.now()}.${randomBytes(4).toString("hex")}`;
      const responseUrl = s.slack.responseUrl(SLACK_GENERAL);
      const body = slashCommandBody({
        command: `/${name}`,
        text,
        teamId: SLACK_TEAM,
        userId: sue,
        channelId: SLACK_GENERAL,
        triggerId,
        responseUrl,
      });
      return { body, triggerId, responseId: responseUrl.split("/").pop() ?? "" };
    }
    async function run(name: string, text: string) {
      const c = command(name, text);
      expect((await postToSlackApp(s, c.body)).status).toBe(200);
      return c;
    }
    const responseMatching = (responseId: string, marker: RegExp) =>
      waitFor(
        async () => s.slack.responses.find((r) => r.id === responseId && marker.test(textOf(r.body))),
        20_000,
        `a response matching ${marker}`,
      );
    const channelMessage = (jobId: string, marker: (text: string) => boolean) =>
      waitFor(
        async () => s.slack.messages(SLACK_GENERAL).find((m) => textOf(m).includes(jobId) && marker(textOf(m))),
        60_000,
        "the job's channel message",
      );
    const shared = (name: string, bytes: Buffer, mimetype = "image/png") =>
      `<${s.slack.addFile({ name, mimetype, bytes, userId: sue })}|${name}>`;

    it("/describe with a Slack file link: a describe of the file, its 4 prompts in the channel", async () => {
      const c = await run("describe", shared("harbour photo.png", png(40)));
      const job = await finished((await jobOfKey(`slack:${c.triggerId}`)).jobId);
      expect(job.status, JSON.stringify(job.error)).toBe("completed");
      expect(inputOf(job)).toMatchObject({ operation: "describe", uploadKey: expect.stringMatching(/harbour_photo\.png$/) });
      await channelMessage(job.jobId, (t) => showsPrompts(t, promptsOf(job)));
    }, 90_000);

    it("the Describe this image shortcut describes the message's picture into its thread; a message without one is told so", async () => {
      const id =
        s.slack
          .addFile({ name: "poster.jpg", mimetype: "image/jpeg", bytes: await bands(240, 320, [[20, 90, 200]], "jpeg"), userId: sue })
          .split("/")[5] ?? "";
      const poster = new WebClient(s.slack.botToken, { slackApiUrl: s.slack.apiUrl });
      const ts = (await poster.chat.postMessage({ channel: SLACK_GENERAL, text: "the poster" })).ts ?? "";
      const shortcut = (files: Array<{ id: string; name: string; mimetype: string }>) =>
        s.slack.shortcut({
          type: "message_action",
          callbackId: "describe_image",
          teamId: SLACK_TEAM,
          userId: sue,
          channelId: SLACK_GENERAL,
          message: { ts, files },
          eventsUrl: eventsUrl(),
        });
      const done = await shortcut([
        { id: "F0NOTES", name: "notes.txt", mimetype: "text/plain" },
        { id, name: "poster.jpg", mimetype: "image/jpeg" },
      ]);
      const job = await finished((await jobOfKey(`slack:${done.triggerId}`)).jobId);
      expect(job.status, JSON.stringify(job.error)).toBe("completed");
      expect(inputOf(job).uploadKey).toMatch(/poster\.jpg$/);
      const message = await channelMessage(job.jobId, (t) => showsPrompts(t, promptsOf(job)));
      expect(message.threadTs).toBe(ts);

      await nothingMade(async () => {
        const none = await shortcut([]);
        await responseMatching(none.responseUrl?.split("/").pop() ?? "", /no PNG, JPEG or WebP picture to describe/);
      });
    }, 90_000);

    it.each([2, 3])(
      "/blend with %i Slack files and a quoted prompt: a blend of the uploads, posted",
      async (count) => {
        const links = Array.from({ length: count }, (_, n) => shared(`slack part ${n + 1}.png`, png(50 + n)));
        const c = await run("blend", `${links.join(" ")} --prompt "the parts, as one" --aspect 4:3`);
        const job = await finished((await jobOfKey(`slack:${c.triggerId}`)).jobId);
        expect(job.status, JSON.stringify(job.error)).toBe("completed");
        const input = inputOf(job);
        expect(input).toMatchObject({ operation: "blend", prompt: "the parts, as one", aspectRatio: "4:3" });
        expect(input.sources?.map((p) => p.uploadKey)).toEqual(
          Array.from({ length: count }, (_, n) => expect.stringMatching(new RegExp(`slack_part_${n + 1}\\.png$`))),
        );
        await channelMessage(job.jobId, (t) => t.includes("image_1.png"));
      },
      90_000,
    );

    it("/generate with --style and --weight: a generation on the Slack file as a style reference", async () => {
      const c = await run("generate", `a lighthouse at dusk --style ${shared("style ref.png", png(60))} --weight 0.6 --size 3:2`);
      const job = await finished((await jobOfKey(`slack:${c.triggerId}`)).jobId);
      expect(job.status, JSON.stringify(job.error)).toBe("completed");
      expect(inputOf(job)).toMatchObject({
        prompt: "a lighthouse at dusk",
        aspectRatio: "3:2",
        references: [{ uploadKey: expect.stringMatching(/style_ref\.png$/), role: "style", weight: 0.6 }],
      });
      await channelMessage(job.jobId, (t) => t.includes("image_1.png"));
    }, 90_000);

    it.each([
      ["a blend of 1 picture", () => `blend ${shared("one.png", png(70))}`, /sources: blend needs at least 2 pictures/],
      [
        "a blend of 5 pictures",
        () => `blend ${[1, 2, 3, 4, 5].map((n) => shared(`five${n}.png`, png(70 + n))).join(" ")}`,
        /sources: blend takes at most 4 pictures: FLUX Kontext multi, which blends them, has 4 image slots/,
      ],
      [
        "a text file to describe",
        () => `describe ${shared("notes.txt", Buffer.from("hello"), "text/plain")}`,
        /notes\.txt is not a PNG, JPEG or WebP picture/,
      ],
      [
        "a picture over the size limit",
        () => `describe ${shared("huge.png", Buffer.alloc(3 * 1024 * 1024))}`,
        /huge\.png is 3\.0 MB; the limit is 2\.0 MB/,
      ],
      [
        "a subject reference with a weight, which its endpoint does not take",
        () => `generate a fox --subject ${shared("fox.png", png(80))} --weight 0.5`,
        /FLUX Kontext multi takes no weight per picture/,
      ],
      ["a reference picture without a prompt", () => `generate --style ${shared("lone.png", png(81))}`, /Give a prompt: what to draw/],
      ["a picture at a private address, which the API will not fetch", () => "describe <http://127.0.0.1/inside.png>", /imageUrl refused/],
    ])(
      "refuses %s to the user alone, uploading and queuing nothing",
      async (_, typed, reason) => {
        await nothingMade(async () => {
          const [name, ...rest] = typed().split(" ");
          const c = await run(name ?? "", rest.join(" "));
          const answer = await responseMatching(c.responseId, reason);
          expect((answer.body as { response_type?: string }).response_type).toBe("ephemeral");
        });
      },
      30_000,
    );

    it("counts a blend's pictures before looking any of them up", async () => {
      const before = s.slack.calls.filter((c) => c.method === "files.info").length;
      const c = await run("blend", [1, 2, 3, 4, 5].map((n) => shared(`counted${n}.png`, png(90 + n))).join(" "));
      await responseMatching(c.responseId, /blend takes at most 4 pictures/);
      expect(s.slack.calls.filter((c) => c.method === "files.info").length).toBe(before);
    }, 30_000);
  });
});
