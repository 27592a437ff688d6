/** @jsxImportSource hono/jsx */
import { languageName } from "../../../shared/chat/translate-menu.js";
import { chatTranslationLanguages } from "../../../shared/jobs/translation-languages.js";
import type { PublicJob } from "../../../shared/jobs/view.js";
import { currentLocale, inViewerLocale } from "../locale/current.js";
import { translateText } from "../locale/translate-text.js";
import { Action } from "./action-form.js";
import type { Viewer } from "./layout.js";

/** A finished transcript's translate form: the languages it is not in yet, as the chat's menu offers them. */
export function TranslateForm(props: { viewer: Viewer; job: PublicJob; asked?: string | undefined }) {
  const text = inViewerLocale(translateText);
  const locale = currentLocale();
  const have = new Set(props.job.files.map((f) => /^transcript\.([a-z_]+)\.txt$/.exec(f.fileName)?.[1]));
  const languages = chatTranslationLanguages.filter((code) => !have.has(code));
  if (languages.length === 0) return null;
  return (
    <section class="translate" aria-label={text.heading}>
      <h2>{text.heading}</h2>
      {props.asked ? <p role="status">{text.asked(languageName(props.asked, locale))}</p> : null}
      <Action viewer={props.viewer} jobId={props.job.jobId} action="translate" label={text.submit}>
        <label>
          {text.language}{" "}
          <select name="language">
            {languages.map((code) => (
              <option value={code}>{languageName(code, locale)}</option>
            ))}
          </select>
        </label>
      </Action>
    </section>
  );
}
