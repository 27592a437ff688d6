import { createHash } from "node:crypto";
import { expect } from "vitest";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { listObjects } from "../../shared/storage/objects.js";
import type { ChatStack } from "./chat.js";
import { waitFor } from "./processes.js";
import { rawJobs } from "./raw-jobs.js";

/** A chat message as JSON with its escapes undone, so a test matches the words a member reads. */
export const chatText = (msg: unknown) =>
  JSON.stringify(msg ?? {})
    .replaceAll("\\\\", "")
    .replaceAll('\\"', '"');

/** The Discord interaction's original response, once its words match `marker`. */
export function discordOriginal(s: ChatStack, token: string, marker: RegExp, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  return waitFor(
    async () => {
      const msg = s.discord.original(token);
      return msg && marker.test(chatText(msg)) ? msg : undefined;
    },
    timeoutMs,
    `a reply matching ${marker}`,
  );
}

/** The emulator hears `script` in `wav` from now on (without one it makes up words). */
function hear(s: ChatStack, wav: Buffer, script?: string): void {
  if (script) s.aai.speech.set(createHash("sha256").update(wav).digest("hex"), script);
}

/** /transcribe on Discord with `wav` attached as standup.wav. */
export function transcribeOnDiscord(
  s: ChatStack,
  at: { guildId: string; channelId: string; user: { id: string; username: string } },
  wav: Buffer,
  script?: string,
) {
  hear(s, wav, script);
  s.discord.serveFile("standup.wav", wav);
  return s.discord.slashCommand({
    name: "transcribe",
    ...at,
    attachments: { file: { fileName: "standup.wav", contentType: "audio/wav" } },
  });
}

/** /transcribe on Slack of standup.wav, a file shared in the workspace, sent to the app's /slack/events. */
export function transcribeOnSlack(s: ChatStack, at: { teamId: string; userId: string; channelId: string }, wav: Buffer, script?: string) {
  hear(s, wav, script);
  const permalink = s.slack.addFile({ name: "standup.wav", mimetype: "audio/wav", bytes: wav });
  return s.slack.slashCommand({
    command: "/transcribe",
    text: `<${permalink}|standup.wav>`,
    ...at,
    eventsUrl: `${s.api.url}/slack/events`,
  });
}

/** The job a command made, by its idempotency key (`discord:<interaction>`, `slack:<trigger>`), once there (and completed, when asked). */
export function jobOfCommand(
  s: ChatStack,
  idempotencyKey: string,
  opts: { completed?: boolean; timeoutMs?: number } = {},
): Promise<JobDocument> {
  return waitFor(
    async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey, ...(opts.completed ? { status: "completed" } : {}) })) ?? undefined,
    opts.timeoutMs ?? 20_000,
    `the job of ${idempotencyKey}`,
  );
}

/** The S3 key of picture `n` of a job's latest version. */
export const pictureKey = (job: { versions: unknown[] }, n = 1) =>
  (job.versions.at(-1) as { images: Array<{ s3Key: string }> }).images[n - 1]?.s3Key ?? "";

/** The components of a Discord message's action rows, flattened. */
export const componentsOf = (m: Record<string, unknown> | undefined) =>
  ((m?.components ?? []) as Array<{ components: Array<Record<string, unknown>> }>).flatMap((r) => r.components);

/** The first answer Discord took for an interaction: a deferral, or a refusal only its member sees. */
export function firstDiscordAnswer(s: ChatStack, interactionId: string, timeoutMs = 10_000) {
  return waitFor(
    async () => s.discord.calls.find((c) => c.path.startsWith(`/interactions/${interactionId}/`) && c.status < 300),
    timeoutMs,
    "the interaction's answer",
  );
}

/** How many uploads wait under temp/ for a job to take them. */
export async function uploadsStored(s: ChatStack): Promise<number> {
  let n = 0;
  for await (const _ of listObjects(s.api.deps.storage, "temp/")) n++;
  return n;
}

/** Runs `refused` and expects it changed nothing: no job, no upload. */
export async function expectNothingMade(s: ChatStack, refused: () => Promise<void>): Promise<void> {
  const jobCount = () => rawJobs(s.api.deps).countDocuments({});
  const [jobs, uploads] = [await jobCount(), await uploadsStored(s)];
  await refused();
  expect(await jobCount()).toBe(jobs);
  expect(await uploadsStored(s)).toBe(uploads);
}
