import { type ChatLocale, chatLocales } from "../../../shared/chat/locale/languages.js";

/** The cookie that keeps the language a viewer picked with the header's switch; not a secret, so readable by the page. */
export const LANGUAGE_COOKIE = "gallery_language";

const isLocale = (tag: string): tag is ChatLocale => (chatLocales as readonly string[]).includes(tag);

/**
 * The gallery's language from the browser's Accept-Language: the first of ours by q-value (a
 * region counts as its language, de-AT as de), English when none is ours or the header is absent.
 * A range with q=0 is one the browser refuses; `*` says nothing about which language.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): ChatLocale {
  const ranges = (header ?? "")
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { language: tag.trim().toLowerCase().split("-")[0] ?? "", weight: Number.isFinite(weight) ? weight : 0, order };
    })
    .filter((r) => r.weight > 0 && isLocale(r.language))
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  return (ranges[0]?.language as ChatLocale | undefined) ?? "en";
}

/**
 * The locale a page writes its dates and numbers in: the viewer's first Accept-Language tag of the
 * page's language (en-GB keeps day-month order, de-AT its own), else the language alone. So the
 * server's text and the page script's agree, whatever the browser's own locale list says.
 */
export function formatLocale(language: ChatLocale, acceptLanguage: string | null | undefined): string {
  const tags = (acceptLanguage ?? "")
    .split(",")
    .map((part, order) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, order };
    })
    .filter((r) => r.weight > 0 && r.tag.toLowerCase().split("-")[0] === language)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  for (const { tag } of tags) {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical) return canonical;
    } catch {
      // Not a language tag (a stray `en_GB`): the next one, or the language alone.
    }
  }
  return language;
}

/** The viewer's language: the switch's cookie when it names one of ours, else the browser's. */
export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | undefined): ChatLocale {
  return cookie !== undefined && isLocale(cookie) ? cookie : localeFromAcceptLanguage(acceptLanguage);
}

export { isLocale };
