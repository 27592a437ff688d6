/** @jsxImportSource hono/jsx */
import { limits } from "../../../shared/jobs/limits.js";

/** A field of an upload form, with the place the page script shows the API's refusal of it. */
function Field(props: { form: string; name: string; label: string; children: unknown }) {
  const id = `${props.form}-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.children as never}
      <small class="field-error" id={`${id}-error`} data-error-for={props.name} role="status" aria-live="polite" />
    </div>
  );
}

/** Where files are dropped or chosen, and the bytes sent so far. */
function Files(props: { form: string; label: string; accept: string; multiple?: boolean }) {
  const id = `${props.form}-file`;
  return (
    <div class="field drop-zone" data-drop="">
      <label for={id}>{props.label}</label>
      <input id={id} type="file" name="file" accept={props.accept} multiple={props.multiple} aria-describedby={`${id}-error`} />
      <ul class="chosen" data-chosen="" aria-label="Chosen files" />
      <progress max={1} value={0} hidden data-progress="" aria-label="Uploaded" />
      <small class="hint" data-progress-text="" aria-live="polite" />
      <small class="field-error" id={`${id}-error`} data-error-for="file" role="status" aria-live="polite" />
    </div>
  );
}

/**
 * Work that starts from files: a transcription of audio or video, a LoRA trained on pictures, a
 * zip of them or a video. The page script uploads the files through /app/uploads (a progress bar
 * of the bytes sent), then asks jobs.create, showing its refusals beside the fields.
 */
export function UploadForms() {
  const { trainingSteps, triggerWordLength, languageCodeLength } = limits;
  return (
    <details class="uploads">
      <summary>Transcribe or train a LoRA from files</summary>
      <div class="upload-forms">
        <form data-upload-job="transcription" novalidate aria-label="Transcribe audio or video">
          <h3>Transcribe audio or video</h3>
          <Files form="transcribe" label="Audio or video file (drop it here or choose)" accept="audio/*,video/*" />
          <Field form="transcribe" name="languageCode" label="Language code (empty: detect)">
            <input
              id="transcribe-languageCode"
              name="languageCode"
              maxlength={languageCodeLength}
              placeholder="en, de, fr…"
              autocomplete="off"
            />
          </Field>
          <label class="check">
            <input type="checkbox" name="speakerLabels" /> Tell the speakers apart
          </label>
          <button type="submit" class="primary" disabled data-upload-submit="">
            Upload and transcribe
          </button>
          <p class="form-error error" role="alert" data-form-error="" />
        </form>
        <form data-upload-job="lora-training" novalidate aria-label="Train a LoRA">
          <h3>Train a LoRA</h3>
          <Files
            form="train"
            label="4-100 pictures, a zip of them, or a video (drop them here or choose)"
            accept="image/png,image/jpeg,image/webp,.zip,application/zip,video/*"
            multiple
          />
          <Field form="train" name="triggerWord" label="Trigger word">
            <input id="train-triggerWord" name="triggerWord" maxlength={triggerWordLength} placeholder="tok" autocomplete="off" />
          </Field>
          <Field form="train" name="steps" label="Steps">
            <input
              id="train-steps"
              name="steps"
              type="number"
              inputmode="numeric"
              min={trainingSteps.min}
              max={trainingSteps.max}
              value={String(trainingSteps.default)}
            />
          </Field>
          <Field form="train" name="mode" label="Learn">
            <select id="train-mode" name="mode">
              <option value="subject">a subject (a person, a thing)</option>
              <option value="style">a style</option>
            </select>
          </Field>
          <button type="submit" class="primary" disabled data-upload-submit="">
            Upload and train
          </button>
          <p class="form-error error" role="alert" data-form-error="" />
        </form>
      </div>
    </details>
  );
}
