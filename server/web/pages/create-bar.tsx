/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { createText } from "../locale/create-text.js";
import { formText } from "../../../shared/chat/locale/forms.js";
import { imageModels, imageSizes, limits, referenceRoles } from "../../../shared/jobs/input.js";
import { UploadForms } from "./upload-forms.js";

/** The ratios the size box suggests beside the presets; any W:H from 1:4 to 4:1 and any WxH are taken too. */
const suggestedRatios = ["1:1", "16:9", "9:16", "3:2", "2:3", "21:9"];

/** One labelled field with the place its refusal is shown (the page script fills it from the API's fieldErrors). */
function Field(props: { name: string; label: string; hint?: string; children: unknown }) {
  return (
    <div class="field" data-field-of={props.name}>
      <label for={`create-${props.name}`}>{props.label}</label>
      {props.children as never}
      {props.hint ? (
        <small class="hint" id={`create-${props.name}-hint`}>
          {props.hint}
        </small>
      ) : null}
      <small class="field-error" id={`create-${props.name}-error`} role="status" aria-live="polite" />
    </div>
  );
}

/**
 * The gallery's create bar: a generation as jobs.create takes it. Every check is the API's: the
 * page script sends what was typed (a size read with the bots' and the CLI's readSize) and shows
 * each refusal beside its field. Reference pictures come from a drop, a paste, the file picker,
 * or a picture's "Use as reference". It needs the script; without it the bar says so.
 */
export function CreateBar(props: { loras: Array<{ jobId: string; name: string }> }) {
  const { imageCount, loraScale, promptLength, references } = limits;
  const text = inViewerLocale(createText);
  const forms = inViewerLocale(formText);
  return (
    <section class="create-bar" aria-labelledby="create-title">
      <h2 id="create-title" class="visually-hidden">
        {text.heading}
      </h2>
      <form data-create-bar="" novalidate>
        <noscript>
          <p class="hint">{text.needsScript}</p>
        </noscript>
        <div class="prompt-row">
          <Field name="prompt" label={text.prompt}>
            <textarea
              id="create-prompt"
              name="prompt"
              rows={2}
              maxlength={promptLength}
              placeholder={text.promptPlaceholder}
              aria-describedby="create-prompt-error"
            />
          </Field>
          <button type="submit" class="primary" disabled data-create-submit="">
            {text.create}
          </button>
        </div>
        {/* Open on a wide screen, closed on a phone where the options would fill the first screen (web/client/phone.ts). */}
        <details class="create-options phone-disclosure" data-phone-disclosure="">
          <summary>{text.options}</summary>
          <div class="options">
            <Field name="size" label={text.size} hint={text.sizeHint}>
              <input
                id="create-size"
                name="size"
                list="create-sizes"
                placeholder="landscape_4_3"
                autocomplete="off"
                aria-describedby="create-size-hint create-size-error"
              />
              <datalist id="create-sizes">
                {imageSizes.map((s) => (
                  <option value={s}>{forms.sizes[s]}</option>
                ))}
                {suggestedRatios.map((r) => (
                  <option value={r}>{text.ratio(r)}</option>
                ))}
              </datalist>
            </Field>
            <Field name="model" label={text.model}>
              <select id="create-model" name="model" aria-describedby="create-model-error">
                <option value="">{text.defaultModel}</option>
                {imageModels.map((m) => (
                  <option value={m}>{forms.models[m]}</option>
                ))}
              </select>
            </Field>
            <Field name="count" label={text.count}>
              <input
                id="create-count"
                name="count"
                type="number"
                inputmode="numeric"
                min={imageCount.min}
                max={imageCount.max}
                value="1"
                aria-describedby="create-count-error"
              />
            </Field>
            <Field name="seed" label={text.seed}>
              <input
                id="create-seed"
                name="seed"
                inputmode="numeric"
                autocomplete="off"
                placeholder={text.seedPlaceholder}
                aria-describedby="create-seed-error"
              />
            </Field>
            <Field name="lora" label={text.lora}>
              <select id="create-lora" name="lora" aria-describedby="create-lora-error">
                <option value="">{text.noLora}</option>
                {props.loras.map((l) => (
                  <option value={l.jobId}>{l.name}</option>
                ))}
              </select>
            </Field>
            <Field name="loraScale" label={text.loraStrength}>
              <input
                id="create-loraScale"
                name="loraScale"
                type="number"
                inputmode="decimal"
                step="0.05"
                min={loraScale.min}
                max={loraScale.max}
                value={String(loraScale.default)}
                aria-describedby="create-loraScale-error"
              />
            </Field>
          </div>
          <fieldset class="references" data-field-of="references">
            <legend>{text.references(references.max)}</legend>
            <ul class="reference-list" data-references="" aria-label={text.referencePictures} />
            <template data-reference-template="">
              <li class="reference">
                <img alt="" width={64} height={64} />
                <label>
                  {text.role}
                  <select name="role">
                    {referenceRoles.map((r) => (
                      <option value={r}>{text.roles[r]}</option>
                    ))}
                  </select>
                </label>
                <button type="button" data-remove-reference="">
                  {text.remove}
                </button>
              </li>
            </template>
            <label class="drop" data-reference-drop="">
              {text.drop}
              <input type="file" name="referenceFile" accept="image/png,image/jpeg,image/webp" data-reference-file="" />
            </label>
            <small class="field-error" id="create-references-error" role="status" aria-live="polite" />
          </fieldset>
        </details>
        <p class="form-error error" role="alert" data-form-error="" />
      </form>
      <UploadForms />
    </section>
  );
}
