import type { PublicJob } from "../jobs/view.js";
import { chatTranslationLanguages } from "../jobs/translation-languages.js";
import { translateChoice, translateMenuId } from "./job-buttons.js";
import type { ChatLocale } from "./locale/languages.js";
import { translationText } from "./locale/translation.js";
import type { ReplyMenu } from "./reply.js";

/** A language's name in the reader's language ("German", "Deutsch", "allemand"), from the runtime's CLDR data. */
export function languageName(code: string, locale: ChatLocale): string {
  const base = code.split("_")[0] ?? code;
  return new Intl.DisplayNames([locale], { type: "language" }).of(base) ?? code;
}

/**
 * A finished transcript's Translate menu: the languages it is not in yet, each a choice whose
 * value is the `job:translate:<jobId>:<lang>` id (25 at most, Discord's limit for a select).
 */
export function translateMenu(job: PublicJob, locale: ChatLocale): ReplyMenu | undefined {
  const have = new Set(job.files.map((f) => /^transcript\.([a-z_]+)\.txt$/.exec(f.fileName)?.[1]).filter(Boolean));
  const options = chatTranslationLanguages
    .filter((code) => !have.has(code))
    .map((code) => ({ label: languageName(code, locale), value: translateChoice(job.jobId, code) }));
  if (options.length === 0) return undefined;
  return { id: translateMenuId(job.jobId), placeholder: translationText[locale].menu, options: options.slice(0, 25) };
}
