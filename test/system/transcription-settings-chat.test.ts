import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { slashCommandBody, slackSignature } from "../../infra/fakes/slack/index.js";
import { postToSlackApp, useChatStack } from "../helpers/chat.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const ACME = "100000000000000001";
const CHANNEL = "200000000000000002";
const ann = { id: "300000000000000001", username: "ann" };
const bob = { id: "300000000000000002", username: "bob" };
const SLACK_TEAM = "T0ACME";
const SLACK_CHANNEL = "C0SETTINGS";
const BOSS = "U0BOSS";

const textOf = (value: unknown) =>
  JSON.stringify(value ?? {})
    .replaceAll("\\\\", "")
    .replaceAll('\\"', '"');

/**
 * The transcription settings from chat: an admin's `/settings set` with a vocabulary, redaction
 * and notes, then a member's `/transcribe` with options of its own, on Discord and on Slack.
 */
describe("transcription settings and options from chat", () => {
  const s = useChatStack();
  const jobOf = (idempotencyKey: string) =>
    waitFor(async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey })) ?? undefined, 20_000, `the job ${idempotencyKey}`);

  it("Discord: the channel's vocabulary, redaction and notes apply to /transcribe there; turning redaction off is refused", async () => {
    const set = s.discord.slashCommand({
      name: "settings",
      guildId: ACME,
      channelId: CHANNEL,
      user: ann,
      options: { set: { scope: "channel", vocabulary: "Acme Cloud, Kubernetes", "redact-pii": "yes", notes: "no" } },
    });
    const shown = await waitFor(
      async () => (/Settings here/.test(textOf(s.discord.original(set.token))) ? s.discord.original(set.token) : undefined),
      20_000,
      "the settings shown",
    );
    expect(textOf(shown)).toContain('"name":"Transcription vocabulary","value":"Acme Cloud, Kubernetes (this channel)"');

    s.discord.serveFile("standup.wav", makeWav(2));
    const made = s.discord.slashCommand({
      name: "transcribe",
      guildId: ACME,
      channelId: CHANNEL,
      user: bob,
      options: { "speaker-names": "Ann, Bo", vocabulary: "Harbour", "translate-to": "de" },
      attachments: { file: { fileName: "standup.wav", contentType: "audio/wav" } },
    });
    const job = await jobOf(`discord:${made.id}`);
    expect(job.input).toMatchObject({
      speakerNames: ["Ann", "Bo"],
      vocabulary: ["Harbour", "Acme Cloud", "Kubernetes"],
      translateTo: "de",
      redactPii: true,
      notes: false,
    });
    expect(job.input).not.toHaveProperty("speakerLabels");

    const before = await rawJobs(s.api.deps).countDocuments({});
    const off = s.discord.slashCommand({
      name: "transcribe",
      guildId: ACME,
      channelId: CHANNEL,
      user: bob,
      options: { "redact-pii": false },
      attachments: { file: { fileName: "standup.wav", contentType: "audio/wav" } },
    });
    const refusal = await waitFor(
      async () => s.discord.followUps(off.token).find((m) => (Number((m as { flags?: number }).flags ?? 0) & 64) === 64),
      20_000,
      "an ephemeral refusal",
    );
    expect(textOf(refusal)).toContain("this channel redacts personal data in every transcription");
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
  }, 90_000);

  it("Slack: an admin's /settings set --vocabulary “…” --redact-pii yes, then /transcribe --no-notes with quoted names", async () => {
    s.slack.admins.add(BOSS);
    const command = (userId: string, name: string, text: string) => {
      const triggerId = `${Date.now()}.${randomBytes(3).toString("hex")}`;
      const responseUrl = s.slack.responseUrl(SLACK_CHANNEL);
      const body = slashCommandBody({
        command: `/${name}`,
        text,
        teamId: SLACK_TEAM,
        userId,
        channelId: SLACK_CHANNEL,
        triggerId,
        responseUrl,
      });
      return { body, triggerId, responseId: responseUrl.split("/").pop() ?? "" };
    };
    const post = async (body: string) => (await postToSlackApp(s, body, slackSignature(s.slack.signingSecret, body))).status;
    try {
      const set = command(BOSS, "settings", 'set --vocabulary "Acme Cloud, Kubernetes" --redact-pii yes');
      expect(await post(set.body)).toBe(200);
      const shown = await waitFor(
        async () => s.slack.responses.find((r) => r.id === set.responseId && /Settings here/.test(textOf(r.body))),
        20_000,
        "the settings shown",
      );
      expect(textOf(shown.body)).toContain("Acme Cloud, Kubernetes (this channel)");
      const permalink = s.slack.addFile({ name: "standup.wav", mimetype: "audio/wav", bytes: makeWav(2) });
      const c = command("U0ANN", "transcribe", `<${permalink}|standup.wav> --speaker-names “Ann Lee, Bo” --speaker-count 2 --no-notes`);
      expect(await post(c.body)).toBe(200);
      const job = await jobOf(`slack:${c.triggerId}`);
      expect(job.input).toMatchObject({
        speakerNames: ["Ann Lee", "Bo"],
        speakersExpected: 2,
        vocabulary: ["Acme Cloud", "Kubernetes"],
        redactPii: true,
        notes: false,
      });
    } finally {
      s.slack.admins.delete(BOSS);
    }
  }, 90_000);
});
