/** @jsxImportSource hono/jsx */
import { randomUUID } from "node:crypto";
import { videoEndpointName, videoModelEndpoints } from "../../../shared/jobs/video-endpoints.js";
import { inViewerLocale } from "../locale/current.js";
import { jobText } from "../locale/job-text.js";
import { videoText } from "../locale/video-text.js";
import { Action } from "./action-form.js";
import type { Viewer } from "./layout.js";

const pans = [
  ["left", "⬅"],
  ["right", "➡"],
  ["up", "⬆"],
  ["down", "⬇"],
] as const;

/** Where a picture's editors live: the Vary Region canvas and the Zoom Out / Pan preview. */
export const editorPath = (jobId: string, image: number, editor: "region" | "zoom") => `/app/jobs/${jobId}/pictures/${image}/${editor}`;

/**
 * Everything one picture of a finished image job can become (a clip too, by Animate): each button is a form that makes the
 * job and lands on its page; the two editors are pages of their own. Among several pictures each
 * control's accessible name says whose it is ("Upscale picture 2"), so a screen reader's list of
 * buttons tells them apart.
 */
export function PictureActions(props: { viewer: Viewer; jobId: string; image: number; pictures: number }) {
  const { viewer, jobId, image: n } = props;
  const common = { viewer, jobId, image: n };
  const text = inViewerLocale(jobText).actions;
  const video = inViewerLocale(videoText);
  const named = (label: string) => (props.pictures > 1 ? text.ofPicture(label, n) : undefined);
  return (
    <div class="actions picture-actions">
      <Action {...common} action="vary" label={text.vary} name={named(text.vary)} />
      <Action {...common} action="vary-subtle" label={text.varySubtly} name={named(text.varySubtly)} />
      <Action {...common} action="upscale" label={text.upscale} name={named(text.upscale)} />
      <Action {...common} action="describe" label={text.describe} name={named(text.describe)} />
      <Action {...common} action="edit" label={text.edit} name={named(text.edit)}>
        <label>
          {text.instruction}{" "}
          <input name="prompt" required maxlength={1000} placeholder={text.instructionPlaceholder} aria-label={named(text.instruction)} />
        </label>
      </Action>
      <fieldset class="action-group">
        <legend class="visually-hidden">{text.zoomOut}</legend>
        <Action {...common} action="zoom-out" label={text.zoomOut15} name={named(text.zoomOut15)} fields={{ factor: "1.5" }} />
        <Action {...common} action="zoom-out" label={text.zoomOut2} name={named(text.zoomOut2)} fields={{ factor: "2" }} />
        <a class="button" href={editorPath(jobId, n, "zoom")} aria-label={named(text.customZoom)}>
          {text.customZoom}
        </a>
      </fieldset>
      <fieldset class="action-group">
        <legend class="visually-hidden">{text.pan}</legend>
        <span class="group-label" aria-hidden="true">
          {text.pan}
        </span>
        {pans.map(([direction, arrow]) => (
          <Action
            {...common}
            action="pan"
            label={arrow}
            title={text.pans[direction]}
            name={named(text.pans[direction])}
            fields={{ direction }}
          />
        ))}
      </fieldset>
      <fieldset class="action-group">
        <legend class="visually-hidden">{video.animate}</legend>
        <AnimateForm {...common} named={named} />
      </fieldset>
      <a class="button" href={editorPath(jobId, n, "region")} aria-label={named(text.varyRegion)}>
        {text.varyRegion}
      </a>
      <a class="button" href={`/app?reference=${encodeURIComponent(jobId)}:${n}`} aria-label={named(text.useAsReference)}>
        {text.useAsReference}
      </a>
    </div>
  );
}

/**
 * Animate, as one form: the model (those that animate a picture, by the names people know them,
 * the default first) and a button per motion, each sending its own `motion`.
 */
function AnimateForm(props: { viewer: Viewer; jobId: string; image: number; named: (label: string) => string | undefined }) {
  const { viewer, jobId, image, named } = props;
  const video = inViewerLocale(videoText);
  const models = Object.entries(videoModelEndpoints.animate);
  return (
    <form method="post" action={`/app/jobs/${jobId}/actions`} class="action animate">
      <input type="hidden" name="_csrf" value={viewer.csrfToken} />
      <input type="hidden" name="action" value="animate" />
      <input type="hidden" name="_once" value={randomUUID()} />
      <input type="hidden" name="image" value={String(image)} />
      <label>
        {video.model}
        <select name="model" aria-label={named(video.model)}>
          {models.map(([model, endpoint]) => (
            <option value={model}>{videoEndpointName(endpoint)}</option>
          ))}
        </select>
      </label>
      <button type="submit" name="motion" value="low" aria-label={named(video.animateLow)}>
        {video.animateLow}
      </button>
      <button type="submit" name="motion" value="high" aria-label={named(video.animateHigh)}>
        {video.animateHigh}
      </button>
    </form>
  );
}
