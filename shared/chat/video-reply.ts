import { type VideoMotion, videoEndpointName, videoModelEndpoints } from "../jobs/video-endpoints.js";
import type { PublicJob } from "../jobs/view.js";
import { downloadButtonId, jobButton } from "./job-buttons.js";
import type { ChatLocale } from "./locale/languages.js";
import { videoButtonsText } from "./locale/video-buttons.js";
import type { ChatReply, ReplyButton } from "./reply.js";

type Version = PublicJob["versions"][number];
export type PublicVideoVersion = Extract<Version, { video: unknown }>;

function operationOf(job: PublicJob): string | undefined {
  const op = (job.input as Record<string, unknown>).operation;
  return typeof op === "string" ? op : undefined;
}

/** A video job's title word: what it did (animate a picture, extend a clip) or, from a prompt, a video. */
export function videoTitle(job: PublicJob, locale: ChatLocale): string {
  const t = videoButtonsText[locale].titles;
  const op = operationOf(job);
  return op === "animate" ? t.animate : op === "extend" ? t.extend : t.textToVideo;
}

/** Seconds as a person reads a clip's length: 5 s, 5.2 s. */
export function clipSeconds(duration: number): string {
  return `${Number(duration.toFixed(1))} s`;
}

/**
 * Any clip of ours can be extended while some model has an extend endpoint (PixVerse's takes any
 * MP4 by its URL); with none, the button is not offered rather than refused at create.
 */
export function clipExtendable(): boolean {
  return Object.keys(videoModelEndpoints.extend).length > 0;
}

/**
 * A finished video job's message: its clip's length, model, motion, size and cost, the poster as
 * its picture (the deliver worker attaches the MP4 where it can, which then plays instead), and
 * Extend, Animate again and Download beside the job's Share (or Send to DM) and Delete: one row.
 */
export function videoResult(
  job: PublicJob,
  latest: PublicVideoVersion,
  a: {
    locale: ChatLocale;
    subject: string;
    /** The job's "Took" field, as the other results show it. */
    took?: { name: string; value: string } | undefined;
    pass: ReplyButton;
    del: ReplyButton;
    links: ChatReply["links"];
  },
): Omit<ChatReply, "title"> {
  const t = videoButtonsText[a.locale];
  const { video } = latest;
  const fields = [
    { name: t.fields.duration, value: clipSeconds(video.duration) },
    { name: t.fields.model, value: videoEndpointName(latest.endpoint) },
  ];
  const animate = operationOf(job) === "animate";
  if (animate) {
    const motion = (job.input as { motion?: VideoMotion }).motion ?? "low";
    fields.push({ name: t.fields.motion, value: t.motions[motion] });
  }
  fields.push({ name: t.fields.size, value: `${video.width}×${video.height}` });
  if (job.costUsd !== null) fields.push({ name: t.fields.cost, value: `$${job.costUsd.toFixed(2)}` });
  if (a.took) fields.push(a.took);
  const buttons: ReplyButton[] = [
    ...(clipExtendable() ? [{ id: jobButton("extend", job.jobId), label: t.result.extend }] : []),
    { id: jobButton("animate-again", job.jobId), label: animate ? t.result.animateAgain : t.result.again, style: "primary" },
    { id: downloadButtonId(job.jobId), label: t.result.download, url: video.url },
    a.pass,
    a.del,
  ];
  return {
    tone: "success",
    lines: [t.clipReady(clipSeconds(video.duration))],
    fields,
    ...(latest.posterUrl ? { images: [{ url: latest.posterUrl, alt: a.subject }] } : {}),
    links: a.links,
    buttons,
  };
}
