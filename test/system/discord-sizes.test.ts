import { describe, expect, it } from "vitest";
import { useChatStack } from "../helpers/chat.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };

describe("/generate size: on Discord, typed as in Slack and the CLI", () => {
  const s = useChatStack();

  const answerTo = (id: string) =>
    waitFor(async () => s.discord.calls.find((c) => c.path.startsWith(`/interactions/${id}/`) && c.status < 300), 10_000, "the answer");

  it("takes an aspect ratio (16:9 makes 1344×768), suggests the presets while it is typed, and refuses a size that does not read in words, to its author alone", async () => {
    const ac = s.discord.autocomplete({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a wide beach", size: "16" },
      focused: "size",
    });
    const suggested = await answerTo(ac.id);
    expect(suggested.body?.type).toBe(8);
    const choices = (suggested.body?.data as { choices?: Array<{ name: string; value: string }> } | undefined)?.choices ?? [];
    expect(choices.map((c) => c.value)).toEqual(["portrait_16_9", "landscape_16_9", "16:9", "9:16"]);

    const sent = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a wide beach", size: "16:9" },
    });
    const [job] = await waitFor(
      async () => {
        const jobs = await rawJobs(s.api.deps)
          .find({ idempotencyKey: `discord:${sent.id}` })
          .toArray();
        return jobs.length ? jobs : undefined;
      },
      20_000,
      "the job",
    );
    expect(job?.input).toMatchObject({ prompt: "a wide beach", width: 1344, height: 768 });

    const bad = s.discord.slashCommand({
      name: "generate",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { prompt: "a narrow beach", size: "wide" },
    });
    const refusal = await answerTo(bad.id);
    expect(refusal.body?.type).toBe(4);
    const data = refusal.body?.data as { flags: number };
    expect(data.flags & 64).toBe(64);
    const text = JSON.stringify(data);
    expect(text).toContain("square_hd, square, portrait_4_3");
    expect(text).not.toMatch(/Invalid option|expected one of|imageSize/);
    expect(await rawJobs(s.api.deps).find({ "input.prompt": "a narrow beach" }).toArray()).toHaveLength(0);
  }, 60_000);
});
