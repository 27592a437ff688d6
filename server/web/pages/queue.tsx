/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { organizeText } from "../locale/sections-text.js";
import { jobText } from "../locale/job-text.js";
import { count } from "../locale/numbers.js";
import { statusDetail } from "../../../shared/jobs/status-detail.js";
import type { PublicJob } from "../../../shared/jobs/view.js";
import { Layout, type Viewer } from "./layout.js";

/** A job in the queue view: running, or waiting at its place in its type's line (1 is next). */
export interface QueuedJob {
  job: PublicJob;
  position: number | null;
}

function titleOf(job: PublicJob): string {
  const prompt = job.input.prompt ?? job.parent?.prompt;
  if (typeof prompt === "string" && prompt) return prompt;
  if (typeof job.input.triggerWord === "string") return job.input.triggerWord;
  return inViewerLocale(organizeText).queue.kinds[job.type];
}

function Row(props: { viewer: Viewer; entry: QueuedJob }) {
  const { job, position } = props.entry;
  const title = titleOf(job);
  const mine = job.userId === props.viewer.userId;
  const text = inViewerLocale(organizeText).queue;
  return (
    <li class="queue-job" data-job-id={job.jobId} data-status={job.status}>
      <span class="kind">{text.kinds[job.type]}</span>
      <a class="title" href={`/app/jobs/${job.jobId}`}>
        {title}
      </a>
      <span class="who">{mine ? text.you : job.userId}</span>
      <span class={`status status-${job.status}`}>
        {job.status === "queued" ? text.waiting(position !== null ? count(position) : "?") : text.running}
      </span>
      {job.status === "running" ? (
        <progress max={100} value={job.progress ?? 0} aria-label={text.progressOf(title)}>
          {job.progress ?? 0}%
        </progress>
      ) : null}
      <span class="detail">{statusDetail(job, inViewerLocale(jobText).statusDetail)}</span>
      {mine ? (
        <form method="post" action={`/app/queue/${job.jobId}/cancel`} class="action" data-queue-cancel={job.jobId}>
          <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
          <button type="submit" class="danger" aria-label={text.cancelOf(title)}>
            {text.cancel}
          </button>
        </form>
      ) : null}
    </li>
  );
}

function Section(props: { viewer: Viewer; title: string; entries: QueuedJob[]; empty: string }) {
  return (
    <section class="queue" aria-label={props.title}>
      <h2>
        {props.title} <span class="count">({props.entries.length})</span>
      </h2>
      {props.entries.length === 0 ? (
        <p class="hint">{props.empty}</p>
      ) : (
        <ol class="queue-list">
          {props.entries.map((entry) => (
            <Row viewer={props.viewer} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}

/** The two lists, the part of the page the script fetches again (/app/queue/rows) to keep it live. */
export function QueueLists(props: { viewer: Viewer; entries: QueuedJob[] }) {
  const mine = props.entries.filter((e) => e.job.userId === props.viewer.userId);
  const team = props.entries.filter((e) => e.job.userId !== props.viewer.userId);
  const text = inViewerLocale(organizeText).queue;
  return (
    <div data-queue="">
      <Section viewer={props.viewer} title={text.yours} entries={mine} empty={text.noneYours} />
      <Section viewer={props.viewer} title={text.team} entries={team} empty={text.noneTeam} />
    </div>
  );
}

export function QueuePage(props: { viewer: Viewer; entries: QueuedJob[] }) {
  const text = inViewerLocale(organizeText).queue;
  return (
    <Layout title={text.title} viewer={props.viewer} current="/app/queue">
      <h1>{text.title}</h1>
      <p class="hint">{text.intro}</p>
      <QueueLists viewer={props.viewer} entries={props.entries} />
    </Layout>
  );
}
