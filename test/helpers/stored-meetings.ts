import { randomUUID } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { indexTranscript } from "../../shared/meeting-search/index-transcript.js";
import { tempKey, transcriptKeys } from "../../shared/storage/keys.js";
import type { TestApi } from "./api.js";

/** A speaker's turn: who, and what they said. */
export type Turn = [speaker: string, text: string];

const WORD_MS = 400;

/** AssemblyAI's transcript object for these turns: each word 400 ms long, turns one after another. */
export function transcriptOf(turns: readonly Turn[], startMs = 0) {
  let at = startMs;
  const utterances = turns.map(([speaker, text]) => {
    const words = text.split(/\s+/).map((w) => {
      const word = { text: w, start: at, end: at + WORD_MS - 50, confidence: 0.95, speaker };
      at += WORD_MS;
      return word;
    });
    return { speaker, text, start: words[0]?.start ?? at, end: words.at(-1)?.end ?? at, confidence: 0.95, words };
  });
  return { text: turns.map(([, t]) => t).join(" "), words: utterances.flatMap((u) => u.words), utterances };
}

/**
 * A finished meeting as the transcription worker leaves it: the job, its transcript.json in S3 and
 * (unless told not to, as for a transcription stored before the search existed) its passages.
 * With `audio`, the recording is the job's upload, so the gallery can play it.
 */
export async function storedMeeting(
  api: TestApi,
  owner: { userId: string; workspaceId: string },
  turns: readonly Turn[],
  opts: { fileName?: string; createdAt?: Date; visibility?: "workspace" | "private"; index?: boolean; audio?: Buffer } = {},
): Promise<{ jobId: string; fileName: string }> {
  const jobId = randomUUID();
  const fileName = opts.fileName ?? `meeting-${jobId.slice(0, 8)}.wav`;
  const uploadKey = tempKey(owner.workspaceId, owner.userId, fileName);
  const keys = transcriptKeys(owner.userId, jobId);
  const put = (Key: string, Body: string | Buffer, ContentType: string) =>
    api.deps.storage.client.send(new PutObjectCommand({ Bucket: api.deps.storage.bucket, Key, Body, ContentType }));
  const transcript = transcriptOf(turns);
  await put(keys.json, JSON.stringify(transcript), "application/json");
  if (opts.audio) await put(uploadKey, opts.audio, "audio/wav");
  const { job } = await api.deps.jobs.create(
    {
      jobId,
      type: "transcription",
      userId: owner.userId,
      workspaceId: owner.workspaceId,
      visibility: opts.visibility ?? "workspace",
      input: { uploadKey },
    },
    opts.createdAt,
  );
  await api.deps.jobs.pushVersion(jobId, {
    version: 1,
    transcriptUrl: keys.json,
    textUrl: keys.text,
    wordCount: transcript.words.length,
    duration: (transcript.words.at(-1)?.end ?? 0) / 1000,
    s3Keys: { json: keys.json, text: keys.text },
  });
  if (opts.index !== false) await indexTranscript(api.deps.jobs, job, transcript);
  await api.deps.jobs.setStatus(jobId, "completed", { progress: 100 });
  return { jobId, fileName };
}
