/** @jsxImportSource hono/jsx */
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
  return (
    <section class="create-bar" aria-labelledby="create-title">
      <h2 id="create-title" class="visually-hidden">
        Create
      </h2>
      <form data-create-bar="" novalidate>
        <noscript>
          <p class="hint">Creating from the gallery needs its script; /generate in chat or the CLI work without it.</p>
        </noscript>
        <div class="prompt-row">
          <Field name="prompt" label="Prompt">
            <textarea
              id="create-prompt"
              name="prompt"
              rows={2}
              maxlength={promptLength}
              placeholder="a lighthouse in fog, golden hour"
              aria-describedby="create-prompt-error"
            />
          </Field>
          <button type="submit" class="primary" disabled data-create-submit="">
            Create
          </button>
        </div>
        {/* Open on a wide screen, closed on a phone where the options would fill the first screen (web/client/phone.ts). */}
        <details class="create-options phone-disclosure" data-phone-disclosure="">
          <summary>Options and references</summary>
          <div class="options">
            <Field name="size" label="Size" hint="A preset, a ratio such as 16:9, or WxH such as 1280x720">
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
                  <option value={s}>{formText.en.sizes[s]}</option>
                ))}
                {suggestedRatios.map((r) => (
                  <option value={r}>{`Ratio ${r}`}</option>
                ))}
              </datalist>
            </Field>
            <Field name="model" label="Model">
              <select id="create-model" name="model" aria-describedby="create-model-error">
                <option value="">Default</option>
                {imageModels.map((m) => (
                  <option value={m}>{m}</option>
                ))}
              </select>
            </Field>
            <Field name="count" label="Count">
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
            <Field name="seed" label="Seed">
              <input
                id="create-seed"
                name="seed"
                inputmode="numeric"
                autocomplete="off"
                placeholder="random"
                aria-describedby="create-seed-error"
              />
            </Field>
            <Field name="lora" label="LoRA">
              <select id="create-lora" name="lora" aria-describedby="create-lora-error">
                <option value="">None</option>
                {props.loras.map((l) => (
                  <option value={l.jobId}>{l.name}</option>
                ))}
              </select>
            </Field>
            <Field name="loraScale" label="LoRA strength">
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
            <legend>References (up to {references.max})</legend>
            <ul class="reference-list" data-references="" aria-label="Reference pictures" />
            <template data-reference-template="">
              <li class="reference">
                <img alt="" width={64} height={64} />
                <label>
                  Role
                  <select name="role">
                    {referenceRoles.map((r) => (
                      <option value={r}>{r}</option>
                    ))}
                  </select>
                </label>
                <button type="button" data-remove-reference="">
                  Remove
                </button>
              </li>
            </template>
            <label class="drop" data-reference-drop="">
              Drop or paste a picture here, or choose one
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
