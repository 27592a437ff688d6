/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { teamText } from "../locale/sections-text.js";
import { listingText } from "../../../shared/chat/locale/listings.js";
import { randomUUID } from "node:crypto";
import type { PublicJob } from "../../../shared/jobs/view.js";
import { Layout, type Viewer } from "./layout.js";

export interface LoraCard {
  job: PublicJob;
  /** Pictures made with it, newest first. */
  samples: PublicJob[];
}

function promptOf(job: PublicJob): string {
  return typeof job.input.prompt === "string" ? job.input.prompt : inViewerLocale(teamText).loras.picture;
}

export function LorasPage(props: { viewer: Viewer; loras: LoraCard[] }) {
  const { viewer } = props;
  const text = inViewerLocale(teamText).loras;
  const statuses = inViewerLocale(listingText).statuses;
  return (
    <Layout title={text.title} viewer={viewer} current="/app/loras">
      <h1>{text.title}</h1>
      {props.loras.length === 0 ? <p class="empty">{text.none}</p> : null}
      <ul class="loras">
        {props.loras.map(({ job, samples }) => {
          const trigger = typeof job.input.triggerWord === "string" ? job.input.triggerWord : job.jobId;
          const versions = job.versions.filter((v) => "modelUrl" in v);
          return (
            <li>
              <h2>
                <a href={`/app/jobs/${job.jobId}`}>{trigger}</a>
              </h2>
              <p>
                <span class={`status status-${job.status}`}>{statuses[job.status]}</span> · {text.versions(versions.length)} ·{" "}
                {text.by(job.userId)}
                {typeof job.input.trainingMode === "string" ? ` · ${text.modes[job.input.trainingMode] ?? job.input.trainingMode}` : ""}
              </p>
              <p class="hint">
                {text.triggerWord} <code>{trigger}</code>
              </p>
              {samples.length > 0 ? (
                <div class="samples">
                  {samples.map((s) => (
                    <a href={`/app/jobs/${s.jobId}`}>
                      <img src={`/app/thumbnails/${s.jobId}/1`} alt={promptOf(s)} loading="lazy" width={72} height={72} />
                    </a>
                  ))}
                </div>
              ) : null}
              {job.status === "completed" ? (
                <>
                  <form method="post" action={`/app/loras/${job.jobId}/generate`} class="action">
                    <input type="hidden" name="_csrf" value={viewer.csrfToken} />
                    <input type="hidden" name="_once" value={randomUUID()} />
                    <label>
                      {text.prompt} <input name="prompt" required maxlength={1000} value={`${trigger}, `} />
                    </label>
                    <label>
                      {text.strength} <input name="scale" type="number" min="0" max="2" step="0.1" value="1" />
                    </label>
                    <button type="submit">{text.generate}</button>
                  </form>
                  {job.userId === viewer.userId ? (
                    <form method="post" action={`/app/loras/${job.jobId}/retrain`} class="action">
                      <input type="hidden" name="_csrf" value={viewer.csrfToken} />
                      <button type="submit">{text.retrain}</button>
                    </form>
                  ) : null}
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}
