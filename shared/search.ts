/**
 * Search works on whole words: each job stores the lower-cased words of its prompt, trigger
 * word, file names and transcript text in `searchTerms`, a multikey-indexed array, and a query
 * matches jobs that have all of its words.
 */
const MAX_TERMS = 2000;

export function searchTerms(...texts: Array<string | undefined | null>): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of text
      .toLowerCase()
      .normalize("NFKC")
      .split(/[^\p{L}\p{N}]+/u)) {
      if (word.length >= 2 && word.length <= 40) terms.add(word);
      if (terms.size >= MAX_TERMS) return [...terms];
    }
  }
  return [...terms];
}

/** Sorted-key JSON, so two objects with the same content compare equal as strings. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
