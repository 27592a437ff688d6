import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slashCommandBody, slackSignature } from "../../infra/fakes/slack/index.js";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import type { NotesFile } from "../../shared/meeting/notes-schema.js";
import { transcriptKeys } from "../../shared/storage/keys.js";
import { listObjects, readObject } from "../../shared/storage/objects.js";
import { postToSlackApp, recordedDelivered, useChatStack } from "../helpers/chat.js";
import { jobOfCommand } from "../helpers/chat-jobs.js";
import { createFromGalleryUpload } from "../helpers/gallery-upload.js";
import { speakMeeting } from "../helpers/media.js";
import { runEntry, waitFor } from "../helpers/processes.js";

const ACME_GUILD = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };
const SLACK_CHANNEL = "C0GENERAL";

/** Two voices planning a release: an action item and a decision for the notes to find. */
const TURNS = [
  { voice: "en-us", text: "Hello team. We agreed to ship the release on friday." },
  { voice: "en-gb+f3", text: "Good. I will update the budget for next quarter." },
];
const textOf = (msg: unknown) => JSON.stringify(msg ?? "");

/**
 * The acceptance: one two-voice recording, spoken at run time, through /transcribe on
 * Discord and Slack, the CLI and the gallery's upload, each asking for a German translation. Each
 * job ends with the transcript, notes with chapters, and the transcript and notes in German,
 * stored in S3; the chat surfaces were posted the summary; /ask answers with quotes that are
 * lines of the transcript.
 */
describe("meeting workflow acceptance", () => {
  const s = useChatStack();
  let mp3: Buffer;
  let dir: string;
  const jobs: Record<string, JobDocument> = {};

  beforeAll(async () => {
    const meeting = await speakMeeting(TURNS);
    mp3 = meeting.mp3;
    s.aai.speech.set(meeting.sha256, meeting.script);
    dir = await mkdtemp(path.join(tmpdir(), "cg-acceptance-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("Discord: /transcribe with translate-to de", async () => {
    s.discord.serveFile("meeting.mp3", mp3);
    const sent = s.discord.slashCommand({
      name: "transcribe",
      guildId: ACME_GUILD,
      channelId: GENERAL,
      user: ann,
      options: { "translate-to": "de", "speaker-count": 2 },
      attachments: { file: { fileName: "meeting.mp3", contentType: "audio/mpeg" } },
    });
    const job = await s.finished((await jobOfCommand(s, `discord:${sent.id}`)).jobId);
    expect(job.status).toBe("completed");
    await recordedDelivered(s, job.jobId, 30_000);
    jobs.discord = job as unknown as JobDocument;
  }, 120_000);

  it("Slack: /transcribe with --translate-to de", async () => {
    const permalink = s.slack.addFile({ name: "meeting.mp3", mimetype: "audio/mpeg", bytes: mp3 });
    const triggerId = `${Date.now()}.acceptance`;
    const body = slashCommandBody({
      command: "/transcribe",
      text: `<${permalink}|meeting.mp3> --translate-to de --speaker-count 2`,
      teamId: "T0ACME",
      userId: "U0ANN",
      channelId: SLACK_CHANNEL,
      triggerId,
      responseUrl: s.slack.responseUrl(SLACK_CHANNEL),
    });
    expect((await postToSlackApp(s, body, slackSignature(s.slack.signingSecret, body))).status).toBe(200);
    const job = await s.finished((await jobOfCommand(s, `slack:${triggerId}`)).jobId);
    expect(job.status).toBe("completed");
    await recordedDelivered(s, job.jobId, 30_000);
    jobs.slack = job as unknown as JobDocument;
  }, 120_000);

  it("CLI: cg transcribe meeting.mp3 --translate-to de", async () => {
    const file = path.join(dir, "meeting.mp3");
    await writeFile(file, mp3);
    const run = runEntry("cli/main.ts", { API_URL: s.api.url, API_KEY: s.alice.key, LOG_LEVEL: "silent" }, [
      "transcribe",
      file,
      "--translate-to",
      "de",
      "--speaker-count",
      "2",
      "--poll-ms",
      "150",
    ]);
    expect(await run.exited, run.stderr()).toBe(0);
    const jobId = /^transcription (\S+) completed/m.exec(run.stdout())?.[1] ?? "";
    expect(run.stdout()).toContain("notes.de.md");
    jobs.cli = await s.finished(jobId);
  }, 120_000);

  it("gallery: the upload route, then jobs.create from the page with translateTo", async () => {
    const { jobId, cookie } = await createFromGalleryUpload(
      s.api.app,
      s.alice.key,
      { data: mp3, name: "meeting.mp3", contentType: "audio/mpeg" },
      { type: "transcription", speakersExpected: 2, translateTo: "de" },
    );
    const job = await s.finished(jobId);
    expect(job.status).toBe("completed");
    const jobPage = await (await s.api.app.request(`/app/jobs/${jobId}`, { headers: { cookie } })).text();
    expect(jobPage).toContain(">notes.de.md</a>");
    jobs.gallery = job;
  }, 120_000);

  it("each ends with transcript, notes with chapters and the German transcript and notes in S3; chat was posted the summary", async () => {
    expect(Object.keys(jobs).sort()).toEqual(["cli", "discord", "gallery", "slack"]);
    for (const [surface, job] of Object.entries(jobs)) {
      const keys = transcriptKeys(job.userId, job.jobId);
      const names: string[] = [];
      for await (const o of listObjects(s.api.deps.storage, keys.prefix)) names.push(o.key.slice(keys.prefix.length));
      expect(names.sort(), surface).toEqual([
        "notes.de.json",
        "notes.de.md",
        "notes.json",
        "notes.md",
        "transcript.de.srt",
        "transcript.de.txt",
        "transcript.de.vtt",
        "transcript.json",
        "transcript.srt",
        "transcript.txt",
        "transcript.vtt",
      ]);
      const notes = JSON.parse((await readObject(s.api.deps.storage, keys.notes(1, "json"))).toString()) as NotesFile;
      expect(notes.chapters.length, surface).toBeGreaterThan(0);
      expect(notes.actionItems.length, surface).toBeGreaterThan(0);
      const transcript = (await readObject(s.api.deps.storage, keys.text)).toString();
      for (const a of notes.actionItems) expect(transcript, surface).toContain(a.quote.text.replace(/[.!?]$/, ""));
      expect((await readObject(s.api.deps.storage, keys.translated("de").text)).toString(), surface).toMatch(/^\[de\] /);
      const notesDe = JSON.parse((await readObject(s.api.deps.storage, keys.translatedNotes(1, "de", "json"))).toString()) as NotesFile;
      expect(notesDe.summary, surface).toMatch(/^\[de\] /);
      if (surface === "discord") expect(textOf(s.discord.calls.map((c) => c.body)), surface).toContain(notes.summary.slice(0, 30));
      if (surface === "slack") expect(textOf(s.slack.calls.map((c) => c.args)), surface).toContain(notes.summary.slice(0, 30));
    }
  }, 60_000);

  it("/ask on Discord answers with quotes that are lines of the transcript", async () => {
    const job = jobs.discord;
    if (!job) throw new Error("the Discord job is missing");
    const sent = s.discord.slashCommand({
      name: "ask",
      guildId: ACME_GUILD,
      channelId: GENERAL,
      user: ann,
      options: { job: job.jobId, question: "when do we ship the release?" },
    });
    const reply = await waitFor(
      async () => {
        const msg = s.discord.original(sent.token);
        return /Answer from the meeting/.test(textOf(msg)) ? msg : undefined;
      },
      30_000,
      "the answer",
    );
    const transcript = (await readObject(s.api.deps.storage, transcriptKeys(job.userId, job.jobId).text)).toString();
    const quoted = [...textOf(reply).matchAll(/“([^”]+)”/g)].map((m) => m[1] ?? "");
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) expect(transcript).toContain(q.replace(/[.!?]$/, ""));
  }, 60_000);
});
