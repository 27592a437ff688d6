import { z } from "zod";
import { translationLanguages } from "../../../shared/jobs/translation-languages.js";

/**
 * Translation as AssemblyAI documents it ("Translation",
 * https://www.assemblyai.com/docs/speech-understanding/translation; the LLM Gateway's
 * POST /v1/understanding reference; the SDK's TranslationRequest): `target_languages` (required,
 * codes from the page's list), `formal` and `match_original_utterance` (booleans, default false).
 * The result is `translated_texts` keyed by language on the transcript and, with
 * match_original_utterance, on each utterance. The emulator's "translation" is deterministic:
 * a few words from a small dictionary, the rest kept, and the language's tag in front, so a test
 * can tell translated text from the original while every utterance keeps its times.
 */
export const translationRequest = z
  .object({
    target_languages: z.array(z.string()),
    formal: z.boolean().optional(),
    match_original_utterance: z.boolean().optional(),
    effort: z.enum(["low", "medium", "high"]).optional(),
  })
  .strict();
export type TranslationRequest = z.infer<typeof translationRequest>;

const supported: ReadonlySet<string> = new Set(translationLanguages);

/** The first thing AssemblyAI refuses in a translation request, in its words as near as the docs give them. */
export function translationError(t: TranslationRequest): string | undefined {
  if (t.target_languages.length === 0) return "translation.target_languages must contain at least one language";
  const unknown = t.target_languages.find((l) => !supported.has(l));
  if (unknown !== undefined) return `translation.target_languages: unsupported language '${unknown}'`;
  if (new Set(t.target_languages).size !== t.target_languages.length) return "translation.target_languages must not repeat a language";
  return undefined;
}

const dictionary: Record<string, Record<string, string>> = {
  de: {
    the: "das",
    team: "Team",
    agreed: "vereinbarte",
    to: "zu",
    ship: "liefern",
    release: "Version",
    on: "am",
    friday: "Freitag",
    and: "und",
    budget: "Budget",
    next: "nächstes",
    quarter: "Quartal",
    hello: "hallo",
    we: "wir",
    meeting: "Besprechung",
    today: "heute",
    yes: "ja",
  },
  fr: {
    the: "le",
    team: "équipe",
    agreed: "a convenu",
    to: "de",
    ship: "livrer",
    release: "version",
    on: "le",
    friday: "vendredi",
    and: "et",
    budget: "budget",
    next: "prochain",
    quarter: "trimestre",
    hello: "bonjour",
    we: "nous",
    meeting: "réunion",
    today: "aujourd'hui",
    yes: "oui",
  },
  es: {
    the: "el",
    team: "equipo",
    agreed: "acordó",
    to: "a",
    ship: "entregar",
    release: "versión",
    on: "el",
    friday: "viernes",
    and: "y",
    budget: "presupuesto",
    next: "próximo",
    quarter: "trimestre",
    hello: "hola",
    we: "nosotros",
    meeting: "reunión",
    today: "hoy",
    yes: "sí",
  },
};

/** The emulator's translation of a text: dictionary words replaced (punctuation kept), prefixed with `[lang]`. */
export function translateText(text: string, language: string): string {
  const words = dictionary[language] ?? {};
  const body = text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const [, core = "", tail = ""] = w.match(/^(.*?)([.,!?;:]*)$/) ?? [];
      const replaced = words[core.toLowerCase()];
      return replaced === undefined ? w : `${replaced}${tail}`;
    })
    .join(" ");
  return `[${language}] ${body}`;
}

/** `translated_texts` for each target language. */
export const translatedTexts = (text: string, languages: readonly string[]) =>
  Object.fromEntries(languages.map((l) => [l, translateText(text, l)]));
