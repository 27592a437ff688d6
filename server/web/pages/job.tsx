/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { finalStatuses } from "../../../shared/db/mongo/job-schema.js";
import { imageEndpointName, imageModelEndpoints } from "../../../shared/jobs/image-endpoints.js";
import type { ImageModel } from "../../../shared/jobs/input.js";
import { statusDetail } from "../../../shared/jobs/status-detail.js";
import type { PublicJob } from "../../../shared/jobs/view.js";
import type { Lineage, LoraShown } from "../job-relations.js";
import { type TranscriptLine, clock } from "../transcript-lines.js";
import { Action } from "./action-form.js";
import { Layout, type Viewer } from "./layout.js";
import { LineageTree } from "./lineage.js";
import { LocalTime } from "./local-time.js";
import { PictureActions } from "./picture-actions.js";

const typeNames = { "image-generation": "Image generation", transcription: "Transcription", "lora-training": "LoRA training" } as const;

function Field(props: { name: string; value: unknown; children?: Child }) {
  if (props.children) {
    return (
      <>
        <dt>{props.name}</dt>
        <dd>{props.children}</dd>
      </>
    );
  }
  if (props.value === undefined || props.value === null || props.value === "") return null;
  return (
    <>
      <dt>{props.name}</dt>
      <dd>{String(props.value)}</dd>
    </>
  );
}

/** The model a job ran on by the name people know it by: its result's endpoint, else the model it asked for. */
function modelName(job: PublicJob): string | undefined {
  const latest = job.versions.at(-1);
  if (latest && "endpoint" in latest && typeof latest.endpoint === "string") return imageEndpointName(latest.endpoint);
  const model = job.input.model;
  if (typeof model === "string" && model in imageModelEndpoints) return imageEndpointName(imageModelEndpoints[model as ImageModel]);
  return undefined;
}

/** A LoRA by its trigger word and version, linked to its job; by its id only when the viewer cannot see it. */
function LoraFact(props: { lora: LoraShown }) {
  const { lora } = props;
  const strength = `strength ${lora.scale}`;
  if (lora.trigger === null) return <Field name="LoRA" value={`${lora.jobId} (${strength})`} />;
  return (
    <Field name="LoRA" value={undefined}>
      <a href={`/app/jobs/${lora.jobId}`} class="lora">
        {lora.trigger}
      </a>
      {lora.version !== null ? ` v${lora.version}` : ""} · {strength}
    </Field>
  );
}

/** A running job's bar follows its progress; a completed job's is full; a failed or canceled job has none. */
function ProgressBar(props: { job: PublicJob }) {
  const { status, progress } = props.job;
  if (status === "failed" || status === "canceled") return null;
  const value = status === "completed" ? 100 : (progress ?? 0);
  return (
    <progress max={100} value={value} data-field="progress" aria-label="Progress">
      {value}%
    </progress>
  );
}

/** A transcript to read: its lines, a search inside it, and the audio when the job's audio is ours. */
export interface TranscriptView {
  lines: TranscriptLine[];
  /** A presigned URL of the uploaded audio, while it is kept (uploads expire after a day). */
  audioUrl: string | null;
  q: string;
}

function Transcript(props: { jobId: string; view: TranscriptView }) {
  const { lines, audioUrl, q } = props.view;
  const needle = q.toLowerCase();
  return (
    <section class="reader" aria-label="Transcript">
      <h2>Transcript</h2>
      {audioUrl ? (
        // biome-ignore lint/a11y/useMediaCaption: the transcript below is the audio's text, line by line
        <audio controls preload="metadata" src={audioUrl} data-transcript-audio="" />
      ) : (
        <p class="hint">The audio is not kept (uploads are deleted after a day, and URLs are not fetched again), so lines do not play.</p>
      )}
      <search>
        <form method="get" action={`/app/jobs/${props.jobId}`} class="filters">
          <label>
            Find in the transcript <input type="search" name="q" value={q} data-transcript-search="" />
          </label>
          <button type="submit">Find</button>
        </form>
      </search>
      <ol class="transcript">
        {lines.map((line) => (
          <li hidden={needle !== "" && !line.text.toLowerCase().includes(needle)} data-start={String(line.start)}>
            {audioUrl ? (
              <button type="button" class="at" aria-label={`Play from ${clock(line.start)}`}>
                {clock(line.start)}
              </button>
            ) : (
              <span class="at">{clock(line.start)}</span>
            )}
            <span class="speaker">{line.speaker ? `Speaker ${line.speaker}` : ""}</span>
            <span class="text">{line.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function JobPage(props: {
  viewer: Viewer;
  job: PublicJob;
  error?: string | undefined;
  transcript?: TranscriptView | undefined;
  lora?: LoraShown | undefined;
  lineage?: Lineage | undefined;
}) {
  const { job, viewer } = props;
  const prompt = typeof job.input.prompt === "string" ? job.input.prompt : (job.parent?.prompt ?? null);
  const running = !finalStatuses.includes(job.status);
  const latest = job.versions.at(-1);
  const mine = job.userId === viewer.userId;
  return (
    <Layout title={prompt ?? typeNames[job.type]} viewer={viewer}>
      <p>
        <a href="/app">← Gallery</a>
      </p>
      <h1>{prompt ?? typeNames[job.type]}</h1>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <section class="status-panel" data-watch={running ? job.jobId : undefined} aria-live="polite">
        <span class={`status status-${job.status}`} data-field="status">
          {job.status}
        </span>
        <ProgressBar job={job} />
        <span data-field="detail">{statusDetail(job)}</span>
      </section>
      <dl class="facts">
        <Field name="Type" value={typeNames[job.type]} />
        <Field name="Author" value={job.userId} />
        <Field name="Visibility" value={job.visibility} />
        <Field name="Seed" value={latest && "seed" in latest ? latest.seed : undefined} />
        <Field name="Size" value={job.input.imageSize ?? (job.input.width ? `${job.input.width}×${job.input.height}` : undefined)} />
        <Field name="Operation" value={job.input.operation} />
        <Field name="Model" value={modelName(job)} />
        <Field name="Cost" value={job.costUsd !== null ? `$${job.costUsd.toFixed(3)}` : undefined} />
        {props.lora ? <LoraFact lora={props.lora} /> : null}
        <Field name="Trigger word" value={job.input.triggerWord} />
        <Field name="Created" value={undefined}>
          <LocalTime iso={job.createdAt} />
        </Field>
        {job.finishedAt ? (
          <Field name="Finished" value={undefined}>
            <LocalTime iso={job.finishedAt} />
          </Field>
        ) : null}
      </dl>
      {job.parent && !props.lineage?.parent ? (
        <p>
          Made from picture {job.parent.image} of <a href={`/app/jobs/${job.parent.jobId}`}>this job</a>.
        </p>
      ) : null}
      {props.lineage ? <LineageTree job={job} lineage={props.lineage} /> : null}
      {[...job.versions].reverse().map((v) => (
        <section class="version" aria-label={`Version ${v.version}`}>
          <h2>Version {v.version}</h2>
          {"images" in v ? (
            <ul class="pictures">
              {v.images.map((img, i) => {
                const n = i + 1;
                const isLatest = v === latest;
                return (
                  <li>
                    <img
                      src={`/app/images/${job.jobId}/${n}?version=${v.version}`}
                      alt={v.images.length > 1 ? `${prompt ?? "picture"} (${n} of ${v.images.length})` : (prompt ?? "picture")}
                      width={img.width}
                      height={img.height}
                      loading="lazy"
                    />
                    <p class="actions">
                      <a href={img.url} download>
                        Download {img.width}×{img.height}
                      </a>
                    </p>
                    {isLatest && job.status === "completed" ? <PictureActions viewer={viewer} jobId={job.jobId} image={n} /> : null}
                  </li>
                );
              })}
            </ul>
          ) : "prompts" in v ? (
            <>
              <ol class="prompts">
                {v.prompts.map((p) => (
                  <li>
                    <span class="prompt">{p}</span>
                    <Action
                      viewer={viewer}
                      jobId={job.jobId}
                      action="generate-prompt"
                      label="Generate"
                      title={`Generate: ${p}`}
                      fields={{ prompt: p, aspectRatio: v.aspectRatio ?? "" }}
                    />
                  </li>
                ))}
              </ol>
              {v.aspectRatio ? <p class="hint">Aspect ratio {v.aspectRatio}: a generation from a prompt keeps it.</p> : null}
            </>
          ) : "modelUrl" in v ? (
            <p>
              <a href={v.modelUrl}>Download model.safetensors</a>
            </p>
          ) : (
            <p>
              {v.wordCount} words, {Math.round(v.duration)} s. <a href={v.textUrl}>Text</a> · <a href={v.transcriptUrl}>JSON</a>
            </p>
          )}
        </section>
      ))}
      {props.transcript ? <Transcript jobId={job.jobId} view={props.transcript} /> : null}
      {job.files.length > 0 ? (
        <section aria-label="Files">
          <h2>Files</h2>
          <ul class="files">
            {job.files.map((f) => (
              <li>
                <a href={f.url}>{f.fileName}</a> (v{f.version}
                {f.sizeBytes ? `, ${Math.ceil(f.sizeBytes / 1024)} KB` : ""})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="job-actions" aria-label="Actions">
        {job.type === "image-generation" && prompt ? (
          <a class="button" href={`/app?remix=${encodeURIComponent(job.jobId)}`}>
            Remix
          </a>
        ) : null}
        {job.type === "image-generation" && job.status !== "queued" && job.status !== "running" ? (
          <Action viewer={viewer} jobId={job.jobId} action="rerun" label="Rerun with a new seed" />
        ) : null}
        {running && mine ? <Action viewer={viewer} jobId={job.jobId} action="cancel" label="Cancel" /> : null}
        {job.visibility === "private" && job.delivery ? (
          <Action viewer={viewer} jobId={job.jobId} action="share" label="Share to the channel" />
        ) : null}
        {mine ? <Action viewer={viewer} jobId={job.jobId} action="delete" label="Delete" danger /> : null}
      </section>
    </Layout>
  );
}
