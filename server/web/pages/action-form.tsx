/** @jsxImportSource hono/jsx */
import { randomUUID } from "node:crypto";
import type { Viewer } from "./layout.js";

/** A form that asks for one thing about a job, with the session's CSRF token and a one-time value (a double click is one job). */
export function Action(props: {
  viewer: Viewer;
  jobId: string;
  action: string;
  label: string;
  image?: number;
  danger?: boolean;
  /** The button's accessible name and tooltip when its label is a symbol (Pan ⬅). */
  title?: string;
  /** The button's accessible name when its label alone is not unique on the page (Upscale picture 2). */
  name?: string;
  fields?: Record<string, string>;
  children?: unknown;
}) {
  return (
    <form method="post" action={`/app/jobs/${props.jobId}/actions`} class="action">
      <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
      <input type="hidden" name="action" value={props.action} />
      <input type="hidden" name="_once" value={randomUUID()} />
      {props.image ? <input type="hidden" name="image" value={String(props.image)} /> : null}
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {props.children as never}
      <button type="submit" class={props.danger ? "danger" : undefined} aria-label={props.name ?? props.title} title={props.title}>
        {props.label}
      </button>
    </form>
  );
}
