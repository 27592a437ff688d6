import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { slackSignature, slashCommandBody } from "../../infra/fakes/slack/index.js";
import { postToSlackApp, s3Bytes, useChatStack } from "../helpers/chat.js";
import { chatText, discordOriginal, jobOfCommand, transcribeOnDiscord } from "../helpers/chat-jobs.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };
const SCRIPT = "We agreed to ship the harbour release on Friday. I will write the release notes.";

const textOf = chatText;

/** /ask on Discord and Slack: a finished transcription's question, answered to the asker alone with quoted lines. */
describe("/ask in chat", () => {
  const s = useChatStack();

  /** A transcription the emulator hears SCRIPT in, made with /transcribe on Discord by ann; its job id once completed. */
  async function meeting(): Promise<{ jobId: string; token: string }> {
    const sent = transcribeOnDiscord(s, { guildId: ACME, channelId: GENERAL, user: ann }, makeWav(4, 16_000, 330), SCRIPT);
    const job = await jobOfCommand(s, `discord:${sent.id}`, { completed: true, timeoutMs: 60_000 });
    return { jobId: job.jobId, token: sent.token };
  }

  it("Discord: the transcription's result shows the summary and action items and carries notes.md", async () => {
    const { jobId, token } = await meeting();
    const done = await waitFor(
      async () => {
        const msg = s.discord.original(token);
        return /Action items/.test(textOf(msg)) ? msg : undefined;
      },
      30_000,
      "the result with its notes",
    );
    expect(textOf(done)).toContain("Summary: We agreed to ship the harbour release on Friday. I will write the release notes.");
    expect(textOf(done)).toContain("• I will write the release notes.");
    const stored = await s.api.deps.jobs.get(jobId);
    const notesFile = (done.attachments as Array<{ filename: string; url: string }>).find((a) => a.filename === "notes.md");
    expect(s.discord.attachment(notesFile?.url ?? "")?.toString()).toBe((await s3Bytes(s, stored?.notes?.md ?? "")).toString());
  }, 120_000);

  it("Discord: deferred ephemerally at once, then the answer with the quoted line, its time and speaker; German in a German client", async () => {
    const { jobId } = await meeting();
    const sent = s.discord.slashCommand({
      name: "ask",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { job: jobId, question: "when do we ship the harbour release?" },
    });
    const deferral = await waitFor(
      async () => s.discord.calls.find((c) => c.path.startsWith(`/interactions/${sent.id}/`) && c.status < 300),
      10_000,
      "the deferral",
    );
    expect(deferral.at - sent.sentAt).toBeLessThan(3_000);
    expect((deferral.body?.data as { flags?: number } | undefined)?.flags).toBe(64);
    const reply = await discordOriginal(s, sent.token, /Answer from the meeting/, 30_000);
    // Transcribed without speaker labels: the quote is a sentence of the words, of no known speaker.
    expect(textOf(reply)).toContain("0:00 unknown speaker: “We agreed to ship the harbour release on Friday.”");
    expect((reply as { flags?: number }).flags).toBe(64);
    expect(s.discord.channelMessages(GENERAL).some((m) => textOf(m).includes("Answer from the meeting"))).toBe(false);

    const jonas = { id: "300000000000000082", username: "jonas" };
    s.discord.userLocales.set(jonas.id, "de");
    const inGerman = s.discord.slashCommand({
      name: "ask",
      guildId: ACME,
      channelId: GENERAL,
      user: jonas,
      options: { job: jobId, question: "wann liefern wir harbour?" },
    });
    await waitFor(
      async () => (/Antwort aus dem Meeting/.test(textOf(s.discord.original(inGerman.token))) ? true : undefined),
      30_000,
      "the German answer",
    );
  }, 120_000);

  it("Slack: acked at once, the answer to the asker alone through response_url; no question, or another workspace's job, refused in plain words", async () => {
    const command = async (name: string, text: string) => {
      const responseUrl = s.slack.responseUrl("C0GENERAL");
      const triggerId = `${Date.now()}.${randomBytes(4).toString("hex")}`;
      const body = slashCommandBody({
        command: `/${name}`,
        text,
        teamId: "T0ACME",
        userId: "U0ANN",
        channelId: "C0GENERAL",
        triggerId,
        responseUrl,
      });
      const started = Date.now();
      const res = await postToSlackApp(s, body, slackSignature(s.slack.signingSecret, body));
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(3_000);
      return { triggerId, id: responseUrl.split("/").pop() ?? "" };
    };
    const responseTo = (id: string, marker: RegExp) =>
      waitFor(
        async () => s.slack.responses.find((r) => r.id === id && marker.test(textOf(r.body))),
        30_000,
        `a response matching ${marker}`,
      );
    const wav = makeWav(4, 16_000, 370);
    s.aai.speech.set(createHash("sha256").update(wav).digest("hex"), SCRIPT);
    const permalink = s.slack.addFile({ name: "standup.wav", mimetype: "audio/wav", bytes: wav });
    const started = await command("transcribe", `<${permalink}|standup.wav>`);
    const job = await waitFor(
      async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey: `slack:${started.triggerId}`, status: "completed" })) ?? undefined,
      60_000,
      "the transcription",
    );

    const asked = await command("ask", `${job.jobId} when do we ship the harbour release?`);
    const answered = await responseTo(asked.id, /Answer from the meeting/);
    expect(textOf(answered.body)).toContain("0:00 unknown speaker: “We agreed to ship the harbour release on Friday.”");
    expect((answered.body as { response_type?: string }).response_type ?? "ephemeral").toBe("ephemeral");

    // A job of the Discord server's workspace, which is not this Slack team's to ask about.
    const discordJob = (await meeting()).jobId;
    const calls = s.aai.gatewayCalls.length;
    // Slack mrkdwn escapes the usage line's angle brackets.
    const bare = await command("ask", job.jobId);
    expect(textOf((await responseTo(bare.id, /your question/)).body)).toContain(
      "Give the transcription's job id, then your question. Usage: /ask &lt;job id&gt; &lt;question&gt;",
    );
    const foreign = await command("ask", `${discordJob} when do we ship?`);
    expect(textOf((await responseTo(foreign.id, /was not found/)).body)).not.toContain("harbour release");
    expect(s.aai.gatewayCalls).toHaveLength(calls);
  }, 180_000);
});
