/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { jobText } from "../locale/job-text.js";
import { listingText } from "../../../shared/chat/locale/listings.js";
import type { PublicJob } from "../../../shared/jobs/view.js";
import type { Lineage } from "../job-relations.js";
import { videoText } from "../locale/video-text.js";
import { videoPath } from "./video-player.js";

/** What a job made from a picture did to it, as a person would say it in the viewer's language. */
export function operationName(job: PublicJob): string {
  const text = inViewerLocale(jobText).lineage;
  if (job.type === "video-generation") {
    const video = inViewerLocale(videoText).operations;
    return job.input.operation === "animate" || job.input.operation === "extend" ? video[job.input.operation] : video["text-to-video"];
  }
  const operation = typeof job.input.operation === "string" ? job.input.operation : "generate";
  const name = text.operations[operation] ?? operation;
  return operation === "pan" && typeof job.input.direction === "string" ? text.pan(name, job.input.direction) : name;
}

function titleOf(job: PublicJob): string {
  const prompt = typeof job.input.prompt === "string" && job.input.prompt ? job.input.prompt : job.parent?.prompt;
  return prompt ?? operationName(job);
}

/** What a finished job of the tree shows: a thumbnail of its picture, or a clip's poster. */
function thumbnailOf(job: PublicJob, image: number): string | null {
  const latest = job.status === "completed" ? job.versions.at(-1) : undefined;
  if (latest && "images" in latest && latest.images.length >= image) return `/app/thumbnails/${job.jobId}/${image}`;
  if (latest && "video" in latest && latest.posterUrl) return videoPath(job.jobId, "poster");
  return null;
}

/** One job of the tree: a thumbnail of the picture or the clip's poster (a finished job's), or its status, with what it is under it. */
function Node(props: { job: PublicJob; image: number; label: string; current?: boolean }) {
  const { job, image, label } = props;
  const thumbnail = thumbnailOf(job, image);
  const inner = (
    <>
      {thumbnail ? (
        <img src={thumbnail} alt={titleOf(job)} width={96} height={96} loading="lazy" />
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
 * A picture's or a clip's lineage as a small tree, a generation a row: what it came from (a parent
 * picture or clip, or a blend's sources), this job, and the jobs made from it, each a thumbnail
 * (a clip's poster) that links to its job.
 */
export function LineageTree(props: { job: PublicJob; lineage: Lineage }) {
  const { job, lineage } = props;
  const several = ((job.versions.at(-1) as { images?: unknown[] } | undefined)?.images?.length ?? 0) > 1;
  const roots = lineage.parent ? [lineage.parent] : lineage.sources;
  if (roots.length === 0 && lineage.children.length === 0) return null;
  const text = inViewerLocale(jobText).lineage;
  const rootsName = lineage.parent ? text.madeFrom : text.blendedFrom;
  // An extend's parent is a clip, every other parent a picture.
  const parentLabel = (parent: PublicJob, n: number) =>
    parent.type === "video-generation" ? inViewerLocale(videoText).parentClip : text.parentPicture(n);
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
                  <Node job={r.job} image={r.image} label={lineage.parent ? parentLabel(r.job, r.image) : text.source(i + 1)} />
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
