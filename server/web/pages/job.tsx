/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { jobText } from "../locale/job-text.js";
import { listingText } from "../../../shared/chat/locale/listings.js";
import { formText } from "../../../shared/chat/locale/forms.js";
import { imageSizes, type ImageSize } from "../../../shared/jobs/input.js";
import { galleryText } from "../locale/gallery-text.js";
import { count, usd } from "../locale/numbers.js";
import { operationName } from "./lineage.js";
import type { Child } from "hono/jsx";
import { finalStatuses } from "../../../shared/db/mongo/job-schema.js";
import { imageEndpointName, imageModelEndpoints } from "../../../shared/jobs/image-endpoints.js";
import { isVideoEndpoint, videoEndpointName } from "../../../shared/jobs/video-endpoints.js";
import type { ImageModel } from "../../../shared/jobs/input.js";
import { statusDetail } from "../../../shared/jobs/status-detail.js";
import type { PublicJob } from "../../../shared/jobs/view.js";
import type { Lineage, LoraShown } from "../job-relations.js";
import { type TranscriptLine, clock } from "../transcript-lines.js";
import { TranslateForm } from "./translate-form.js";
import { Action } from "./action-form.js";
import { SpeakerNamesForm } from "./speaker-names-form.js";
import { Layout, type Viewer } from "./layout.js";
import { LineageTree } from "./lineage.js";
import { LocalTime } from "./local-time.js";
import { PictureActions } from "./picture-actions.js";
import { VideoVersion } from "./video-player.js";
import { ClipActions } from "./clip-actions.js";

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
  if (latest && "endpoint" in latest && typeof latest.endpoint === "string")
    return isVideoEndpoint(latest.endpoint) ? videoEndpointName(latest.endpoint) : imageEndpointName(latest.endpoint);
  const model = job.input.model;
  if (typeof model === "string" && model in imageModelEndpoints) return imageEndpointName(imageModelEndpoints[model as ImageModel]);
  return undefined;
}

/** A LoRA by its trigger word and version, linked to its job; by its id only when the viewer cannot see it. */
function LoraFact(props: { lora: LoraShown }) {
  const { lora } = props;
  const text = inViewerLocale(jobText).facts;
  const strength = text.strength(lora.scale);
  if (lora.trigger === null) return <Field name={text.lora} value={`${lora.jobId} (${strength})`} />;
  return (
    <Field name={text.lora} value={undefined}>
      <a href={`/app/jobs/${lora.jobId}`} class="lora">
        {lora.trigger}
      </a>
      {lora.version !== null ? ` v${lora.version}` : ""} · {strength}
    </Field>
  );
}

/** A size preset by the chat forms' name for it ("Landscape 4:3"), else as asked: WxH. */
function sizeName(job: PublicJob): string | undefined {
  const preset = job.input.imageSize;
  if (typeof preset === "string" && (imageSizes as readonly string[]).includes(preset))
    return inViewerLocale(formText).sizes[preset as ImageSize];
  if (preset !== undefined) return String(preset);
  return job.input.width ? `${job.input.width}×${job.input.height}` : undefined;
}

/** A running job's bar follows its progress; a completed job's is full; a failed or canceled job has none. */
function ProgressBar(props: { job: PublicJob }) {
  const { status, progress } = props.job;
  if (status === "failed" || status === "canceled") return null;
  const value = status === "completed" ? 100 : (progress ?? 0);
  return (
    <progress max={100} value={value} data-field="progress" aria-label={inViewerLocale(jobText).progress}>
      {value}%
    </progress>
  );
}

/** A transcript to read: its lines, a search inside it, and the audio when the job's audio is ours. */
export interface TranscriptView {
  lines: TranscriptLine[];
  /** A presigned URL of the audio: the upload while it is kept (a day), or a redacted job's redacted copy only. */
  audioUrl: string | null;
  q: string;
  /** The language a translation was just asked for (the translate form's answer). */
  translating?: string | undefined;
  /** The transcript's speakers by their label, and the names the team gave them. */
  speakers: string[];
  names: Record<string, string>;
}

function Transcript(props: { viewer: Viewer; jobId: string; view: TranscriptView }) {
  const { lines, audioUrl, q, speakers, names } = props.view;
  const needle = q.toLowerCase();
  const text = inViewerLocale(jobText).transcript;
  return (
    <section class="reader" aria-label={text.heading}>
      <h2>{text.heading}</h2>
      {audioUrl ? (
        // biome-ignore lint/a11y/useMediaCaption: the transcript below is the audio's text, line by line
        <audio controls preload="metadata" src={audioUrl} data-transcript-audio="" />
      ) : (
        <p class="hint">{text.notKept}</p>
      )}
      <search>
        <form method="get" action={`/app/jobs/${props.jobId}`} class="filters">
          <label>
            {text.find} <input type="search" name="q" value={q} data-transcript-search="" />
          </label>
          <button type="submit">{text.findButton}</button>
        </form>
      </search>
      <SpeakerNamesForm viewer={props.viewer} jobId={props.jobId} speakers={speakers} names={names} />
      <ol class="transcript">
        {lines.map((line) => (
          <li hidden={needle !== "" && !line.text.toLowerCase().includes(needle)} data-start={String(line.start)}>
            {audioUrl ? (
              <button type="button" class="at" aria-label={text.playFrom(clock(line.start))}>
                {clock(line.start)}
              </button>
            ) : (
              <span class="at">{clock(line.start)}</span>
            )}
            <span class="speaker">{line.speaker ? (names[line.speaker] ?? text.speaker(line.speaker)) : ""}</span>
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
  const text = inViewerLocale(jobText);
  const gallery = inViewerLocale(galleryText);
  const facts = text.facts;
  const [madeBefore, madeLink, madeAfter] = text.madeFrom(job.parent?.image ?? 1);
  return (
    <Layout title={prompt ?? text.types[job.type]} viewer={viewer}>
      <p>
        <a href="/app">{text.back}</a>
      </p>
      <h1>{prompt ?? text.types[job.type]}</h1>
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <section class="status-panel" data-watch={running ? job.jobId : undefined} aria-live="polite">
        <span class={`status status-${job.status}`} data-field="status">
          {inViewerLocale(listingText).statuses[job.status]}
        </span>
        <ProgressBar job={job} />
        <span data-field="detail">{statusDetail(job, text.statusDetail)}</span>
      </section>
      <dl class="facts">
        <Field name={facts.type} value={text.types[job.type]} />
        <Field name={facts.author} value={job.userId} />
        <Field name={facts.visibility} value={facts.visibilities[job.visibility]} />
        <Field name={facts.seed} value={latest && "seed" in latest ? latest.seed : undefined} />
        <Field name={facts.size} value={sizeName(job)} />
        <Field name={facts.operation} value={typeof job.input.operation === "string" ? operationName(job) : undefined} />
        <Field name={facts.model} value={modelName(job)} />
        <Field name={facts.cost} value={job.costUsd !== null ? usd(job.costUsd) : undefined} />
        {props.lora ? <LoraFact lora={props.lora} /> : null}
        <Field name={facts.triggerWord} value={job.input.triggerWord} />
        <Field name={facts.created} value={undefined}>
          <LocalTime iso={job.createdAt} />
        </Field>
        {job.finishedAt ? (
          <Field name={facts.finished} value={undefined}>
            <LocalTime iso={job.finishedAt} />
          </Field>
        ) : null}
      </dl>
      {job.parent && !props.lineage?.parent ? (
        <p>
          {madeBefore}
          <a href={`/app/jobs/${job.parent.jobId}`}>{madeLink}</a>
          {madeAfter}
        </p>
      ) : null}
      {props.lineage ? <LineageTree job={job} lineage={props.lineage} /> : null}
      {[...job.versions].reverse().map((v) => (
        <section class="version" aria-label={text.version(v.version)}>
          <h2>{text.version(v.version)}</h2>
          {"images" in v ? (
            <ul class="pictures">
              {v.images.map((img, i) => {
                const n = i + 1;
                const isLatest = v === latest;
                return (
                  <li>
                    <img
                      src={`/app/images/${job.jobId}/${n}?version=${v.version}`}
                      alt={v.images.length > 1 ? gallery.nthOf(prompt ?? text.picture, n, v.images.length) : (prompt ?? text.picture)}
                      width={img.width}
                      height={img.height}
                      loading="lazy"
                    />
                    <p class="actions">
                      <a
                        href={img.url}
                        download
                        aria-label={
                          v.images.length > 1 ? text.actions.ofPicture(text.downloadSize(`${img.width}×${img.height}`), n) : undefined
                        }
                      >
                        {text.downloadSize(`${img.width}×${img.height}`)}
                      </a>
                    </p>
                    {isLatest && job.status === "completed" ? (
                      <PictureActions viewer={viewer} jobId={job.jobId} image={n} pictures={v.images.length} />
                    ) : null}
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
                      label={text.generate}
                      title={text.generatePrompt(p)}
                      fields={{ prompt: p, aspectRatio: v.aspectRatio ?? "" }}
                    />
                  </li>
                ))}
              </ol>
              {v.aspectRatio ? <p class="hint">{text.aspectRatio(v.aspectRatio)}</p> : null}
            </>
          ) : "video" in v ? (
            <>
              <VideoVersion jobId={job.jobId} version={v} latest={v === latest} title={prompt ?? text.types[job.type]} />
              {v === latest && job.status === "completed" ? <ClipActions viewer={viewer} job={job} /> : null}
            </>
          ) : "modelUrl" in v ? (
            <p>
              <a href={v.modelUrl}>{text.downloadModel}</a>
            </p>
          ) : (
            <p>
              {text.transcriptSummary(v.wordCount, count(v.duration))} <a href={v.textUrl}>{text.text}</a> ·{" "}
              <a href={v.transcriptUrl}>JSON</a>
            </p>
          )}
        </section>
      ))}
      {props.transcript ? <Transcript viewer={viewer} jobId={job.jobId} view={props.transcript} /> : null}
      {props.transcript ? <TranslateForm viewer={viewer} job={job} asked={props.transcript.translating} /> : null}
      {job.files.length > 0 ? (
        <section aria-label={text.files}>
          <h2>{text.files}</h2>
          <ul class="files">
            {job.files.map((f) => (
              <li>
                <a href={f.url}>{f.fileName}</a> (v{f.version}
                {f.sizeBytes ? `, ${count(Math.ceil(f.sizeBytes / 1024))} KB` : ""})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="job-actions" aria-label={text.actions.label}>
        {job.type === "image-generation" && prompt ? (
          <a class="button" href={`/app?remix=${encodeURIComponent(job.jobId)}`}>
            {text.actions.remix}
          </a>
        ) : null}
        {job.type === "image-generation" && job.status !== "queued" && job.status !== "running" ? (
          <Action viewer={viewer} jobId={job.jobId} action="rerun" label={text.actions.rerun} />
        ) : null}
        {running && mine ? <Action viewer={viewer} jobId={job.jobId} action="cancel" label={text.actions.cancel} /> : null}
        {job.visibility === "private" && job.delivery ? (
          <Action viewer={viewer} jobId={job.jobId} action="share" label={text.actions.share} />
        ) : null}
        {mine ? <Action viewer={viewer} jobId={job.jobId} action="delete" label={text.actions.delete} danger /> : null}
      </section>
    </Layout>
  );
}
