/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { createText } from "../locale/create-text.js";
import { limits } from "../../../shared/jobs/limits.js";
import { transcriptionLimits } from "../../../shared/jobs/transcription-rules.js";

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
  const text = inViewerLocale(createText).uploads;
  return (
    <div class="field drop-zone" data-drop="">
      <label for={id}>{props.label}</label>
      <input id={id} type="file" name="file" accept={props.accept} multiple={props.multiple} aria-describedby={`${id}-error`} />
      <ul class="chosen" data-chosen="" aria-label={text.chosen} />
      <progress max={1} value={0} hidden data-progress="" aria-label={text.uploaded} />
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
  const { speakersExpected } = transcriptionLimits;
  const text = inViewerLocale(createText).uploads;
  return (
    <details class="uploads">
      <summary>{text.summary}</summary>
      <div class="upload-forms">
        <form data-upload-job="transcription" novalidate aria-label={text.transcribe}>
          <h3>{text.transcribe}</h3>
          <Files form="transcribe" label={text.audioFile} accept="audio/*,video/*" />
          <Field form="transcribe" name="languageCode" label={text.languageCode}>
            <input
              id="transcribe-languageCode"
              name="languageCode"
              maxlength={languageCodeLength}
              placeholder={text.languageCodePlaceholder}
              autocomplete="off"
            />
          </Field>
          <label class="check">
            <input type="checkbox" name="speakerLabels" /> {text.speakers}
          </label>
          <Field form="transcribe" name="speakersExpected" label={text.speakerCount}>
            <input
              id="transcribe-speakersExpected"
              name="speakersExpected"
              type="number"
              inputmode="numeric"
              min={speakersExpected.min}
              max={speakersExpected.max}
            />
          </Field>
          <Field form="transcribe" name="speakerNames" label={text.speakerNames}>
            <input id="transcribe-speakerNames" name="speakerNames" placeholder={text.listHint} autocomplete="off" />
          </Field>
          <Field form="transcribe" name="vocabulary" label={text.vocabulary}>
            <input id="transcribe-vocabulary" name="vocabulary" placeholder={text.listHint} autocomplete="off" />
          </Field>
          <Field form="transcribe" name="translateTo" label={text.translateTo}>
            <input id="transcribe-translateTo" name="translateTo" maxlength={languageCodeLength} autocomplete="off" />
          </Field>
          <label class="check">
            <input type="checkbox" name="redactPii" /> {text.redactPii}
          </label>
          <label class="check">
            <input type="checkbox" name="notes" checked /> {text.notes}
          </label>
          <small class="field-error" data-error-for="redactPii" role="status" aria-live="polite" />
          <button type="submit" class="primary" disabled data-upload-submit="">
            {text.uploadTranscribe}
          </button>
          <p class="form-error error" role="alert" data-form-error="" />
        </form>
        <form data-upload-job="lora-training" novalidate aria-label={text.train}>
          <h3>{text.train}</h3>
          <Files form="train" label={text.trainFiles} accept="image/png,image/jpeg,image/webp,.zip,application/zip,video/*" multiple />
          <Field form="train" name="triggerWord" label={text.triggerWord}>
            <input id="train-triggerWord" name="triggerWord" maxlength={triggerWordLength} placeholder="tok" autocomplete="off" />
          </Field>
          <Field form="train" name="steps" label={text.steps}>
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
          <Field form="train" name="mode" label={text.learn}>
            <select id="train-mode" name="mode">
              <option value="subject">{text.subject}</option>
              <option value="style">{text.style}</option>
            </select>
          </Field>
          <button type="submit" class="primary" disabled data-upload-submit="">
            {text.uploadTrain}
          </button>
          <p class="form-error error" role="alert" data-form-error="" />
        </form>
      </div>
    </details>
  );
}
