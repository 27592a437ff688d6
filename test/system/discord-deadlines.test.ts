import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ensureChatMember } from "../../shared/db/sql/accounts.js";
import { type ChatStack, useChatStack } from "../helpers/chat.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000011", username: "ann" };
const bob = { id: "300000000000000012", username: "bob" };

/** Discord's window for an interaction's first answer. */
const THREE_SECONDS = 3_000;

const textOf = (msg: unknown) => JSON.stringify(msg ?? {});

/** Calls the bot made to answer one interaction (its callback route), as the fake recorded them. */
const callbacksOf = (s: ChatStack, interactionId: string) =>
  s.discord.calls.filter((c) => c.path.startsWith(`/interactions/${interactionId}/`));

/** A completed LoRA of this Discord member's, as a finished training leaves it. */
async function seedLora(s: ChatStack, user: { id: string }, triggerWord: string): Promise<string> {
  const { workspace, member } = await ensureChatMember(s.api.deps.sql.db, {
    platform: "discord",
    workspaceExternalId: ACME,
    workspaceName: "Acme",
    externalUserId: user.id,
  });
  const jobId = randomUUID();
  await s.api.deps.jobs.create({ jobId, type: "lora-training", userId: member.userId, workspaceId: workspace.id, input: { triggerWord } });
  const key = `loras/${member.userId}/${jobId}/v1/model.safetensors`;
  await s.api.deps.jobs.pushVersion(jobId, { version: 1, modelUrl: key, s3Key: key, sizeBytes: 10 });
  await s.api.deps.jobs.setStatus(jobId, "completed", { progress: 100 });
  return jobId;
}

describe("Discord's 3 seconds for an interaction's first answer", () => {
  const s = useChatStack();

  const slowApi = async (run: () => Promise<void>) => {
    s.apiDelay.ms = 5_000;
    try {
      await run();
    } finally {
      s.apiDelay.ms = 0;
    }
  };

  it("Edit prompt & rerun opens its form within 3 s however slow the API, prefilled from what the result shows", async () => {
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a paper lantern on a lake", count: 2 },
    });
    const result = await waitFor(
      async () => {
        const msg = s.discord.original(sent.token);
        return textOf(msg).includes("image_2.png") ? msg : undefined;
      },
      60_000,
      "the result",
    );
    const [job] = await rawJobs(s.api.deps)
      .find({ idempotencyKey: `discord:${sent.id}` })
      .toArray();
    await slowApi(async () => {
      const click = s.discord.clickButton({ message: result, customId: `job:remix:${job?.jobId}`, user: bob, guildId: ACME });
      const modal = await waitFor(async () => s.discord.shownModal(bob.id, `remix:${job?.jobId}`), 10_000, "the form");
      const [answer] = callbacksOf(s, click.id);
      expect(answer?.status).toBe(204);
      expect((answer?.at ?? Number.POSITIVE_INFINITY) - click.sentAt).toBeLessThan(THREE_SECONDS);
      const prefilled = Object.fromEntries(
        (modal.components as Array<{ components: Array<{ custom_id: string; value?: string }> }>).map((r) => [
          r.components[0]?.custom_id,
          r.components[0]?.value,
        ]),
      );
      expect(prefilled).toMatchObject({ prompt: "a paper lantern on a lake", count: "2", size: expect.stringMatching(/^\d+x\d+$/) });
    });
  }, 90_000);

  it("LoRA autocomplete answers within 3 s however slow the API: what it knows at once, and the slow read's LoRAs from then on", async () => {
    const lora = await seedLora(s, ann, "lanternstyle");
    const ask = async (typed: string) => {
      const before = Date.now();
      const ac = s.discord.autocomplete({
        name: "generate",
        guildId: ACME,
        channelId: GENERAL,
        user: ann,
        options: { prompt: "x", lora: typed },
        focused: "lora",
      });
      const answer = await waitFor(async () => callbacksOf(s, ac.id)[0], 10_000, "the autocomplete answer");
      expect(answer.status).toBe(204);
      expect(answer.at - before).toBeLessThan(THREE_SECONDS);
      expect(answer.body?.type).toBe(8);
      return (answer.body?.data as { choices?: Array<{ name: string; value: string }> } | undefined)?.choices;
    };
    await slowApi(async () => {
      // Nothing known yet: an empty list in time, rather than none at all.
      expect(await ask("lantern")).toEqual([]);
      // The read it started goes on; once it is back, the next keystroke offers its LoRAs at once.
      const offered = await waitFor(
        async () => {
          const choices = await ask("lantern");
          return choices?.length ? choices : undefined;
        },
        30_000,
        "the slow read's LoRAs",
        0,
      );
      expect(offered).toEqual([{ name: "lanternstyle (v1)", value: lora }]);
      expect(await ask("nothing-like-it")).toEqual([]);
    });
  }, 90_000);

  it("an interaction whose first answer would come after the 3 seconds is refused by Discord with 10062; the bot makes no job and tries no other answer; the member's client says it failed", async () => {
    const before = await rawJobs(s.api.deps).countDocuments({});
    // The bot hears of the command 3.5 s after Discord made it: its deferral comes too late.
    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a lighthouse heard of too late" },
      lagMs: 3_500,
    });
    const [refused] = await waitFor(
      async () => {
        const calls = callbacksOf(s, sent.id);
        return calls.length ? calls : undefined;
      },
      10_000,
      "the bot's late deferral",
    );
    expect(refused?.body?.type).toBe(5);
    expect(refused?.status).toBe(404);
    expect(s.discord.interactionFailed(sent.token)).toBe(true);

    // The bot goes on working: a command on time is answered and makes its job.
    const next = s.discord.slashCommand({ name: "generate", guildId: ACME, channelId: GENERAL, user: ann, options: { prompt: "on time" } });
    await waitFor(
      async () => (await rawJobs(s.api.deps).countDocuments({ idempotencyKey: `discord:${next.id}` })) || undefined,
      20_000,
      "the next command's job",
    );
    expect(s.discord.interactionFailed(next.token)).toBe(false);

    // Nothing of the late one: one answer tried and refused, no job, no message, no follow-up.
    expect(callbacksOf(s, sent.id)).toHaveLength(1);
    expect(await rawJobs(s.api.deps).countDocuments({ idempotencyKey: `discord:${sent.id}` })).toBe(0);
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before + 1);
    expect(s.discord.original(sent.token)).toBeUndefined();
    expect(s.discord.followUps(sent.token)).toEqual([]);
    expect(s.discord.calls.filter((c) => c.path.includes(sent.token) && !c.path.startsWith("/interactions/"))).toEqual([]);
    expect(s.discord.channelMessages(GENERAL).some((m) => textOf(m).includes("heard of too late"))).toBe(false);
  }, 90_000);

  it("a late button press (10062) makes no job either: the rerun starts only after its deferral", async () => {
    const sent = s.discord.slashCommand({ name: "generate", guildId: ACME, channelId: GENERAL, user: ann, options: { prompt: "a gull" } });
    const result = await waitFor(
      async () => {
        const msg = s.discord.original(sent.token);
        return textOf(msg).includes("image_1.png") ? msg : undefined;
      },
      60_000,
      "the result",
    );
    const [job] = await rawJobs(s.api.deps)
      .find({ idempotencyKey: `discord:${sent.id}` })
      .toArray();
    const click = s.discord.clickButton({ message: result, customId: `job:rerun:${job?.jobId}`, user: bob, guildId: ACME, lagMs: 3_500 });
    const [refused] = await waitFor(
      async () => {
        const calls = callbacksOf(s, click.id);
        return calls.length ? calls : undefined;
      },
      10_000,
      "the bot's late deferral",
    );
    expect(refused?.status).toBe(404);
    expect(s.discord.interactionFailed(click.token)).toBe(true);
    expect(await rawJobs(s.api.deps).countDocuments({ idempotencyKey: `discord:${click.id}` })).toBe(0);
  }, 90_000);
});
