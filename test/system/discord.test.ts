import { RESTEvents } from "discord.js";
import { zipSync } from "fflate";
import { describe, expect, it, onTestFinished } from "vitest";
import { renderPicture } from "../../infra/fakes/picture.js";
import { type ChatStack, finalDeliveredAt, followLink, recordedDelivered, linksIn, s3Bytes, useChatStack } from "../helpers/chat.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { galleryAs, redeemSignInLink, signInWith } from "../helpers/sign-in.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const RIVALS = "100000000000000002";
const RIVALS_CHANNEL = "200000000000000003";
const ann = { id: "300000000000000001", username: "ann" };
const bob = { id: "300000000000000002", username: "bob" };
const eve = { id: "300000000000000003", username: "eve" };

type Embed = { title?: string; description?: string; image?: { url: string } };
const embedsOf = (msg: Record<string, unknown> | undefined) => (msg?.embeds ?? []) as Embed[];
/** The message as searchable text: JSON without its escapes and Discord's markdown escapes. */
const textOf = (msg: Record<string, unknown> | undefined) =>
  JSON.stringify(msg ?? {})
    .replaceAll("\\\\", "")
    .replaceAll('\\"', '"');

/** The job a slash command or a click made, once the bot has created it. */
async function jobOfInteraction(s: ChatStack, interactionId: string) {
  const [job] = await waitFor(
    async () => {
      const jobs = await rawJobs(s.api.deps)
        .find({ idempotencyKey: `discord:${interactionId}` })
        .toArray();
      return jobs.length ? jobs : undefined;
    },
    20_000,
    `the job of interaction ${interactionId}`,
  );
  if (!job) throw new Error("not reachable");
  return job;
}

describe("Discord bot, inside the interaction window", () => {
  const s = useChatStack();

  const deferralOf = (id: string) =>
    waitFor(async () => s.discord.calls.find((c) => c.path.startsWith(`/interactions/${id}/`) && c.status < 300), 10_000, "the deferral");
  const finalOriginal = (token: string, marker: RegExp, timeoutMs = 60_000) =>
    waitFor(
      async () => {
        const msg = s.discord.original(token);
        return marker.test(textOf(msg)) ? msg : undefined;
      },
      timeoutMs,
      `a reply matching ${marker}`,
    );
  /** An ephemeral refusal: the public placeholder deleted, the reason as an ephemeral follow-up. */
  const refusal = (token: string) =>
    waitFor(
      async () => s.discord.followUps(token).find((m) => (Number((m as { flags?: number }).flags ?? 0) & 64) === 64),
      20_000,
      "an ephemeral refusal",
    );
  const jobsOf = async (filter: Record<string, unknown>) => rawJobs(s.api.deps).find(filter).toArray();

  it("/generate: deferred at once, the reply edited with the image as a Discord-hosted file and a link that serves the PNG in S3", async () => {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a red fox in snow", seed: "7" },
    });
    const deferral = await deferralOf(sent.id);
    expect(deferral.body?.type).toBe(5);
    expect(deferral.at - sent.sentAt).toBeLessThan(3_000);
    const done = await finalOriginal(sent.token, /image_1\.png/);
    const [embed] = embedsOf(done);
    expect(embed?.title).toContain("a red fox in snow");
    expect(embed?.description).toMatch(/image\\_1\.png \\\(\d+ KB\\\)/);
    expect(textOf(done)).toContain('"name":"Seed","value":"7"');
    expect(textOf(done)).toContain("job:rerun:");
    // Embeds show mentions as text: the requester is named in the content, and only they may be pinged.
    expect(done).toMatchObject({ content: `<@${ann.id}>`, allowed_mentions: { parse: [], users: [ann.id] } });
    const [job] = await jobsOf({ idempotencyKey: `discord:${sent.id}` });
    const key = (job?.versions[0] as unknown as { images: Array<{ s3Key: string }> } | undefined)?.images[0]?.s3Key ?? "";
    expect(key).toMatch(/^generated-images\/discord-300000000000000001\/.+\/image_1\.png$/);
    // The picture is a file of the message, shown from Discord's CDN: no public URL of ours needed.
    const stored = await s3Bytes(s, key);
    const attachments = done.attachments as Array<{ filename: string; url: string; size: number }>;
    expect(attachments.map((a) => a.filename)).toEqual(["image_1.png"]);
    expect(embed?.image?.url).toBe(attachments[0]?.url);
    expect(s.discord.attachment(attachments[0]?.url ?? "")?.equals(stored)).toBe(true);
    // The download link in the text still serves the original from S3.
    const link = linksIn(done).find((l) => l.includes("/d/")) ?? "";
    const fetched = await followLink(link);
    expect(fetched.status).toBe(200);
    expect(fetched.bytes.equals(stored)).toBe(true);
    expect(fetched.bytes.subarray(1, 4).toString()).toBe("PNG");
  }, 90_000);

  it("pictures over Discord's file limit go as links instead, and the result still lands", async () => {
    const limit = s.discord.attachmentLimitBytes;
    s.discord.attachmentLimitBytes = 100;
    onTestFinished(() => {
      s.discord.attachmentLimitBytes = limit;
    });
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a fox too large to attach" },
    });
    const done = await finalOriginal(sent.token, /image_1\.png/);
    expect(done.attachments).toEqual([]);
    const tooLarge = s.discord.calls.filter((c) => c.status === 413 && c.path.includes(sent.token));
    expect(tooLarge.length).toBeGreaterThanOrEqual(1);
    const [embed] = embedsOf(done);
    expect(embed?.image?.url).toMatch(/\/d\//);
    expect((await followLink(embed?.image?.url ?? "")).status).toBe(200);
  }, 90_000);

  it("/transcribe with an attached recording: uploaded, transcribed, the transcript attached and quoted, and its link serves its text", async () => {
    s.discord.serveFile("standup.wav", makeWav(3));
    const sent = s.discord.slashCommand({
      name: "transcribe",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      attachments: { file: { fileName: "standup.wav", contentType: "audio/wav" } },
    });
    const done = await finalOriginal(sent.token, /transcript\.txt/);
    const txtLink = linksIn(done).find((l) => /\/d\//.test(l) && textOf(done).includes("transcript.txt"));
    expect(txtLink).toBeDefined();
    const [job] = await jobsOf({ idempotencyKey: `discord:${sent.id}` });
    const keys = (job?.versions[0] as unknown as { s3Keys: { text: string } } | undefined)?.s3Keys;
    const links = linksIn(done);
    const texts = await Promise.all(links.map(followLink));
    const stored = await s3Bytes(s, keys?.text ?? "");
    expect(texts.some((t) => t.status === 200 && t.bytes.equals(stored))).toBe(true);
    expect(stored.length).toBeGreaterThan(0);
    // The transcript also rides with the message as a file, and the message quotes its first words.
    const attachments = done.attachments as Array<{ filename: string; url: string }>;
    const txt = attachments.find((a) => a.filename === "transcript.txt");
    expect(s.discord.attachment(txt?.url ?? "")?.equals(stored)).toBe(true);
    const firstWords = stored.toString("utf8").replace(/\s+/g, " ").trim().split(" ").slice(0, 3).join(" ");
    expect(embedsOf(done)[0]?.description).toContain(`“${firstWords}`);
  }, 90_000);

  it("a teammate sees the shared job in /assets; another server does not", async () => {
    const mine = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a lighthouse at dusk" },
    });
    await finalOriginal(mine.token, /image_1\.png/);
    const [job] = await jobsOf({ idempotencyKey: `discord:${mine.id}` });

    const teammate = s.discord.slashCommand({ name: "assets", guildId: ACME, channelId: GENERAL, user: bob, options: { type: "images" } });
    const listing = await finalOriginal(teammate.token, /image_1\.png/, 20_000);
    expect((listing as { flags?: number }).flags ?? 0).toBe(64);
    expect(textOf(listing)).toContain("a lighthouse at dusk");

    const stranger = s.discord.slashCommand({
      name: "assets",
      guildId: RIVALS,
      channelId: RIVALS_CHANNEL,
      user: eve,
      options: { type: "images" },
    });
    const empty = await finalOriginal(stranger.token, /No images yet/, 20_000);
    expect(textOf(empty)).not.toContain(job?.jobId ?? "none");
  }, 90_000);

  it("delete pressed by someone who is not the owner is refused ephemerally and deletes nothing; the owner's works", async () => {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a paper boat" },
    });
    const result = await finalOriginal(sent.token, /image_1\.png/);
    const [job] = await jobsOf({ idempotencyKey: `discord:${sent.id}` });
    const jobId = job?.jobId ?? "";
    const [link] = linksIn(result);
    expect((await followLink(link ?? "")).status).toBe(200);

    const click = s.discord.clickButton({
      message: structuredClone(result) as never,
      customId: `job:delete:${jobId}`,
      user: bob,
      guildId: ACME,
    });
    const refused = await finalOriginal(click.token, /Not allowed/, 20_000);
    expect((refused as { flags?: number }).flags).toBe(64);
    expect(textOf(refused)).toContain("only the job's owner can delete it");
    expect((await s.api.deps.jobs.get(jobId))?.deletedAt ?? null).toBeNull();

    const own = s.discord.clickButton({
      message: structuredClone(result) as never,
      customId: `job:delete:${jobId}`,
      user: ann,
      guildId: ACME,
    });
    await finalOriginal(own.token, /Deleted job/, 20_000);
    expect((await s.api.deps.jobs.get(jobId))?.deletedAt).toBeInstanceOf(Date);
    // The result message itself now says so, and its links answer 410.
    const edited = await finalOriginal(sent.token, /Deleted/, 20_000);
    expect(textOf(edited)).not.toContain("job:delete:");
    expect((await fetch(link ?? "", { redirect: "manual" })).status).toBe(410);
  }, 90_000);

  it("a private /generate is deferred ephemerally, stays out of the teammates' /assets, and its result edits the ephemeral reply", async () => {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "my secret sketch", private: true },
    });
    const deferral = await deferralOf(sent.id);
    expect((deferral.body?.data as { flags?: number } | undefined)?.flags).toBe(64);
    const done = await finalOriginal(sent.token, /image_1\.png/);
    expect((done as { flags?: number }).flags).toBe(64);
    expect((done as { content?: string }).content ?? "").toBe("");
    expect(s.discord.channelMessages(GENERAL).some((m) => textOf(m).includes("my secret sketch"))).toBe(false);
    const teammate = s.discord.slashCommand({
      name: "assets",
      guildId: ACME,
      channelId: GENERAL,
      user: bob,
      options: { search: "secret" },
    });
    const listing = await finalOriginal(teammate.token, /Assets matching/, 20_000);
    expect(textOf(listing)).toContain("Nothing matches");
  }, 90_000);

  it("the same interaction delivered twice makes one job", async () => {
    // What the bot heard back from Discord for each delivery's deferral: its handling of a
    // delivery turns on that answer (a refused deferral ends it before any API call).
    const answers: Array<{ path: string; status: number }> = [];
    const onResponse = (request: { path: string }, response: { status: number }) =>
      void answers.push({ path: request.path, status: response.status });
    s.bot.client.rest.on(RESTEvents.Response, onResponse);
    try {
      const first = s.discord.slashCommand({
        name: "generate",
        guildId: ACME,
        channelId: GENERAL,
        user: ann,
        options: { prompt: "twice told" },
      });
      s.discord.slashCommand({
        name: "generate",
        guildId: ACME,
        channelId: GENERAL,
        user: ann,
        options: { prompt: "twice told" },
        id: first.id,
      });
      const isCallback = (path: string) => path.startsWith(`/interactions/${first.id}/`) && path.endsWith("/callback");
      // Both deferrals answered, as the bot received them: one acknowledged, the repeat refused
      // as already acknowledged.
      const deferrals = await waitFor(
        () => {
          const seen = answers.filter((a) => isCallback(a.path));
          return seen.length === 2 ? seen : undefined;
        },
        20_000,
        "both deliveries' deferrals answered",
      );
      expect(deferrals.filter((a) => a.status < 300)).toHaveLength(1);
      expect(deferrals.filter((a) => a.status === 400)).toHaveLength(1);
      // The acknowledged delivery's API call made the job, and its result came back.
      await finalOriginal(first.token, /image_1\.png/);
      expect(s.discord.calls.filter((c) => isCallback(c.path))).toHaveLength(2);
      expect(await jobsOf({ "input.prompt": "twice told" })).toHaveLength(1);
    } finally {
      s.bot.client.rest.off(RESTEvents.Response, onResponse);
    }
  }, 90_000);

  it.each([
    ["a prompt over the limit", { prompt: "x".repeat(2001) }, /at most 2000 characters/],
    ["an unknown LoRA", { prompt: "a cat", lora: "nosuchlora" }, /no trained LoRA called "nosuchlora"/],
  ])(
    "%s gets an ephemeral explanation and creates nothing",
    async (_what, options, reason) => {
      const before = await rawJobs(s.api.deps).countDocuments({});
      const sent = s.discord.slashCommand({ name: "generate", guildId: ACME, channelId: GENERAL, user: ann, options });
      const msg = await refusal(sent.token);
      expect(textOf(msg)).toMatch(reason);
      expect(s.discord.original(sent.token)).toBeUndefined();
      expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
    },
    30_000,
  );

  it("a link that is not audio is refused before anything is made", async () => {
    const before = await rawJobs(s.api.deps).countDocuments({});
    const sent = s.discord.slashCommand({
      name: "transcribe",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { url: "https://example.com/about.html" },
    });
    expect(textOf(await refusal(sent.token))).toMatch(/not audio or video/);
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
  }, 30_000);

  it("an attachment over the size limit and a command while the API is down are refused ephemerally, creating nothing", async () => {
    const before = await rawJobs(s.api.deps).countDocuments({});
    s.discord.serveFile("long.wav", makeWav(70));
    const big = s.discord.slashCommand({
      name: "transcribe",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      attachments: { file: { fileName: "long.wav", contentType: "audio/wav" } },
    });
    expect(textOf(await refusal(big.token))).toMatch(/the limit is 2\.0 MB/);
    s.apiDown.on = true;
    try {
      const down = s.discord.slashCommand({
        name: "generate",
        guildId: ACME,
        channelId: GENERAL,
        user: ann,
        options: { prompt: "while it is down" },
      });
      expect(textOf(await refusal(down.token))).toMatch(/not reachable.*Nothing was created/);
    } finally {
      s.apiDown.on = false;
    }
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
  }, 30_000);

  it("with the API taking 5 s per call the deferral still arrives within 1 s, and the slow call then completes", async () => {
    s.apiDelay.ms = 5_000;
    try {
      const sent = s.discord.slashCommand({
        name: "generate",
        guildId: ACME,
        channelId: GENERAL,
        user: ann,
        options: { prompt: "slow day" },
      });
      const deferral = await deferralOf(sent.id);
      expect(deferral.at - sent.sentAt).toBeLessThan(1_000);
      const done = await finalOriginal(sent.token, /image_1\.png/);
      expect(textOf(done)).toContain("slow day");
    } finally {
      s.apiDelay.ms = 0;
    }
  }, 90_000);

  it("rerun makes a new job of the clicker's with a new seed, answered in the click's own reply", async () => {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a blue kite", seed: "1" },
    });
    const result = await finalOriginal(sent.token, /image_1\.png/);
    const [original] = await jobsOf({ idempotencyKey: `discord:${sent.id}` });
    const click = s.discord.clickButton({
      message: result as never,
      customId: `job:variations:${original?.jobId}`,
      user: bob,
      guildId: ACME,
    });
    const rerun = await finalOriginal(click.token, /image_4\.png/);
    const [job] = await jobsOf({ idempotencyKey: `discord:${click.id}` });
    expect(job?.userId).toBe("discord-300000000000000002");
    expect(job?.input?.count).toBe(4);
    expect(job?.input?.seed).not.toBe("1");
    expect(embedsOf(rerun)).toHaveLength(4);
  }, 90_000);

  it("a picture's Upscale button makes the clicker's upscale of that picture, twice the size, in the click's own reply; an upscale offers no upscale or rerun", async () => {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "two green kites", count: 2, size: "square" },
    });
    const result = await finalOriginal(sent.token, /image_2\.png/);
    const rows = (result.components as Array<{ components: Array<{ custom_id: string; label?: string; placeholder?: string }> }>).map((r) =>
      r.components.map((b) => b.label ?? b.placeholder),
    );
    expect(rows).toEqual([
      ["U1", "U2"],
      ["V1", "V2"],
      ["More for picture 1 or 2…"],
      ["Rerun, new seed", "4 variations", "Edit prompt & rerun", "Send to DM", "Delete"],
    ]);
    const [original] = await jobsOf({ idempotencyKey: `discord:${sent.id}` });
    const click = s.discord.clickButton({
      message: result as never,
      customId: `job:upscale:${original?.jobId}:2`,
      user: bob,
      guildId: ACME,
    });
    const upscaled = await finalOriginal(click.token, /image_1\.png/);
    const job = await jobOfInteraction(s, click.id);
    expect(job).toMatchObject({
      userId: "discord-300000000000000002",
      parentJobId: original?.jobId,
      parentImage: 2,
      input: { operation: "upscale" },
    });
    const done = await waitFor(
      async () => {
        const j = await s.api.deps.jobs.get(job.jobId);
        return j?.status === "completed" ? j : undefined;
      },
      30_000,
      "the upscale",
    );
    const sizeOf = (j: typeof done | undefined, n: number) =>
      (j?.versions.at(-1) as { images: Array<{ width: number; height: number }> } | undefined)?.images[n - 1];
    expect(sizeOf(done, 1)).toMatchObject({ width: (sizeOf(original, 2)?.width ?? 0) * 2, height: (sizeOf(original, 2)?.height ?? 0) * 2 });
    const labels = (upscaled.components as Array<{ components: Array<{ label: string }> }>).flatMap((r) =>
      r.components.map((b) => b.label),
    );
    expect(labels).toEqual([
      "Vary (Strong)",
      "Vary (Subtle)",
      "Vary (Region)",
      "Edit",
      "Zoom Out 2×",
      "Zoom Out 1.5×",
      "Custom Zoom",
      "⬅",
      "➡",
      "⬆",
      "⬇",
      "Animate (Low motion)",
      "Animate (High motion)",
      "Send to DM",
      "Delete",
    ]);
  }, 90_000);

  it("Edit opens a modal asking what to change; its submit makes the clicker's Kontext edit of that picture, answered in the submit's own reply", async () => {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a harbour at noon", size: "square" },
    });
    const result = await finalOriginal(sent.token, /image_1\.png/);
    const [original] = await jobsOf({ idempotencyKey: `discord:${sent.id}` });
    const labels = (result.components as Array<{ components: Array<{ label: string }> }>).map((r) => r.components.map((b) => b.label));
    expect(labels[0]).toEqual(["Upscale", "Vary (Strong)", "Vary (Subtle)", "Vary (Region)", "Edit"]);
    const modalId = `edit:${original?.jobId}:1`;
    const click = s.discord.clickButton({ message: result as never, customId: `job:edit:${original?.jobId}:1`, user: bob, guildId: ACME });
    const modal = await waitFor(async () => s.discord.shownModal(bob.id, modalId), 10_000, "the modal");
    expect(modal).toMatchObject({ title: "Edit picture 1" });
    // The modal was the click's first and only answer: no deferral before it.
    expect(s.discord.calls.filter((c) => c.path.startsWith(`/interactions/${click.id}/`)).map((c) => c.body?.type)).toEqual([9]);
    // Discord's client sends no empty instruction.
    expect(() => s.discord.submitModal({ user: bob, customId: modalId, values: { instruction: "" } })).toThrow(/would not submit/);
    const submit = s.discord.submitModal({ user: bob, customId: modalId, values: { instruction: "make it night" } });
    const edited = await finalOriginal(submit.token, /image_1\.png/);
    const job = await jobOfInteraction(s, submit.id);
    expect(job).toMatchObject({
      userId: "discord-300000000000000002",
      parentJobId: original?.jobId,
      parentImage: 1,
      input: { operation: "edit", prompt: "make it night" },
    });
    expect(textOf(edited)).toContain("make it night");
    expect(s.discord.shownModal(bob.id, modalId)).toBeUndefined();
  }, 90_000);

  /** `/gallery` as `user` runs it: the ephemeral reply, once it holds a sign-in link, and that link as its link button has it. */
  async function galleryLink(user: { id: string; username: string }, guildId = ACME, channelId = GENERAL) {
    const sent = s.discord.slashCommand({ name: "gallery", guildId, channelId, user, options: {} });
    const deferral = await deferralOf(sent.id);
    // Ephemeral from the first answer: the link cannot pass through a public placeholder.
    expect(deferral.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const reply = await finalOriginal(sent.token, /sign-in\?token=/, 20_000);
    expect(Number((reply as { flags?: number }).flags ?? 0) & 64).toBe(64);
    const buttons = (
      reply.components as Array<{ components: Array<{ style: number; label: string; url?: string; custom_id?: string }> }>
    ).flatMap((r) => r.components);
    expect(buttons).toHaveLength(1);
    const [button] = buttons;
    expect(button).toMatchObject({ style: 5, url: expect.any(String) });
    expect(button?.custom_id).toBeUndefined();
    return { sent, reply, button: button as { style: number; label: string; url: string } };
  }

  it("/gallery answers only the asker with a one-time sign-in link on PUBLIC_URL that signs that member of that server in once; two members get different links", async () => {
    const mine = await galleryLink(ann);
    expect(mine.button.label).toBe("Open the gallery");
    expect(embedsOf(mine.reply)[0]?.title).toBe("Your sign-in link to the gallery");
    expect(textOf(mine.reply)).toContain("It works once, for the next ten minutes.");
    const link = new URL(mine.button.url);
    expect(link.origin).toBe(new URL(s.api.deps.config.publicUrl ?? "").origin);
    expect(link.pathname).toBe("/app/sign-in");
    const token = link.searchParams.get("token") ?? "";
    expect(token.length).toBeGreaterThanOrEqual(32);
    // The token went nowhere but the interaction's own ephemeral answer: no channel message, no follow-up.
    const carriers = s.discord.calls.filter((c) => JSON.stringify(c.body ?? {}).includes(token));
    expect(carriers.length).toBeGreaterThan(0);
    expect(carriers.every((c) => c.path === `/webhooks/${s.discord.applicationId}/${mine.sent.token}/messages/@original`)).toBe(true);
    expect(s.discord.followUps(mine.sent.token)).toEqual([]);
    expect(s.discord.channelMessages(GENERAL).some((m) => textOf(m).includes(token))).toBe(false);

    // Opening the link shows what it does and does not use it up; Continue signs ann in, in Acme.
    const opened = await fetch(mine.button.url);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("discord-300000000000000001");
    const first = await redeemSignInLink(mine.button.url, s.api.url);
    expect(first.status).toBe(303);
    expect(first.cookie).toMatch(/=.{20,}/);
    const page = await galleryAs(first.cookie, s.api.url);
    expect(page.status).toBe(200);
    expect(page.header).toContain("discord-300000000000000001");
    expect(page.header).toContain("discord-100000000000000001");
    expect(page.header).not.toContain("discord-300000000000000002");
    // Once only.
    expect((await redeemSignInLink(mine.button.url, s.api.url)).status).toBe(410);

    const bobs = await galleryLink(bob);
    expect(bobs.button.url).not.toBe(mine.button.url);
    const bobPage = await signInWith(bobs.button.url, s.api.url);
    expect(bobPage.header).toContain("discord-300000000000000002");
    expect(bobPage.header).not.toContain("discord-300000000000000001");

    // Another server's member lands in that server's gallery.
    const eves = await galleryLink(eve, RIVALS, RIVALS_CHANNEL);
    const evePage = await signInWith(eves.button.url, s.api.url);
    expect(evePage.header).toContain("discord-300000000000000003");
    expect(evePage.header).toContain("discord-100000000000000002");
    expect(evePage.html).not.toContain("discord-100000000000000001");
  }, 60_000);

  it("/gallery in a German or French client says so in that language", async () => {
    const cases = [
      {
        user: { id: "300000000000000091", username: "jonas" },
        locale: "de",
        title: "Dein Anmeldelink für die Galerie",
        line: "Er funktioniert einmal, in den nächsten zehn Minuten.",
        button: "Galerie öffnen",
      },
      {
        user: { id: "300000000000000092", username: "jeanne" },
        locale: "fr",
        title: "Votre lien de connexion à la galerie",
        line: "Il fonctionne une seule fois, dans les dix prochaines minutes.",
        button: "Ouvrir la galerie",
      },
    ];
    for (const c of cases) {
      s.discord.userLocales.set(c.user.id, c.locale);
      onTestFinished(() => void s.discord.userLocales.delete(c.user.id));
      const { reply, button } = await galleryLink(c.user);
      expect(embedsOf(reply)[0]?.title, c.locale).toBe(c.title);
      expect(embedsOf(reply)[0]?.description, c.locale).toContain(c.line);
      expect(button.label, c.locale).toBe(c.button);
      const signedIn = await redeemSignInLink(button.url, s.api.url);
      expect(signedIn.status, c.locale).toBe(303);
      expect((await galleryAs(signedIn.cookie, s.api.url)).header, c.locale).toContain(`discord-${c.user.id}`);
    }
  }, 60_000);

  it("/help lists every registered command with its options read off its definition, and examples, only to the asker", async () => {
    const sent = s.discord.slashCommand({ name: "help", guildId: ACME, channelId: GENERAL, user: ann, options: {} });
    const answer = await waitFor(
      async () => s.discord.calls.find((c) => c.path.startsWith(`/interactions/${sent.id}/`) && c.status < 300),
      10_000,
      "the answer",
    );
    const data = answer.body?.data as Record<string, unknown>;
    expect(answer.body?.type).toBe(4);
    expect(Number(data.flags) & 64).toBe(64);
    const text = textOf(data);
    for (const name of ["generate", "transcribe", "train", "jobs", "assets", "usage", "settings", "gallery", "help"])
      expect(text).toContain(`"name":"/${name}"`);
    expect(text).toContain("/generate [prompt] [size] [count] [seed] [lora] [model] [private]");
    expect(text).toContain("/train name:… [images] [video] [private]");
    expect(text).toContain("e.g. /generate prompt:a lighthouse in fog");
  }, 30_000);

  it("/generate with no prompt opens the form; its submit takes an aspect ratio, a count and a seed; a size it cannot make is refused to the submitter", async () => {
    const sent = s.discord.slashCommand({ name: "generate", guildId: ACME, channelId: GENERAL, user: ann, options: {} });
    const modal = await waitFor(async () => s.discord.shownModal(ann.id, "generate"), 10_000, "the form");
    expect(modal).toMatchObject({ title: "Generate images" });
    expect((modal.components as unknown[]).length).toBe(5);
    expect(s.discord.calls.filter((c) => c.path.startsWith(`/interactions/${sent.id}/`)).map((c) => c.body?.type)).toEqual([9]);
    const submit = s.discord.submitModal({
      user: ann,
      customId: "generate",
      values: { prompt: "a wide beach", size: "16:9", count: "2", seed: "42", lora: "" },
    });
    await finalOriginal(submit.token, /image_2\.png/);
    const job = await jobOfInteraction(s, submit.id);
    expect(job.input).toMatchObject({ prompt: "a wide beach", width: 1344, height: 768, count: 2, seed: "42" });

    s.discord.slashCommand({ name: "generate", guildId: ACME, channelId: GENERAL, user: ann, options: {} });
    await waitFor(async () => s.discord.shownModal(ann.id, "generate"), 10_000, "the form again");
    const bad = s.discord.submitModal({ user: ann, customId: "generate", values: { prompt: "a narrow beach", size: "13x7" } });
    const told = await refusal(bad.token);
    expect(textOf(told)).toContain("multiples of 8");
    expect(await jobsOf({ "input.prompt": "a narrow beach" })).toHaveLength(0);
  }, 90_000);

  it("Edit prompt & rerun opens the form prefilled from the result; its submit is the clicker's new job, replying to the original", async () => {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a paper crane", size: "square", count: 2 },
    });
    const result = await finalOriginal(sent.token, /image_2\.png/);
    // Both pictures show in the member's client, each from its file on Discord's CDN.
    const seen = s.discord.seen(result).pictures;
    expect(seen).toHaveLength(2);
    expect(seen.map((url) => s.discord.attachment(url)?.length)).toEqual([expect.any(Number), expect.any(Number)]);
    const [original] = await jobsOf({ idempotencyKey: `discord:${sent.id}` });
    s.discord.clickButton({ message: result as never, customId: `job:remix:${original?.jobId}`, user: bob, guildId: ACME });
    const modal = await waitFor(async () => s.discord.shownModal(bob.id, `remix:${original?.jobId}`), 10_000, "the form");
    const prefilled = Object.fromEntries(
      (modal.components as Array<{ components: Array<{ custom_id: string; value?: string }> }>).map((r) => [
        r.components[0]?.custom_id,
        r.components[0]?.value,
      ]),
    );
    expect(prefilled).toMatchObject({ prompt: "a paper crane", size: "square", count: "2" });
    const submit = s.discord.submitModal({
      user: bob,
      customId: `remix:${original?.jobId}`,
      values: { prompt: "a paper crane at night", size: "square", count: "1", seed: "", lora: "" },
    });
    await finalOriginal(submit.token, /image_1\.png/);
    const job = await jobOfInteraction(s, submit.id);
    expect(job).toMatchObject({
      userId: "discord-300000000000000002",
      input: { prompt: "a paper crane at night", imageSize: "square", count: 1 },
    });
    expect(job.delivery).toMatchObject({ replyToMessageId: result.id });
  }, 90_000);

  it("Share to channel posts a private result publicly, crediting its author, and shares the job; Send to DM copies a shared one to the clicker's DMs without buttons", async () => {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a secret garden", private: true },
    });
    const privateResult = await finalOriginal(sent.token, /image_1\.png/);
    expect(Number(privateResult.flags) & 64).toBe(64);
    expect(textOf(privateResult)).toContain("Share to channel");
    const [job] = await jobsOf({ idempotencyKey: `discord:${sent.id}` });
    const share = s.discord.clickButton({ message: privateResult as never, customId: `job:share:${job?.jobId}`, user: ann, guildId: ACME });
    const shared = await finalOriginal(share.token, /Shared to the channel by its author/);
    expect(Number(shared.flags ?? 0) & 64).toBe(0);
    expect(shared.content).toBe(`<@${ann.id}>`);
    expect(textOf(shared)).toContain(job?.jobId ?? "none");
    expect((await s.apiAs("discord", ACME, bob.id).jobs.get.query({ jobId: job?.jobId ?? "" })).visibility).toBe("workspace");

    const dm = s.discord.clickButton({ message: shared as never, customId: `job:dm:${job?.jobId}`, user: bob, guildId: ACME });
    const copy = await waitFor(
      async () => s.discord.channelMessages(`dm${bob.id}`).find((m) => textOf(m).includes(job?.jobId ?? "none")),
      20_000,
      "the DM",
    );
    expect(copy.components).toEqual([]);
    const told = await finalOriginal(dm.token, /in your DMs/);
    expect(Number(told.flags) & 64).toBe(64);
  }, 90_000);

  it("Transcribe on a message's context menu transcribes its recording for the channel, replying to it; a message without one is told so privately", async () => {
    const recording = s.discord.userMessage({
      channelId: GENERAL,
      user: ann,
      content: "standup notes",
      files: [{ fileName: "standup.wav", contentType: "audio/wav", bytes: makeWav(2) }],
    });
    const sent = s.discord.messageCommand({ name: "Transcribe", guildId: ACME, user: bob, message: recording });
    const result = await finalOriginal(sent.token, /transcript\.txt/);
    const job = await jobOfInteraction(s, sent.id);
    expect(job).toMatchObject({ type: "transcription", userId: "discord-300000000000000002" });
    expect(job.delivery).toMatchObject({ replyToMessageId: recording.id });
    expect(textOf(result)).toContain(job.jobId);

    const plain = s.discord.userMessage({ channelId: GENERAL, user: ann, content: "no files here" });
    const none = s.discord.messageCommand({ name: "Transcribe", guildId: ACME, user: bob, message: plain });
    const answer = await waitFor(
      async () => s.discord.calls.find((c) => c.path.startsWith(`/interactions/${none.id}/`) && c.status < 300),
      10_000,
      "the answer",
    );
    expect(answer.body).toMatchObject({ type: 4, data: { content: "That message has no audio or video file to transcribe.", flags: 64 } });
  }, 90_000);

  it("/settings: a member without Manage Server is refused; an admin's channel defaults apply to the next /generate there, the cap refuses more, and training can be kept to admins", async () => {
    // eve may view and send, nothing more.
    s.discord.memberPermissions.set(eve.id, "3072");
    onTestFinished(() => void s.discord.memberPermissions.delete(eve.id));
    const CHANNEL = "200000000000000002";
    const refused = s.discord.slashCommand({
      name: "settings",
      guildId: ACME,
      channelId: CHANNEL,
      user: eve,
      options: { set: { scope: "channel", size: "square" } },
    });
    expect(textOf(await finalOriginal(refused.token, /admins/))).toContain("only the server's or team's admins can change its settings");

    const set = s.discord.slashCommand({
      name: "settings",
      guildId: ACME,
      channelId: CHANNEL,
      user: ann,
      options: { set: { scope: "channel", size: "landscape_16_9", "max-images": 2, training: "admins" } },
    });
    const shown = await finalOriginal(set.token, /Settings here/);
    expect(textOf(shown)).toContain("landscape_16_9 (this channel)");
    const made = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: CHANNEL,
      user: eve,
      options: { prompt: "a wide harbour" },
    });
    const job = await jobOfInteraction(s, made.id);
    expect(job.input).toMatchObject({ imageSize: "landscape_16_9" });
    const many = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: CHANNEL,
      user: eve,
      options: { prompt: "three harbours", count: 3 },
    });
    expect(textOf(await refusal(many.token))).toContain("at most 2 images per request");
    // Training here is for admins: eve, a member, is refused.
    const faces: Record<string, Uint8Array> = {};
    for (let i = 0; i < 4; i++) faces[`pic${i}.png`] = new Uint8Array(renderPicture(`face ${i}`, i, 64, 64));
    s.discord.serveFile("eve-faces.zip", Buffer.from(zipSync(faces)));
    const train = s.discord.slashCommand({
      name: "train",
      guildId: ACME,
      channelId: CHANNEL,
      user: eve,
      options: { name: "evestyle" },
      attachments: { images: { fileName: "eve-faces.zip", contentType: "application/zip" } },
    });
    expect(textOf(await refusal(train.token))).toContain("only the server's or team's admins may train");
    // Elsewhere in the server nothing changed.
    const other = s.discord.slashCommand({ name: "settings", guildId: ACME, channelId: GENERAL, user: eve, options: { show: {} } });
    expect(textOf(await finalOriginal(other.token, /Settings here/))).toContain('"name":"Default size","value":"not set"');
  }, 90_000);

  it("/settings set model: the channel's default model runs the next /generate there and the result names it; model:… on the command or in the form overrides it", async () => {
    const CHANNEL = "200000000000000002";
    const set = s.discord.slashCommand({
      name: "settings",
      guildId: ACME,
      channelId: CHANNEL,
      user: ann,
      options: { set: { scope: "channel", model: "flux-schnell" } },
    });
    expect(textOf(await finalOriginal(set.token, /Settings here/))).toContain(
      '"name":"Default model","value":"flux-schnell (this channel)"',
    );
    onTestFinished(async () => {
      await s.apiAs("discord", ACME, ann.id, true).settings.set.mutate({ channelId: CHANNEL, model: null });
    });
    const defaulted = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: CHANNEL,
      user: bob,
      options: { prompt: "a quick harbour" },
    });
    const fast = await finalOriginal(defaulted.token, /image_1\.png/);
    expect(textOf(fast)).toContain('"name":"Model","value":"FLUX.1 [schnell]"');
    expect((await jobOfInteraction(s, defaulted.id)).input).toMatchObject({ model: "flux-schnell" });
    const chosen = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: CHANNEL,
      user: bob,
      options: { prompt: "a careful harbour", model: "flux-dev" },
    });
    expect(textOf(await finalOriginal(chosen.token, /image_1\.png/))).toContain('"name":"Model","value":"FLUX.1 [dev]"');
    expect((await jobOfInteraction(s, chosen.id)).input).toMatchObject({ model: "flux-dev" });
    // The form's last field takes a model's name (a LoRA's trigger word otherwise).
    s.discord.slashCommand({ name: "generate", guildId: ACME, channelId: CHANNEL, user: bob, options: {} });
    const modal = await waitFor(async () => s.discord.shownModal(bob.id, "generate"), 10_000, "the form");
    expect(textOf(modal)).toContain("Model, or LoRA trigger word:strength");
    const submit = s.discord.submitModal({
      user: bob,
      customId: "generate",
      values: { prompt: "a formal harbour", size: "", count: "", seed: "", lora: "flux-pro" },
    });
    expect((await jobOfInteraction(s, submit.id)).input).toMatchObject({ model: "flux-pro" });
    await finalOriginal(submit.token, /FLUX1\.1 \[pro\]/);
  }, 90_000);

  it("a job's messages are in its requester's language: a German client gets the progress, result and buttons in German", async () => {
    const klaus = { id: "300000000000000077", username: "klaus" };
    s.discord.userLocales.set(klaus.id, "de");
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: klaus,
      options: { prompt: "ein Leuchtturm im Nebel" },
    });
    const result = await finalOriginal(sent.token, /image_1\.png/);
    expect(textOf(result)).toContain("Bildgenerierung: ein Leuchtturm im Nebel");
    expect(textOf(result)).toContain("1 Bild fertig.");
    const labels = (result.components as Array<{ components: Array<{ label: string }> }>).flatMap((r) => r.components.map((b) => b.label));
    expect(labels).toEqual(
      expect.arrayContaining(["Hochskalieren", "Variieren (stark)", "Bereich variieren", "Herauszoomen 2×", "Bearbeiten", "Löschen"]),
    );
    const job = await jobOfInteraction(s, sent.id);
    expect(job.delivery).toMatchObject({ locale: "de" });
  }, 90_000);

  it("a German and a French client get a refusal, /help, /jobs, /settings show, a result and the generate form in their language; an unknown language reads English", async () => {
    const cases = [
      {
        user: { id: "300000000000000081", username: "jeanne" },
        locale: "fr",
        refusal: ["Non autorisé", "Le service répond : « only the server's or team's admins can change its settings »"],
        help: ["Ce que je sais faire", "Générer des images à partir d'un prompt", "p. ex. /generate prompt:un phare"],
        result: ["Génération d'images: un phare", "1 image prête.", "Agrandir", "Retoucher"],
        jobs: ["Vos tâches récentes", "terminée"],
        settings: ["Réglages ici", '"name":"Taille par défaut","value":"non défini"'],
        form: ["Générer des images", "Modèle, ou LoRA mot:intensité"],
      },
      {
        user: { id: "300000000000000082", username: "jonas" },
        locale: "de",
        refusal: ["Nicht erlaubt", "Der Dienst sagt: „only the server's or team's admins can change its settings“"],
        help: ["Was ich kann", "Bilder aus einem Prompt erzeugen", "z. B. /generate prompt:ein Leuchtturm"],
        result: ["Bildgenerierung: ein Leuchtturm", "1 Bild fertig.", "Hochskalieren", "Bearbeiten"],
        jobs: ["Deine letzten Aufträge", "fertig"],
        settings: ["Einstellungen hier", '"name":"Standardgröße","value":"nicht gesetzt"'],
        form: ["Bilder erzeugen", "Modell, oder LoRA-Triggerwort:Stärke"],
      },
      {
        // Portuguese is not one of the bots' languages.
        user: { id: "300000000000000083", username: "joao" },
        locale: "pt-BR",
        refusal: ["Not allowed", "only the server's or team's admins can change its settings."],
        help: ["What I can do", "Generate images from a prompt", "e.g. /generate prompt:a lighthouse"],
        result: ["Image generation: um farol", "1 image ready.", "Upscale", "Edit"],
        jobs: ["Your recent jobs", "completed"],
        settings: ["Settings here", '"name":"Default size","value":"not set"'],
        form: ["Generate images", "Model, or LoRA trigger word:strength"],
      },
    ];
    // The server's default channel, where no test sets anything.
    const CHANNEL = GENERAL;
    for (const c of cases) {
      s.discord.userLocales.set(c.user.id, c.locale);
      // A member: viewing and sending, not Manage Server.
      s.discord.memberPermissions.set(c.user.id, "3072");
      onTestFinished(() => {
        s.discord.userLocales.delete(c.user.id);
        s.discord.memberPermissions.delete(c.user.id);
      });
      const refused = s.discord.slashCommand({
        name: "settings",
        guildId: ACME,
        channelId: CHANNEL,
        user: c.user,
        options: { set: { scope: "channel", size: "square" } },
      });
      const refusalText = textOf(await finalOriginal(refused.token, new RegExp(c.refusal[0] ?? "")));
      for (const part of c.refusal) expect(refusalText, c.locale).toContain(part);

      const help = s.discord.slashCommand({ name: "help", guildId: ACME, channelId: CHANNEL, user: c.user, options: {} });
      const helpAnswer = await waitFor(
        async () => s.discord.calls.find((call) => call.path.startsWith(`/interactions/${help.id}/`) && call.status < 300),
        10_000,
        "the help",
      );
      for (const part of c.help) expect(textOf(helpAnswer.body?.data as Record<string, unknown>), c.locale).toContain(part);

      const prompt = c.locale === "fr" ? "un phare" : c.locale === "de" ? "ein Leuchtturm" : "um farol";
      const made = s.discord.slashCommand({ name: "generate", guildId: ACME, channelId: CHANNEL, user: c.user, options: { prompt } });
      const result = textOf(await finalOriginal(made.token, /image_1\.png/));
      for (const part of c.result) expect(result, c.locale).toContain(part);

      const jobs = s.discord.slashCommand({ name: "jobs", guildId: ACME, channelId: CHANNEL, user: c.user, options: {} });
      const listed = textOf(await finalOriginal(jobs.token, new RegExp(c.jobs[0] ?? "")));
      for (const part of c.jobs) expect(listed, c.locale).toContain(part);

      const shown = s.discord.slashCommand({ name: "settings", guildId: ACME, channelId: CHANNEL, user: c.user, options: { show: {} } });
      const settings = textOf(await finalOriginal(shown.token, new RegExp(c.settings[0] ?? "")));
      for (const part of c.settings) expect(settings, c.locale).toContain(part);

      s.discord.slashCommand({ name: "generate", guildId: ACME, channelId: CHANNEL, user: c.user, options: {} });
      const form = textOf(await waitFor(async () => s.discord.shownModal(c.user.id, "generate"), 10_000, "the form"));
      for (const part of c.form) expect(form, c.locale).toContain(part);
    }
  }, 120_000);

  it("Try again on a failed transcription starts the same transcription again", async () => {
    s.discord.serveFile("broken.wav", makeWav(2));
    s.aai.failTranscripts(1, "Transcoding failed. File does not appear to contain audio.");
    const sent = s.discord.slashCommand({
      name: "transcribe",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      attachments: { file: { fileName: "broken.wav", contentType: "audio/wav" } },
    });
    const failed = await finalOriginal(sent.token, /Failed:/);
    const [original] = await jobsOf({ idempotencyKey: `discord:${sent.id}` });
    expect(textOf(failed)).toContain(`job:retry:${original?.jobId}`);
    // The owner's click: the recording is an upload of theirs, which a teammate's job may not read.
    const click = s.discord.clickButton({ message: failed as never, customId: `job:retry:${original?.jobId}`, user: ann, guildId: ACME });
    await finalOriginal(click.token, /transcript\.txt/);
    const [again] = await jobsOf({ idempotencyKey: `discord:${click.id}` });
    expect(again).toMatchObject({ type: "transcription", status: "completed", userId: original?.userId });
    expect(again?.input).toEqual(original?.input);
  }, 90_000);

  it("an interaction token that dies early (50027) does not lose the result: the bot edits its reply with its own token", async () => {
    s.discord.tokenLifetimeMs = 500;
    s.fal.processingMs = 2_000;
    try {
      const sent = s.discord.slashCommand({
        name: "generate",
        guildId: ACME,
        channelId: GENERAL,
        user: ann,
        options: { prompt: "an early expiry" },
      });
      const [job] = await waitFor(
        async () => {
          const jobs = await jobsOf({ idempotencyKey: `discord:${sent.id}` });
          return jobs.length ? jobs : undefined;
        },
        20_000,
        "the job",
      );
      const edited = await finalOriginal(sent.token, /image_1\.png/);
      expect(textOf(edited)).toContain(`<@${ann.id}>`);
      expect(s.discord.calls.some((c) => c.path.includes(sent.token) && c.status === 401)).toBe(true);
      expect(
        s.discord.calls.some((c) => c.method === "PATCH" && c.path === `/channels/${GENERAL}/messages/${edited.id}` && c.status === 200),
      ).toBe(true);
      expect(s.discord.channelMessages(GENERAL).some((m) => textOf(m).includes(job?.jobId ?? "none"))).toBe(false);
      // Recorded delivered once Discord has answered the post, a moment after the message appears.
      expect(await recordedDelivered(s, job?.jobId ?? "")).toBeInstanceOf(Date);
    } finally {
      s.discord.tokenLifetimeMs = 15 * 60_000;
      s.fal.processingMs = 300;
    }
  }, 90_000);

  it("a 429 from Discord is waited out for its Retry-After, and the edit still lands", async () => {
    s.discord.rateLimit(/^\/webhooks\//, 1, 1);
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "rate limited" },
    });
    await finalOriginal(sent.token, /image_1\.png/);
    const edits = s.discord.calls.filter((c) => c.path.includes(sent.token));
    const limited = edits.find((c) => c.status === 429);
    expect(limited).toBeDefined();
    const next = edits.find((c) => c.at > (limited?.at ?? 0) && c.status === 200 && c.method === "PATCH");
    expect((next?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(900);
  }, 90_000);
});

describe("Discord bot, after the interaction window", () => {
  const s = useChatStack({ interactionWindowSeconds: 1, processingMs: 2_500 });
  /** The interaction's reply once it shows all of these, as edited with the token or the bot's own. */
  const replyShowing = (token: string, parts: string[], timeoutMs = 60_000) =>
    waitFor(
      async () => {
        const reply = s.discord.original(token);
        return reply && parts.every((p) => textOf(reply).includes(p)) ? reply : undefined;
      },
      timeoutMs,
      `the reply to show ${parts.join(", ")}`,
    );

  it("/train finishing after the window: the bot keeps editing its reply with its own token through to the result; its LoRA then autocompletes", async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) files[`pic${i}.png`] = new Uint8Array(renderPicture(`face ${i}`, i, 256, 256));
    s.discord.serveFile("faces.zip", Buffer.from(zipSync(files)));
    const sent = s.discord.slashCommand({
      name: "train",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { name: "annstyle" },
      attachments: { images: { fileName: "faces.zip", contentType: "application/zip" } },
    });
    const posted = await replyShowing(sent.token, ["model.safetensors"], 90_000);
    expect(textOf(posted)).toContain(`<@${ann.id}>`);
    // After the 1 s window every edit came through the channel with the bot's token, never a webhook.
    expect(
      s.discord.calls.some((c) => c.method === "PATCH" && c.path === `/channels/${GENERAL}/messages/${posted.id}` && c.status === 200),
    ).toBe(true);
    const [job] = await rawJobs(s.api.deps)
      .find({ idempotencyKey: `discord:${sent.id}` })
      .toArray();
    const key = (job?.versions[0] as unknown as { s3Key: string } | undefined)?.s3Key;
    const model = linksIn(posted)[0] ?? "";
    const fetched = await followLink(model);
    expect(fetched.status).toBe(200);
    expect(fetched.bytes.equals(await s3Bytes(s, key ?? ""))).toBe(true);
    expect(await recordedDelivered(s, job?.jobId ?? "")).toBeInstanceOf(Date);
    // No second message however often the deliver job ran.
    expect(s.discord.channelMessages(GENERAL).filter((m) => textOf(m).includes(job?.jobId ?? "none"))).toHaveLength(0);

    const ac = s.discord.autocomplete({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: bob,
      options: { prompt: "x", lora: "ann" },
      focused: "lora",
    });
    const answer = await waitFor(
      async () => s.discord.calls.find((c) => c.path.startsWith(`/interactions/${ac.id}/`)),
      10_000,
      "the autocomplete answer",
    );
    expect(answer.body?.type).toBe(8);
    expect((answer.body?.data as { choices: Array<{ name: string; value: string }> } | undefined)?.choices).toEqual([
      { name: "annstyle (v1)", value: job?.jobId },
    ]);
  }, 150_000);

  it("a private result after the window goes by DM, without buttons a DM could not use", async () => {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a quiet study", private: true },
    });
    const job = await jobOfInteraction(s, sent.id);
    const dm = await waitFor(
      async () => s.discord.channelMessages(`dm${ann.id}`).find((m) => textOf(m).includes(job?.jobId ?? "none")),
      60_000,
      "the DM",
    );
    expect(textOf(dm)).toContain("image_1.png");
    expect(dm.components).toEqual([]);
    expect(s.discord.channelMessages(GENERAL).some((m) => textOf(m).includes("a quiet study"))).toBe(false);
  }, 150_000);

  it("a result posted after the window speaks its requester's language, the line naming them included", async () => {
    const greta = { id: "300000000000000009", username: "greta" };
    s.discord.userLocales.set(greta.id, "de");
    onTestFinished(() => void s.discord.userLocales.delete(greta.id));
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: greta,
      options: { prompt: "ein stiller Hafen", private: true },
    });
    const job = await jobOfInteraction(s, sent.id);
    const dm = await waitFor(
      async () => s.discord.channelMessages(`dm${greta.id}`).find((m) => textOf(m).includes(job?.jobId ?? "none")),
      60_000,
      "the DM",
    );
    expect(dm.content).toBe(`<@${greta.id}> dein Auftrag ist fertig.`);
    expect(textOf(dm)).toContain("Bild fertig.");
    expect(textOf(dm)).not.toMatch(/your job|ready\./);
  }, 150_000);

  it("a result for a channel the bot can no longer see (50001) goes to its requester by DM with what the bot lacks, and is recorded undeliverable", async () => {
    const LOCKED = "200000000000000002";
    // The command's reply went in (an interaction answers anywhere); then the bot lost the channel.
    s.discord.noAccess.add(LOCKED);
    onTestFinished(() => void s.discord.noAccess.delete(LOCKED));
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: LOCKED,
      user: ann,
      options: { prompt: "a locked room" },
    });
    const job = await jobOfInteraction(s, sent.id);
    const dm = await waitFor(
      async () => s.discord.channelMessages(`dm${ann.id}`).find((m) => textOf(m).includes(job?.jobId ?? "none")),
      60_000,
      "the DM",
    );
    expect(textOf(dm)).toContain("image_1.png");
    expect(textOf(dm)).toContain(
      `I could not post this in <#${LOCKED}> (Discord says 50001 Missing Access): give me View Channel, Send Messages and Embed Links there`,
    );
    expect(s.discord.channelMessages(LOCKED)).toHaveLength(0);
    const seen = await s.apiAs("discord", ACME, ann.id).jobs.get.query({ jobId: job?.jobId ?? "" });
    expect(seen.delivery).toMatchObject({ state: "undeliverable", reason: "discord: 50001 Missing Access" });
    expect(await finalDeliveredAt(s, job?.jobId ?? "")).toBeNull();
  }, 150_000);

  it("a private result for a requester whose DMs are closed (50007) is recorded undeliverable and posted nowhere else", async () => {
    const closed = { id: "300000000000000009", username: "closed" };
    s.discord.dmsClosed.add(closed.id);
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: closed,
      options: { prompt: "a sealed letter", private: true },
    });
    const job = await jobOfInteraction(s, sent.id);
    const api = s.apiAs("discord", ACME, closed.id);
    const delivery = await waitFor(
      async () => {
        const j = await api.jobs.get.query({ jobId: job?.jobId ?? "" });
        return j.delivery?.state === "undeliverable" ? j.delivery : undefined;
      },
      60_000,
      "the delivery to be recorded undeliverable",
    );
    expect(delivery.reason).toBe("discord: 50007 Cannot send messages to this user (the requester's DMs are closed)");
    expect(s.discord.channelMessages(GENERAL).some((m) => textOf(m).includes("a sealed letter"))).toBe(false);
  }, 150_000);

  it("a rerun's result after the window edits the click's own reply; with that reply deleted, it replies to the message whose button made it", async () => {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a copper kettle" },
    });
    const first = await jobOfInteraction(s, sent.id);
    const posted = await replyShowing(sent.token, [first.jobId, "image_1.png"]);
    const click = s.discord.clickButton({ message: posted, customId: `job:rerun:${first.jobId}`, user: bob, guildId: ACME });
    const rerun = await jobOfInteraction(s, click.id);
    await replyShowing(click.token, [rerun.jobId, "image_1.png"]);
    expect(s.discord.channelMessages(GENERAL).some((m) => textOf(m).includes(rerun.jobId))).toBe(false);

    // The next click's reply is deleted before its result: the result is posted, replying to the button's message.
    const again = s.discord.clickButton({ message: posted, customId: `job:rerun:${first.jobId}`, user: bob, guildId: ACME });
    const second = await jobOfInteraction(s, again.id);
    const gone = await fetch(`${s.discord.apiUrl}/v10/webhooks/${s.discord.applicationId}/${again.token}/messages/@original`, {
      method: "DELETE",
    });
    expect(gone.status).toBe(204);
    const reply = await waitFor(
      async () => s.discord.channelMessages(GENERAL).find((m) => textOf(m).includes(second.jobId) && textOf(m).includes("image_1.png")),
      60_000,
      "the second rerun's result",
    );
    expect(reply.message_reference).toEqual({ message_id: posted.id, fail_if_not_exists: false });
  }, 150_000);

  it("in a channel without Attach Files the result carries links instead of files; without Read Message History a rerun's result is posted without replying", async () => {
    const BARE = "200000000000000002";
    onTestFinished(s.discord.deny(BARE, "AttachFiles", "ReadMessageHistory"));
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: BARE,
      user: ann,
      options: { prompt: "a paper lantern" },
    });
    const first = await jobOfInteraction(s, sent.id);
    // Past the window the bot edits its reply with its own token: refused with the files, taken with links.
    const posted = await replyShowing(sent.token, [first.jobId, "image_1.png"]);
    expect(posted.attachments ?? []).toEqual([]);
    expect(linksIn(posted).length).toBeGreaterThan(0);
    expect(
      s.discord.calls.some((c) => c.method === "PATCH" && c.path === `/channels/${BARE}/messages/${posted.id}` && c.status === 403),
    ).toBe(true);

    const click = s.discord.clickButton({ message: posted, customId: `job:rerun:${first.jobId}`, user: bob, guildId: ACME });
    const rerun = await jobOfInteraction(s, click.id);
    const gone = await fetch(`${s.discord.apiUrl}/v10/webhooks/${s.discord.applicationId}/${click.token}/messages/@original`, {
      method: "DELETE",
    });
    expect(gone.status).toBe(204);
    const result = await waitFor(
      async () => s.discord.channelMessages(BARE).find((m) => textOf(m).includes(rerun.jobId) && textOf(m).includes("image_1.png")),
      60_000,
      "the rerun's result",
    );
    expect(result.message_reference).toBeUndefined();
    expect(result.attachments ?? []).toEqual([]);
    const refusals = s.discord.calls.filter((c) => c.method === "POST" && c.path === `/channels/${BARE}/messages`).map((c) => c.status);
    expect(refusals).toEqual(expect.arrayContaining([403, 400, 200]));
    expect(await recordedDelivered(s, rerun.jobId)).toBeInstanceOf(Date);
  }, 150_000);
});
