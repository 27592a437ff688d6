import { describe, expect, it } from "vitest";
import { useChatStack } from "../helpers/chat.js";
import { componentsOf, jobOfCommand, pictureKey } from "../helpers/chat-jobs.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { type Pixels, storedPixels } from "../helpers/stored-pictures.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };
const bob = { id: "300000000000000002", username: "bob" };
const SLACK_ACME = "T0ACME";
const SLACK_GENERAL = "C0GENERAL";
const SEAM = 32;

type Message = Record<string, unknown> & { id: string; channel_id: string };
const textOf = (v: unknown) => JSON.stringify(v ?? {});

const at = (p: Pixels, x: number, y: number) => [...p.data.subarray((y * p.width + x) * 3, (y * p.width + x) * 3 + 3)].join();

/** Pixels of `result` inside the source's place (left, top) but away from the seam that differ from the source. */
function changedInside(result: Pixels, source: Pixels, left: number, top: number): number {
  let n = 0;
  for (let y = top + SEAM; y < top + source.height - SEAM; y++)
    for (let x = left + SEAM; x < left + source.width - SEAM; x++) if (at(result, x, y) !== at(source, x - left, y - top)) n++;
  return n;
}

/** Follows a sign-in link as a browser does: its page, its form's Continue, then where it leads with the session. */
async function followSignIn(link: string) {
  const page = await (await fetch(link)).text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1]?.replaceAll("&amp;", "&") ?? "";
  const origin = new URL(link).origin;
  const res = await fetch(`${origin}/app/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams({ token: field("token"), next: field("next") }).toString(),
  });
  await res.arrayBuffer();
  const location = res.headers.get("location") ?? "";
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const landed = await fetch(`${origin}${location}`, { headers: { cookie }, redirect: "manual" });
  return { status: res.status, location, landed: { status: landed.status, html: await landed.text() } };
}

describe("a result's picture tools in chat", () => {
  const s = useChatStack();
  const finalOriginal = (token: string, marker: RegExp, timeoutMs = 60_000) =>
    waitFor(
      async () => {
        const msg = s.discord.original(token);
        return marker.test(textOf(msg)) ? msg : undefined;
      },
      timeoutMs,
      `a reply matching ${marker}`,
    );
  const jobCount = () => rawJobs(s.api.deps).countDocuments({});

  /** `/generate` on Discord: the result message and its job. */
  async function discordResult(prompt: string, count: number) {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt, count, size: "square" },
    });
    const message = (await finalOriginal(sent.token, new RegExp(`image_${count}\\.png`))) as Message;
    const job = await jobOfCommand(s, `discord:${sent.id}`);
    return { message, job };
  }

  describe("on Discord", () => {
    it("Zoom Out 2× on a one-picture result: the clicker's zoom-out, twice the size, with the source at its centre", async () => {
      const { message, job } = await discordResult("a harbour at dawn", 1);
      const ids = componentsOf(message).map((c) => c.custom_id);
      expect(ids).toContain(`job:zoom-out-2:${job.jobId}:1`);
      const click = s.discord.clickButton({ message, customId: `job:zoom-out-2:${job.jobId}:1`, user: bob, guildId: ACME });
      const zoom = await jobOfCommand(s, `discord:${click.id}`);
      expect(zoom).toMatchObject({
        userId: `discord-${bob.id}`,
        parentJobId: job.jobId,
        parentImage: 1,
        visibility: "workspace",
        input: { operation: "zoom-out", factor: 2, source: { jobId: job.jobId, image: 1 } },
      });
      // Its result is the click's own reply, as Upscale's is.
      await finalOriginal(click.token, /image_1\.png/);
      const done = await s.finished(zoom.jobId, 60_000);
      expect(done.status).toBe("completed");
      const src = await storedPixels(s.api.deps.storage, pictureKey(job));
      const out = await storedPixels(s.api.deps.storage, pictureKey(done));
      expect([out.width, out.height]).toEqual([src.width * 2, src.height * 2]);
      expect(changedInside(out, src, src.width / 2, src.height / 2)).toBe(0);
      // A second delivery of the same interaction makes no second job.
      expect(await rawJobs(s.api.deps).countDocuments({ idempotencyKey: `discord:${click.id}` })).toBe(1);
    }, 120_000);

    it("Pan ⬅ chosen from the menu of a four-picture result: a pan of that picture, half as wide again", async () => {
      const { message, job } = await discordResult("four kites over a beach", 4);
      const selects = componentsOf(message).filter((c) => c.type === 3);
      expect(selects.map((c) => c.custom_id)).toEqual([`pictures:${job.jobId}:1`, `pictures:${job.jobId}:3`]);
      // Discord's client sends only what the menu offers.
      expect(() =>
        s.discord.chooseOption({
          message,
          customId: `pictures:${job.jobId}:1`,
          values: [`job:pan-left:${job.jobId}:4`],
          user: bob,
          guildId: ACME,
        }),
      ).toThrow(/would not send/);
      const choice = s.discord.chooseOption({
        message,
        customId: `pictures:${job.jobId}:3`,
        values: [`job:pan-left:${job.jobId}:4`],
        user: bob,
        guildId: ACME,
      });
      const pan = await jobOfCommand(s, `discord:${choice.id}`);
      expect(pan).toMatchObject({ userId: `discord-${bob.id}`, parentImage: 4, input: { operation: "pan", direction: "left" } });
      const done = await s.finished(pan.jobId, 60_000);
      expect(done.status).toBe("completed");
      const src = await storedPixels(s.api.deps.storage, pictureKey(job, 4));
      const out = await storedPixels(s.api.deps.storage, pictureKey(done));
      expect([out.width, out.height]).toEqual([src.width * 1.5, src.height]);
      await finalOriginal(choice.token, /image_1\.png/);
    }, 120_000);

    it("Custom Zoom: a modal, the interaction's first answer; 1,5 with a prompt zooms out by 1.5 with it; 3 is refused, nothing queued", async () => {
      const { message, job } = await discordResult("a lighthouse on a cliff", 1);
      const modalId = `zoom:${job.jobId}:1`;
      const click = s.discord.clickButton({ message, customId: `job:zoom-custom:${job.jobId}:1`, user: bob, guildId: ACME });
      const modal = await waitFor(async () => s.discord.shownModal(bob.id, modalId), 10_000, "the modal");
      expect(modal).toMatchObject({ title: "Custom zoom, picture 1" });
      expect(s.discord.calls.filter((c) => c.path.startsWith(`/interactions/${click.id}/`)).map((c) => c.body?.type)).toEqual([9]);
      const before = await jobCount();
      const bad = s.discord.submitModal({ user: bob, customId: modalId, values: { factor: "3", prompt: "" } });
      const refusal = await waitFor(async () => s.discord.original(bad.token), 10_000, "the refusal");
      expect(Number(refusal.flags ?? 0) & 64).toBe(64);
      expect(textOf(refusal)).toMatch(/more than 1 and at most 2/);
      expect(await jobCount()).toBe(before);
      // The form again, filled in right this time.
      s.discord.clickButton({ message, customId: `job:zoom-custom:${job.jobId}:1`, user: bob, guildId: ACME });
      await waitFor(async () => s.discord.shownModal(bob.id, modalId), 10_000, "the modal again");
      const good = s.discord.submitModal({
        user: bob,
        customId: modalId,
        values: { factor: "1,5", prompt: "a lighthouse on a cliff, wide shot" },
      });
      const zoom = await jobOfCommand(s, `discord:${good.id}`);
      expect(zoom.input).toMatchObject({ operation: "zoom-out", factor: 1.5, prompt: "a lighthouse on a cliff, wide shot" });
      const done = await s.finished(zoom.jobId, 60_000);
      expect(done.status).toBe("completed");
      const src = await storedPixels(s.api.deps.storage, pictureKey(job));
      const out = await storedPixels(s.api.deps.storage, pictureKey(done));
      expect([out.width, out.height]).toEqual([src.width * 1.5, src.height * 1.5]);
    }, 120_000);

    it("Vary (Region): a sign-in link for the clicker alone, which lands them signed in on that picture's region editor", async () => {
      const { message, job } = await discordResult("a red door", 1);
      const before = await jobCount();
      const click = s.discord.clickButton({ message, customId: `job:region:${job.jobId}:1`, user: bob, guildId: ACME });
      const answer = await finalOriginal(click.token, /sign-in/);
      expect(Number(answer.flags ?? 0) & 64).toBe(64);
      const button = componentsOf(answer).find((c) => c.style === 5);
      const link = String(button?.url);
      expect(new URL(link).searchParams.get("next")).toBe(`/app/jobs/${job.jobId}/pictures/1/region`);
      const followed = await followSignIn(link);
      expect(followed.status).toBe(303);
      expect(followed.location).toBe(`/app/jobs/${job.jobId}/pictures/1/region`);
      expect(followed.landed.status).toBe(200);
      expect(followed.landed.html).toContain("data-region-editor");
      expect(followed.landed.html).toContain(`data-job-id="${job.jobId}"`);
      expect(followed.landed.html).toContain(`discord-${bob.id}`);
      // A link works once.
      expect((await followSignIn(link)).status).not.toBe(303);
      expect(await jobCount()).toBe(before);
    }, 120_000);

    it("a describe's result: Generate 2 starts a generation from its second prompt, at the aspect ratio it detected", async () => {
      const { job } = await discordResult("a teapot on a table", 1);
      const api = s.apiAs("discord", ACME, ann.id);
      const described = await api.jobs.create.mutate({
        type: "image-generation",
        operation: "describe",
        source: { jobId: job.jobId, image: 1 },
        delivery: { channelId: GENERAL },
      });
      const shown = (await waitFor(
        async () => s.discord.channelMessages(GENERAL).find((m) => textOf(m).includes(`job:imagine:${described.jobId}:2`)),
        60_000,
        "the describe's result",
      )) as Message;
      const finished = await api.jobs.get.query({ jobId: described.jobId });
      const click = s.discord.clickButton({ message: shown, customId: `job:imagine:${described.jobId}:2`, user: bob, guildId: ACME });
      const made = await jobOfCommand(s, `discord:${click.id}`);
      expect(made.input).toMatchObject({ prompt: finished.prompts?.[1] });
      expect(made.input).not.toHaveProperty("operation");
      const [w, h] = (finished.aspectRatio ?? "1:1").split(":").map(Number);
      const input = made.input as { width?: number; height?: number };
      if (input.width && input.height && w && h) expect(Math.abs(input.width / input.height - w / h)).toBeLessThan(0.15);
      expect(input.width, "a size from the detected ratio").toBeDefined();
    }, 120_000);
  });

  describe("on Slack", () => {
    const eventsUrl = () => `${s.api.url}/slack/events`;
    const channelMessage = (jobId: string, marker: RegExp) =>
      waitFor(
        async () => s.slack.messages(SLACK_GENERAL).find((m) => textOf(m).includes(jobId) && marker.test(textOf(m))),
        60_000,
        `a channel message matching ${marker}`,
      );
    async function slackResult(text: string, count: number) {
      const r = await s.slack.slashCommand({
        command: "/generate",
        text: `${text} --size square --count ${count}`,
        teamId: SLACK_ACME,
        userId: "U0ANN",
        channelId: SLACK_GENERAL,
        eventsUrl: eventsUrl(),
      });
      const job = await jobOfCommand(s, `slack:${r.triggerId}`);
      const message = await channelMessage(job.jobId, new RegExp(`image_${count}\\.png`));
      return { job, message };
    }
    const who = { teamId: SLACK_ACME, userId: "U0BOB", channelId: SLACK_GENERAL };

    it("Zoom Out 2× and Pan ⬅ from the menu of a four-picture result: the clicker's jobs on that picture", async () => {
      const { job, message } = await slackResult("four boats", 4);
      // Four pictures: Zoom Out is a choice in the menu of pictures 1 and 2, which works as its button would.
      const zoom = await s.slack.chooseOption({
        ...who,
        blocks: message.blocks,
        actionId: `pictures:${job.jobId}:1`,
        value: `job:zoom-out-2:${job.jobId}:1`,
        messageTs: message.ts,
        eventsUrl: eventsUrl(),
      });
      expect(zoom.status).toBe(200);
      await expect(
        s.slack.chooseOption({
          ...who,
          blocks: message.blocks,
          actionId: `pictures:${job.jobId}:1`,
          value: `job:pan-left:${job.jobId}:4`,
          eventsUrl: eventsUrl(),
        }),
      ).rejects.toThrow(/no option/);
      const chosen = await s.slack.chooseOption({
        ...who,
        blocks: message.blocks,
        actionId: `pictures:${job.jobId}:3`,
        value: `job:pan-left:${job.jobId}:4`,
        messageTs: message.ts,
        eventsUrl: eventsUrl(),
      });
      expect(chosen.status).toBe(200);
      const pan = await jobOfCommand(s, `slack:${chosen.triggerId}`);
      expect(pan).toMatchObject({
        userId: "slack-U0BOB",
        parentJobId: job.jobId,
        parentImage: 4,
        input: { operation: "pan", direction: "left" },
      });
      const zoomJob = await jobOfCommand(s, `slack:${zoom.triggerId}`);
      expect(zoomJob.input).toMatchObject({ operation: "zoom-out", factor: 2, source: { image: 1 } });
      expect((await s.finished(pan.jobId, 60_000)).status).toBe("completed");
    }, 120_000);

    it("Custom Zoom: a modal; 1 is shown as a mistake beside the factor, nothing queued; 1.5 with a prompt zooms out", async () => {
      const { job, message } = await slackResult("a windmill", 1);
      const callbackId = `zoom:${job.jobId}:1`;
      const chosen = await s.slack.clickButton({
        ...who,
        actionId: `job:zoom-custom:${job.jobId}:1`,
        messageTs: message.ts,
        eventsUrl: eventsUrl(),
      });
      expect(chosen.status).toBe(200);
      const opened = await waitFor(async () => s.slack.openedView("U0BOB", callbackId), 10_000, "the modal");
      expect(opened.view).toMatchObject({ title: { text: "Custom zoom, picture 1" } });
      const before = await jobCount();
      const submit = (factor: string, prompt = "") =>
        s.slack.submitView({
          userId: "U0BOB",
          teamId: SLACK_ACME,
          callbackId,
          values: { factor: { factor }, prompt: { prompt } },
          eventsUrl: eventsUrl(),
        });
      const bad = await submit("1");
      expect(bad.body).toContain('"response_action":"errors"');
      expect(bad.body).toMatch(/more than 1 and at most 2/);
      // Slack's client keeps the number within the field's range.
      await expect(submit("3")).rejects.toThrow(/would not submit/);
      expect(await jobCount()).toBe(before);
      expect((await submit("1.5", "a windmill, wide shot")).body).toBe("");
      const zoom = await waitFor(
        async () => (await rawJobs(s.api.deps).findOne({ parentJobId: job.jobId, "input.operation": "zoom-out" })) ?? undefined,
        20_000,
        "the zoom",
      );
      expect(zoom).toMatchObject({ userId: "slack-U0BOB", input: { factor: 1.5, prompt: "a windmill, wide shot" } });
    }, 120_000);

    it("a describe's result: Generate 2 starts a generation from its second prompt", async () => {
      const { job } = await slackResult("a copper kettle", 1);
      const api = s.apiAs("slack", SLACK_ACME, "U0ANN");
      const described = await api.jobs.create.mutate({
        type: "image-generation",
        operation: "describe",
        source: { jobId: job.jobId, image: 1 },
        delivery: { channelId: SLACK_GENERAL },
      });
      const shown = await channelMessage(described.jobId, new RegExp(`job:imagine:${described.jobId}:2`));
      const finished = await api.jobs.get.query({ jobId: described.jobId });
      const clicked = await s.slack.clickButton({
        ...who,
        actionId: `job:imagine:${described.jobId}:2`,
        messageTs: shown.ts,
        eventsUrl: eventsUrl(),
      });
      const made = await jobOfCommand(s, `slack:${clicked.triggerId}`);
      expect(made).toMatchObject({ userId: "slack-U0BOB", input: { prompt: finished.prompts?.[1] } });
      expect(made.input).not.toHaveProperty("operation");
    }, 120_000);

    it("Vary (Region): an ephemeral link to the clicker that opens the region editor of that picture", async () => {
      const { job, message } = await slackResult("a blue gate", 1);
      const clicked = await s.slack.clickButton({
        ...who,
        actionId: `job:region:${job.jobId}:1`,
        messageTs: message.ts,
        eventsUrl: eventsUrl(),
      });
      const id = clicked.responseUrl.split("/").pop();
      const answer = await waitFor(
        async () => s.slack.responses.find((r) => r.id === id && /sign-in/.test(textOf(r.body))),
        20_000,
        "the link",
      );
      expect(answer.body.response_type).toBe("ephemeral");
      const link = /"url":"([^"]+sign-in[^"]+)"/.exec(textOf(answer.body))?.[1] ?? "";
      const followed = await followSignIn(link);
      expect(followed.location).toBe(`/app/jobs/${job.jobId}/pictures/1/region`);
      expect(followed.landed.html).toContain("data-region-editor");
    }, 120_000);
  });
});
