/** @jsxImportSource hono/jsx */
import { Action } from "./action-form.js";
import type { Viewer } from "./layout.js";

const pans = [
  ["left", "⬅", "Pan left"],
  ["right", "➡", "Pan right"],
  ["up", "⬆", "Pan up"],
  ["down", "⬇", "Pan down"],
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
  return (
    <div class="actions picture-actions">
      <Action {...common} action="vary" label="Vary" />
      <Action {...common} action="vary-subtle" label="Vary subtly" />
      <Action {...common} action="upscale" label="Upscale" />
      <Action {...common} action="describe" label="Describe" />
      <Action {...common} action="edit" label="Edit">
        <label>
          Instruction <input name="prompt" required maxlength={1000} placeholder="make it night" />
        </label>
      </Action>
      <fieldset class="action-group">
        <legend class="visually-hidden">Zoom out</legend>
        <Action {...common} action="zoom-out" label="Zoom Out 1.5×" fields={{ factor: "1.5" }} />
        <Action {...common} action="zoom-out" label="Zoom Out 2×" fields={{ factor: "2" }} />
        <a class="button" href={editorPath(jobId, n, "zoom")}>
          Custom zoom…
        </a>
      </fieldset>
      <fieldset class="action-group">
        <legend class="visually-hidden">Pan</legend>
        <span class="group-label" aria-hidden="true">
          Pan
        </span>
        {pans.map(([direction, arrow, name]) => (
          <Action {...common} action="pan" label={arrow} title={name} fields={{ direction }} />
        ))}
      </fieldset>
      <a class="button" href={editorPath(jobId, n, "region")}>
        Vary Region…
      </a>
      <a class="button" href={`/app?reference=${encodeURIComponent(jobId)}:${n}`}>
        Use as reference
      </a>
    </div>
  );
}
