/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { galleryText } from "../locale/gallery-text.js";
import type { PublicJob } from "../../../shared/jobs/view.js";
import { transcribedFileName } from "../../../shared/jobs/transcript-excerpt.js";

/**
 * What a tile without a picture is titled by, and the line under it: a transcript by its file's
 * name and its first words (stored at completion; a transcript made before has its word count
 * instead), a LoRA by its trigger word, anything else by its prompt.
 */
export function textTileTitle(job: PublicJob, prompt: string): { title: string; detail?: string } {
  if (job.type === "lora-training" && typeof job.input.triggerWord === "string") return { title: job.input.triggerWord };
  if (job.type !== "transcription") return { title: prompt };
  const text = inViewerLocale(galleryText);
  const title = transcribedFileName(job.input) ?? text.transcript;
  const latest = job.versions.at(-1);
  if (!latest || !("wordCount" in latest)) return { title };
  if (latest.excerpt) return { title, detail: latest.excerpt };
  return { title, detail: text.words(latest.wordCount) };
}

/** A job without pictures as a tile: its kind, its title and first words, and its status. */
export function TextTileLink(props: { job: PublicJob; prompt: string }) {
  const { job } = props;
  const { title, detail } = textTileTitle(job, props.prompt);
  const text = inViewerLocale(galleryText);
  return (
    <a href={`/app/jobs/${job.jobId}`}>
      <span class="kind">{text.types[job.type]}</span>
      <span class="title">{title}</span>
      {detail ? <span class="excerpt">{detail}</span> : null}
      <span class={`status status-${job.status}`}>{text.statuses[job.status]}</span>
    </a>
  );
}
