import { eq } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import { usageLedger } from "../../shared/db/sql/schema.js";
import type { TranscriptVersion } from "../../shared/db/mongo/job-schema.js";
import { transcriptKeys } from "../../shared/storage/keys.js";
import { followLink, linksIn, s3Bytes, useChatStack } from "../helpers/chat.js";
import { discordOriginal, jobOfCommand, transcribeOnDiscord, transcribeOnSlack } from "../helpers/chat-jobs.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };
const bob = { id: "300000000000000002", username: "bob" };
const SLACK_ACME = "T0ACME";
const SLACK_GENERAL = "C0GENERAL";

type Message = Record<string, unknown> & { id: string; channel_id: string };
type Select = { type: number; custom_id: string; placeholder?: string; options: Array<{ label: string; value: string }> };
const textOf = (msg: unknown) => JSON.stringify(msg ?? {}).replaceAll('\\"', '"');
const selectsOf = (m: Record<string, unknown> | undefined) =>
  ((m?.components ?? []) as Array<{ components: Select[] }>).flatMap((r) => r.components).filter((c) => c.type === 3);

/**
 * The Translate menu of a transcript's result on Discord: a choice of languages; choosing one
 * answers the chooser alone with the translated files' links once AssemblyAI has made them.
 */
describe("Translate on a transcript's chat result", () => {
  const s = useChatStack();

  const finalOriginal = (token: string, marker: RegExp) => discordOriginal(s, token, marker);

  it("the menu offers languages by name; German chosen: bob alone is answered with transcript.de.txt, .srt and .vtt, which serve the stored files", async () => {
    const sent = transcribeOnDiscord(s, { guildId: ACME, channelId: GENERAL, user: ann }, makeWav(3, 16_000, 360));
    const result = (await finalOriginal(sent.token, /transcript\.txt/)) as Message;
    const job = await waitFor(
      async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey: `discord:${sent.id}` })) ?? undefined,
      20_000,
      "the job",
    );
    const [menu] = selectsOf(result);
    expect(menu?.custom_id).toBe(`translate:${job.jobId}`);
    expect(menu?.placeholder).toBe("Translate the transcript…");
    expect(menu?.options.length).toBeLessThanOrEqual(25);
    expect(menu?.options).toContainEqual({ label: "German", value: `job:translate:${job.jobId}:de` });
    expect(menu?.options.every((o) => o.label.length <= 100 && o.value.length <= 100)).toBe(true);

    const choice = s.discord.chooseOption({
      message: result,
      customId: `translate:${job.jobId}`,
      values: [`job:translate:${job.jobId}:de`],
      user: bob,
      guildId: ACME,
    });
    const answer = await finalOriginal(choice.token, /transcript\.de\.vtt/);
    // The chooser's alone (ephemeral), titled in their language.
    expect(Number((answer as { flags?: number }).flags ?? 0) & 64).toBe(64);
    expect(textOf(answer)).toContain("Transcript in German");
    const stored = await waitFor(
      async () => ((await s.api.deps.jobs.get(job.jobId))?.versions[0] as TranscriptVersion | undefined)?.s3Keys?.translations?.de,
      10_000,
      "the German files on the job",
    );
    const keys = transcriptKeys(job.userId, job.jobId).translated("de");
    expect(stored).toMatchObject(keys);
    const served = await Promise.all(linksIn(answer).map(followLink));
    const srt = await s3Bytes(s, keys.srt);
    expect(srt.toString()).toContain("[de] ");
    expect(served.some((f) => f.status === 200 && f.bytes.equals(srt))).toBe(true);
    // The job's own message stays as it was delivered; the translation is charged to bob, who asked.
    expect(textOf(s.discord.original(sent.token))).not.toContain("transcript.de");
    const [row] = await s.api.deps.sql.db
      .select()
      .from(usageLedger)
      .where(eq(usageLedger.jobId, `${job.jobId}/translation-de`));
    expect(row?.userId).toBe(`discord-${bob.id}`);
    const again = s.discord.chooseOption({
      message: result,
      customId: `translate:${job.jobId}`,
      values: [`job:translate:${job.jobId}:de`],
      user: bob,
      guildId: ACME,
    });
    const refused = await waitFor(
      async () =>
        s.discord.followUps(again.token).find((m) => /already/.test(textOf(m))) ??
        (/already/.test(textOf(s.discord.original(again.token))) ? s.discord.original(again.token) : undefined),
      20_000,
      "the refusal of the same language again",
    );
    expect(textOf(refused)).toContain("translated into de already");
  }, 120_000);

  it("on Slack: the result's Translate select, French chosen in a German client: the chooser's answer names the language in German", async () => {
    const eventsUrl = `${s.api.url}/slack/events`;
    const r = await transcribeOnSlack(s, { teamId: SLACK_ACME, userId: "U0ANN", channelId: SLACK_GENERAL }, makeWav(3, 16_000, 370));
    expect(r.status).toBe(200);
    const job = await jobOfCommand(s, `slack:${r.triggerId}`);
    const message = await waitFor(
      async () => s.slack.messages(SLACK_GENERAL).find((m) => textOf(m).includes(job.jobId) && /transcript\.txt/.test(textOf(m))),
      60_000,
      "the result in the channel",
    );
    expect(textOf(message.blocks)).toContain(`"action_id":"translate:${job.jobId}"`);
    s.slack.userLocales.set("U0BOB", "de-DE");
    onTestFinished(() => void s.slack.userLocales.delete("U0BOB"));
    const chosen = await s.slack.chooseOption({
      teamId: SLACK_ACME,
      userId: "U0BOB",
      channelId: SLACK_GENERAL,
      blocks: message.blocks,
      actionId: `translate:${job.jobId}`,
      value: `job:translate:${job.jobId}:fr`,
      messageTs: message.ts,
      eventsUrl,
    });
    expect(chosen.status).toBe(200);
    const responseId = chosen.responseUrl.split("/").pop() ?? "";
    const answer = await waitFor(
      async () => s.slack.responses.find((x) => x.id === responseId && /transcript\.fr\.vtt/.test(textOf(x.body))),
      30_000,
      "the answer with the French files",
    );
    expect(textOf(answer.body)).toContain("Transkript auf Französisch");
    expect(answer.body.response_type ?? "ephemeral").toBe("ephemeral");
  }, 120_000);
});
