/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { jobText } from "../locale/job-text.js";
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
 * Everything one picture of a finished image job can become: each button is a form that makes the
 * job and lands on its page; the two editors are pages of their own.
 */
export function PictureActions(props: { viewer: Viewer; jobId: string; image: number }) {
  const { viewer, jobId, image: n } = props;
  const common = { viewer, jobId, image: n };
  const text = inViewerLocale(jobText).actions;
  return (
    <div class="actions picture-actions">
      <Action {...common} action="vary" label={text.vary} />
      <Action {...common} action="vary-subtle" label={text.varySubtly} />
      <Action {...common} action="upscale" label={text.upscale} />
      <Action {...common} action="describe" label={text.describe} />
      <Action {...common} action="edit" label={text.edit}>
        <label>
          {text.instruction} <input name="prompt" required maxlength={1000} placeholder={text.instructionPlaceholder} />
        </label>
      </Action>
      <fieldset class="action-group">
        <legend class="visually-hidden">{text.zoomOut}</legend>
        <Action {...common} action="zoom-out" label={text.zoomOut15} fields={{ factor: "1.5" }} />
        <Action {...common} action="zoom-out" label={text.zoomOut2} fields={{ factor: "2" }} />
        <a class="button" href={editorPath(jobId, n, "zoom")}>
          {text.customZoom}
        </a>
      </fieldset>
      <fieldset class="action-group">
        <legend class="visually-hidden">{text.pan}</legend>
        <span class="group-label" aria-hidden="true">
          {text.pan}
        </span>
        {pans.map(([direction, arrow]) => (
          <Action {...common} action="pan" label={arrow} title={text.pans[direction]} fields={{ direction }} />
        ))}
      </fieldset>
      <a class="button" href={editorPath(jobId, n, "region")}>
        {text.varyRegion}
      </a>
      <a class="button" href={`/app?reference=${encodeURIComponent(jobId)}:${n}`}>
        {text.useAsReference}
      </a>
    </div>
  );
}
