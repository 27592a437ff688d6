import { setTimeout as sleep } from "node:timers/promises";
import { translationText } from "../../shared/chat/locale/translation.js";
import type { ChatReply } from "../../shared/chat/reply.js";
import { formatBytes } from "../../shared/chat/reply.js";
import { languageName } from "../../shared/chat/translate-menu.js";
import type { ChatRequest } from "./request.js";

/**
 * How long a Translate choice's answer waits for the files: AssemblyAI translates a meeting in
 * seconds, and both platforms let a deferred answer be edited for far longer (Discord 15 min,
 * Slack's response_url 30 min).
 */
const WAIT_MS = 90_000;
const POLL_MS = 1_000;

/**
 * A Translate menu's choice: jobs.translate, then the translated files' links for the clicker
 * alone once they are among the job's files (the job's own message, delivered final once, is
 * not edited again).
 */
export async function translateTranscript(req: ChatRequest, button: { jobId: string; language: string }): Promise<ChatReply> {
  const locale = req.delivery.locale ?? "en";
  const t = translationText[locale];
  const name = languageName(button.language, locale);
  await req.api.jobs.translate.mutate({ jobId: button.jobId, language: button.language });
  const names = ["txt", "srt", "vtt"].map((ext) => `transcript.${button.language}.${ext}`);
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const job = await req.api.jobs.get.query({ jobId: button.jobId });
    const files = job.files.filter((f) => names.includes(f.fileName));
    if (files.length === names.length)
      return {
        title: t.translated(name),
        tone: "success",
        lines: [],
        links: files.map((f) => ({ label: `${f.fileName}${f.sizeBytes ? ` (${formatBytes(f.sizeBytes)})` : ""}`, url: f.url })),
      };
    await sleep(POLL_MS);
  }
  return { title: t.translating(name), tone: "info", lines: [t.later(name, button.jobId)] };
}
