/** @jsxImportSource hono/jsx */
import type { PublicJob } from "../../../shared/jobs/view.js";
import { transcribedFileName } from "../../../shared/jobs/transcript-excerpt.js";

const typeLabels = { "image-generation": "Images", transcription: "Transcripts", "lora-training": "LoRAs" } as const;

/**
 * What a tile without a picture is titled by, and the line under it: a transcript by its file's
 * name and its first words (stored at completion; a transcript made before has its word count
 * instead), a LoRA by its trigger word, anything else by its prompt.
 */
export function textTileTitle(job: PublicJob, prompt: string): { title: string; detail?: string } {
  if (job.type === "lora-training" && typeof job.input.triggerWord === "string") return { title: job.input.triggerWord };
  if (job.type !== "transcription") return { title: prompt };
  const title = transcribedFileName(job.input) ?? "Transcript";
  const latest = job.versions.at(-1);
  if (!latest || !("wordCount" in latest)) return { title };
  if (latest.excerpt) return { title, detail: latest.excerpt };
  return { title, detail: `${latest.wordCount} ${latest.wordCount === 1 ? "word" : "words"}` };
}

/** A job without pictures as a tile: its kind, its title and first words, and its status. */
export function TextTileLink(props: { job: PublicJob; prompt: string }) {
  const { job } = props;
  const { title, detail } = textTileTitle(job, props.prompt);
  return (
    <a href={`/app/jobs/${job.jobId}`}>
      <span class="kind">{typeLabels[job.type]}</span>
      <span class="title">{title}</span>
      {detail ? <span class="excerpt">{detail}</span> : null}
      <span class={`status status-${job.status}`}>{job.status}</span>
    </a>
  );
}
