/**
 * The gallery page of a meeting, opened at a moment: its audio starts there (`#t=` in seconds,
 * as media fragments write it; the page's script reads it, whatever the browser does with it).
 */
export function momentPath(jobId: string, startMs: number): string {
  return `/app/jobs/${encodeURIComponent(jobId)}#t=${Math.max(0, Math.floor(startMs / 100) / 10)}`;
}

/** The moment `#t=` names, in seconds, or null when the fragment names none. */
export function momentOf(hash: string): number | null {
  const m = /^#t=(\d+(?:\.\d+)?)$/.exec(hash);
  return m ? Number(m[1]) : null;
}

/** 75_200 ms → "1:15", 3_725_000 → "1:02:05". */
export function clockOf(ms: number): string {
  const s = Math.floor(ms / 1000);
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const two = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}
