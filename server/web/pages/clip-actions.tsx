/** @jsxImportSource hono/jsx */
import { randomUUID } from "node:crypto";
import { videoButtonsText } from "../../../shared/chat/locale/video-buttons.js";
import { clipExtendable } from "../../../shared/chat/video-reply.js";
import { videoEndpointName, videoModelEndpoints } from "../../../shared/jobs/video-endpoints.js";
import type { PublicJob } from "../../../shared/jobs/view.js";
import { inViewerLocale } from "../locale/current.js";
import { videoText } from "../locale/video-text.js";
import { Action } from "./action-form.js";
import type { Viewer } from "./layout.js";

/**
 * What a finished clip can become, as a video result offers it in chat: Extend (a longer clip,
 * on a model with an extend endpoint, the default first) and Animate again (the same input run
 * again; the video models take no seed). Each is a form that makes the job and lands on its page,
 * which follows it live. Not offered while the clip is still being made.
 */
export function ClipActions(props: { viewer: Viewer; job: PublicJob }) {
  const { viewer, job } = props;
  const words = inViewerLocale(videoButtonsText).result;
  const video = inViewerLocale(videoText);
  const models = Object.entries(videoModelEndpoints.extend);
  return (
    <div class="actions clip-actions">
      {clipExtendable() ? (
        <form method="post" action={`/app/jobs/${job.jobId}/actions`} class="action extend">
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <input type="hidden" name="action" value="extend" />
          <input type="hidden" name="_once" value={randomUUID()} />
          <label>
            {video.model}
            <select name="model">
              {models.map(([model, endpoint]) => (
                <option value={model}>{videoEndpointName(endpoint)}</option>
              ))}
            </select>
          </label>
          <button type="submit">{words.extend}</button>
        </form>
      ) : null}
      <Action
        viewer={viewer}
        jobId={job.jobId}
        action="again"
        label={job.input.operation === "animate" ? words.animateAgain : words.again}
      />
    </div>
  );
}
