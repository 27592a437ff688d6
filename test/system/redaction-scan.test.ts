import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slashCommandBody, slackSignature } from "../../infra/fakes/slack/index.js";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { transcriptKeys } from "../../shared/storage/keys.js";
import { listObjects, readObject } from "../../shared/storage/objects.js";
import { postToSlackApp, recordedDelivered, useChatStack } from "../helpers/chat.js";
import { jobOfCommand } from "../helpers/chat-jobs.js";
import { createFromGalleryUpload } from "../helpers/gallery-upload.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { speakMeeting } from "../helpers/media.js";
import { runEntry } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const ACME_GUILD = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };
const SLACK_TEAM = "T0ACME";
const SLACK_CHANNEL = "C0GENERAL";

/**
 * A meeting of two voices, spoken at run time, that names a person and gives a phone number and
 * an email: what PII redaction must hide, and every form of it that could leak.
 */
const TURNS = [
  { voice: "en-us", text: "Good morning, this is Sarah from the billing team." },
  { voice: "en-gb+f3", text: "Thanks Sarah. Please call me on 555-123-4567 or write to sarah@example.com about the invoice." },
];
const ENTITIES = ["Sarah", "sarah", "555-123-4567", "5551234567", "sarah@example.com"];

/**
 * Redaction on, on every surface: the recording goes through /transcribe on Discord and on Slack
 * (the local fakes, with the bots), the CLI, the API and the gallery's upload (the last two with a
 * translation, so the notes and transcript in German are scanned too). Then every S3 object of each job, its
 * Mongo document, every payload the chat fakes received (messages, files, responses) and the
 * captured logs are scanned: none holds the name, the phone number or the email; the text holds
 * AssemblyAI's [PERSON_NAME]-style tokens instead.
 */
describe("a redacted meeting leaves no personal data anywhere", () => {
  const logLines: string[] = [];
  const s = useChatStack({ logLines });
  let mp3: Buffer;
  let dir: string;
  const jobs: Record<string, JobDocument> = {};
  let cliOutput = "";
  let discordToken = "";

  beforeAll(async () => {
    const meeting = await speakMeeting(TURNS);
    mp3 = meeting.mp3;
    s.aai.speech.set(meeting.sha256, meeting.script);
    dir = await mkdtemp(path.join(tmpdir(), "cg-redaction-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("Discord: /transcribe with the recording attached and redact-pii on", async () => {
    s.discord.serveFile("meeting.mp3", mp3);
    const sent = s.discord.slashCommand({
      name: "transcribe",
      guildId: ACME_GUILD,
      channelId: GENERAL,
      user: ann,
      options: { "redact-pii": true, "speaker-count": 2 },
      attachments: { file: { fileName: "meeting.mp3", contentType: "audio/mpeg" } },
    });
    discordToken = sent.token;
    const job = await s.finished((await jobOfCommand(s, `discord:${sent.id}`)).jobId);
    expect(job.status).toBe("completed");
    expect(job.input).toMatchObject({ redactPii: true, speakersExpected: 2 });
    expect(job.input).not.toHaveProperty("speakerLabels");
    await recordedDelivered(s, job.jobId, 30_000);
    jobs.discord = job as unknown as JobDocument;
  }, 120_000);

  it("Slack: /transcribe with a Slack file link and --redact-pii", async () => {
    const permalink = s.slack.addFile({ name: "meeting.mp3", mimetype: "audio/mpeg", bytes: mp3 });
    const triggerId = `${Date.now()}.redaction`;
    const body = slashCommandBody({
      command: "/transcribe",
      text: `<${permalink}|meeting.mp3> --redact-pii --speaker-names “Ann, Bo”`,
      teamId: SLACK_TEAM,
      userId: "U0ANN",
      channelId: SLACK_CHANNEL,
      triggerId,
      responseUrl: s.slack.responseUrl(SLACK_CHANNEL),
    });
    expect((await postToSlackApp(s, body, slackSignature(s.slack.signingSecret, body))).status).toBe(200);
    const job = await s.finished((await jobOfCommand(s, `slack:${triggerId}`)).jobId);
    expect(job.status).toBe("completed");
    expect(job.input).toMatchObject({ redactPii: true, speakerNames: ["Ann", "Bo"] });
    await recordedDelivered(s, job.jobId, 30_000);
    jobs.slack = job as unknown as JobDocument;
  }, 120_000);

  it("CLI: cg transcribe meeting.mp3 --redact-pii", async () => {
    const file = path.join(dir, "meeting.mp3");
    await writeFile(file, mp3);
    const run = runEntry("cli/main.ts", { API_URL: s.api.url, API_KEY: s.alice.key, LOG_LEVEL: "silent" }, [
      "transcribe",
      file,
      "--redact-pii",
      "--speaker-count",
      "2",
      "--poll-ms",
      "150",
    ]);
    expect(await run.exited, run.stderr()).toBe(0);
    cliOutput = `${run.stdout()}\n${run.stderr()}`;
    const jobId = /^transcription (\S+) completed/m.exec(run.stdout())?.[1] ?? "";
    const job = await s.finished(jobId);
    expect(job.input).toMatchObject({ redactPii: true, speakersExpected: 2 });
    jobs.cli = job as unknown as JobDocument;
  }, 120_000);

  it("API: jobs.create with redactPii", async () => {
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(
        s.api.app,
        s.alice.key,
        "assets.uploadUrl",
        { fileName: "meeting.mp3", contentType: "audio/mpeg", sizeBytes: mp3.length },
        "mutation",
      ),
    );
    expect((await fetch(up.url, { method: "PUT", body: mp3, headers: up.headers })).status).toBe(200);
    const job = await s.finished(await s.create({ type: "transcription", uploadKey: up.uploadKey, redactPii: true, translateTo: "de" }));
    expect(job.status).toBe("completed");
    jobs.api = job;
  }, 120_000);

  it("gallery: the upload route, then jobs.create from the page with redactPii and translateTo", async () => {
    const { jobId, uploadKey, cookie } = await createFromGalleryUpload(
      s.api.app,
      s.alice.key,
      { data: mp3, name: "meeting.mp3", contentType: "audio/mpeg" },
      { type: "transcription", redactPii: true, translateTo: "de" },
    );
    const job = await s.finished(jobId);
    expect(job.status).toBe("completed");
    // Its page plays the redacted copy, never the upload.
    const jobPage = await (await s.api.app.request(`/app/jobs/${jobId}`, { headers: { cookie } })).text();
    expect(jobPage).toMatch(/<audio[^>]* src="[^"]*redacted-audio\.mp3/);
    expect(jobPage).not.toContain(uploadKey);
    jobs.gallery = job;
  }, 120_000);

  it("no entity in S3, Mongo, chat payloads, the CLI's output or the logs; the tokens are there", async () => {
    expect(Object.keys(jobs).sort()).toEqual(["api", "cli", "discord", "gallery", "slack"]);
    const haystacks: Array<[string, string]> = [];
    for (const [surface, job] of Object.entries(jobs)) {
      const keys = transcriptKeys(job.userId, job.jobId);
      const names: string[] = [];
      for await (const o of listObjects(s.api.deps.storage, keys.prefix)) {
        names.push(o.key.slice(keys.prefix.length));
        haystacks.push([`${surface} s3 ${o.key}`, (await readObject(s.api.deps.storage, o.key)).toString("latin1")]);
      }
      const translated = surface === "api" || surface === "gallery";
      expect(names.sort(), surface).toEqual([
        ...(translated ? ["notes.de.json", "notes.de.md"] : []),
        "notes.json",
        "notes.md",
        "redacted-audio.mp3",
        ...(translated ? ["transcript.de.srt", "transcript.de.txt", "transcript.de.vtt"] : []),
        "transcript.json",
        "transcript.srt",
        "transcript.txt",
        "transcript.vtt",
      ]);
      const text = (await readObject(s.api.deps.storage, keys.text)).toString("utf8");
      for (const token of ["[PERSON_NAME]", "[PHONE_NUMBER]", "[EMAIL_ADDRESS]"]) expect(text, surface).toContain(token);
      expect(text, surface).toContain("invoice");
      for (const doc of await rawJobs(s.api.deps).find({ jobId: job.jobId }).toArray())
        haystacks.push([`${surface} mongo`, JSON.stringify(doc)]);
    }
    // What the chat platforms were sent: every call's payload, the messages as they stand, the files uploaded to them.
    haystacks.push(["discord calls", JSON.stringify(s.discord.calls.map((c) => c.body))]);
    const discordMessages = [...s.discord.channelMessages(GENERAL), ...(discordToken ? [s.discord.original(discordToken)] : [])];
    haystacks.push(["discord messages", JSON.stringify(discordMessages)]);
    const discordFiles = discordMessages.flatMap((m) => (m?.attachments ?? []) as Array<{ url: string }>);
    expect(discordFiles.length).toBeGreaterThan(0);
    for (const f of discordFiles) haystacks.push([`discord file ${f.url}`, s.discord.attachment(f.url)?.toString("latin1") ?? ""]);
    haystacks.push(["slack calls", JSON.stringify(s.slack.calls.map((c) => c.args))]);
    haystacks.push(["slack responses", JSON.stringify(s.slack.responses)]);
    const slackFiles = s.slack.messages(SLACK_CHANNEL).flatMap((m) => m.files ?? []);
    expect(slackFiles.length).toBeGreaterThan(0);
    for (const id of slackFiles) haystacks.push([`slack file ${id}`, s.slack.uploaded(id)?.bytes.toString("latin1") ?? ""]);
    haystacks.push(["cli output", cliOutput]);
    haystacks.push(["logs", logLines.join("\n")]);
    expect(logLines.length).toBeGreaterThan(0);
    for (const [where, haystack] of haystacks)
      for (const entity of ENTITIES) expect(haystack, `${entity} in ${where}`).not.toContain(entity);
    // The chat messages carry the redacted transcript: its tokens reached them.
    expect(JSON.stringify(s.discord.calls.map((c) => c.body))).toContain("[PERSON_NAME]");
    expect(JSON.stringify(s.slack.calls.map((c) => c.args))).toContain("[PERSON_NAME]");
  }, 60_000);
});
