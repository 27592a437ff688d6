/** @jsxImportSource hono/jsx */
import type { PublicJob } from "../../../shared/jobs/view.js";
import type { Lineage } from "../job-relations.js";

/** What a job made from a picture did to it, as a person would say it. */
const operationNames: Record<string, string> = {
  upscale: "Upscale",
  vary: "Variation",
  edit: "Edit",
  "zoom-out": "Zoom out",
  pan: "Pan",
  "vary-region": "Region variation",
  describe: "Describe",
  blend: "Blend",
  generate: "Generation",
};

export function operationName(job: PublicJob): string {
  const operation = typeof job.input.operation === "string" ? job.input.operation : "generate";
  const name = operationNames[operation] ?? operation;
  return operation === "pan" && typeof job.input.direction === "string" ? `${name} ${job.input.direction}` : name;
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
        <span class={`status status-${job.status}`}>{job.status}</span>
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
  return (
    <section class="lineage" aria-labelledby="lineage-title">
      <h2 id="lineage-title">Lineage</h2>
      <ol class="tree">
        {roots.length > 0 ? (
          <li>
            <span class="level">{lineage.parent ? "Made from" : "Blended from"}</span>
            <ul class="row" aria-label={lineage.parent ? "Made from" : "Blended from"}>
              {roots.map((r, i) => (
                <li>
                  <Node job={r.job} image={r.image} label={lineage.parent ? `Parent · picture ${r.image}` : `Source ${i + 1}`} />
                </li>
              ))}
            </ul>
          </li>
        ) : null}
        <li>
          <span class="level">This job</span>
          <ul class="row">
            <li>
              <Node job={job} image={1} label={operationName(job)} current />
            </li>
          </ul>
        </li>
        {lineage.children.length > 0 ? (
          <li>
            <span class="level">Made from it</span>
            <ul class="row" aria-label="Made from it">
              {lineage.children.map((child) => (
                <li>
                  <Node
                    job={child}
                    image={1}
                    label={`${operationName(child)}${several && child.parent ? ` of picture ${child.parent.image}` : ""}`}
                  />
                </li>
              ))}
              {lineage.moreChildren ? <li class="hint">and more</li> : null}
            </ul>
          </li>
        ) : null}
      </ol>
    </section>
  );
}
