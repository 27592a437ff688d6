/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { jobText } from "../locale/job-text.js";
import { listingText } from "../../../shared/chat/locale/listings.js";
import type { PublicJob } from "../../../shared/jobs/view.js";
import type { Lineage } from "../job-relations.js";

/** What a job made from a picture did to it, as a person would say it in the viewer's language. */
export function operationName(job: PublicJob): string {
  const text = inViewerLocale(jobText).lineage;
  const operation = typeof job.input.operation === "string" ? job.input.operation : "generate";
  const name = text.operations[operation] ?? operation;
  return operation === "pan" && typeof job.input.direction === "string" ? text.pan(name, job.input.direction) : name;
}

function titleOf(job: PublicJob): string {
  const prompt = typeof job.input.prompt === "string" && job.input.prompt ? job.input.prompt : job.parent?.prompt;
  return prompt ?? operationName(job);
}

/** One job of the tree: a thumbnail of the picture (a finished job's), or its status, with what it is under it. */
function Node(props: { job: PublicJob; image: number; label: string; current?: boolean }) {
  const { job, image, label } = props;
  const latest = job.versions.at(-1);
  const hasPicture = job.status === "completed" && latest !== undefined && "images" in latest && latest.images.length >= image;
  const inner = (
    <>
      {hasPicture ? (
        <img src={`/app/thumbnails/${job.jobId}/${image}`} alt={titleOf(job)} width={96} height={96} loading="lazy" />
      ) : (
        <span class={`status status-${job.status}`}>{inViewerLocale(listingText).statuses[job.status]}</span>
      )}
      <span class="label">{label}</span>
    </>
  );
  return props.current ? (
    <span class="node" aria-current="page">
      {inner}
    </span>
  ) : (
    <a class="node" href={`/app/jobs/${job.jobId}`}>
      {inner}
    </a>
  );
}

/**
 * A picture's lineage as a small tree, a generation a row: what it came from (a parent picture,
 * or a blend's sources), this job, and the jobs made from it, each a thumbnail that links to its job.
 */
export function LineageTree(props: { job: PublicJob; lineage: Lineage }) {
  const { job, lineage } = props;
  const several = ((job.versions.at(-1) as { images?: unknown[] } | undefined)?.images?.length ?? 0) > 1;
  const roots = lineage.parent ? [lineage.parent] : lineage.sources;
  if (roots.length === 0 && lineage.children.length === 0) return null;
  const text = inViewerLocale(jobText).lineage;
  const rootsName = lineage.parent ? text.madeFrom : text.blendedFrom;
  return (
    <section class="lineage" aria-labelledby="lineage-title">
      <h2 id="lineage-title">{text.heading}</h2>
      <ol class="tree">
        {roots.length > 0 ? (
          <li>
            <span class="level">{rootsName}</span>
            <ul class="row" aria-label={rootsName}>
              {roots.map((r, i) => (
                <li>
                  <Node job={r.job} image={r.image} label={lineage.parent ? text.parentPicture(r.image) : text.source(i + 1)} />
                </li>
              ))}
            </ul>
          </li>
        ) : null}
        <li>
          <span class="level">{text.thisJob}</span>
          <ul class="row">
            <li>
              <Node job={job} image={1} label={operationName(job)} current />
            </li>
          </ul>
        </li>
        {lineage.children.length > 0 ? (
          <li>
            <span class="level">{text.madeFromIt}</span>
            <ul class="row" aria-label={text.madeFromIt}>
              {lineage.children.map((child) => (
                <li>
                  <Node
                    job={child}
                    image={1}
                    label={several && child.parent ? text.ofPicture(operationName(child), child.parent.image) : operationName(child)}
                  />
                </li>
              ))}
              {lineage.moreChildren ? <li class="hint">{text.andMore}</li> : null}
            </ul>
          </li>
        ) : null}
      </ol>
    </section>
  );
}
