/** @jsxImportSource hono/jsx */
import { jobText } from "../locale/job-text.js";
import { inViewerLocale } from "../locale/current.js";
import { Action } from "./action-form.js";
import type { Viewer } from "./layout.js";

/** A field per speaker of the transcript, its name as the team gave it; an emptied field takes the name back. */
export function SpeakerNamesForm(props: { viewer: Viewer; jobId: string; speakers: string[]; names: Record<string, string> }) {
  const text = inViewerLocale(jobText).transcript;
  if (props.speakers.length === 0) return null;
  return (
    <details class="speaker-names">
      <summary>{text.rename}</summary>
      <Action viewer={props.viewer} jobId={props.jobId} action="rename-speakers" label={text.renameButton}>
        {props.speakers.map((speaker, i) => (
          <label>
            {text.speaker(speaker)} <input type="hidden" name={`speaker_${i}`} value={speaker} />
            <input name={`name_${i}`} value={props.names[speaker] ?? ""} maxlength={100} autocomplete="off" />
          </label>
        ))}
      </Action>
    </details>
  );
}
