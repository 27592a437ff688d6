/** Edits from one word to another: insertions, deletions, substitutions and swaps of neighbours (`sede` → `seed` is one). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate a mistyped word most likely meant: the nearest within a few edits (fewer for
 * short words), else the only candidate it begins; undefined when nothing is close.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  const allowed = w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  if (best && best.d <= allowed) return best.c;
  const prefixed = candidates.filter((c) => w.length >= 2 && c.toLowerCase().startsWith(w));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** ": did you mean X?" for a mistyped word, else what to read instead. */
export const didYouMean = (
  word: string,
  candidates: readonly string[],
  otherwise: string,
  show: (c: string) => string = (c) => c,
): string => {
  const c = closest(word, candidates);
  return c === undefined ? `; ${otherwise}` : `: did you mean ${show(c)}?`;
};
