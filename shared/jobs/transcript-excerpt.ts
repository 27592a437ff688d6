/** Words and characters a transcript's excerpt holds at most: a tile's title, two lines at a phone's width. */
const EXCERPT_WORDS = 12;
const EXCERPT_CHARS = 90;

/**
 * A transcript's first words, kept on its version at completion so that a listing can title the
 * job without reading the transcript from storage. Cut at a word, with an ellipsis when cut.
 */
export function transcriptExcerpt(text: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let excerpt = "";
  for (const word of words.slice(0, EXCERPT_WORDS)) {
    const next = excerpt ? `${excerpt} ${word}` : word;
    if (next.length > EXCERPT_CHARS) break;
    excerpt = next;
  }
  if (!excerpt && words[0]) excerpt = words[0].slice(0, EXCERPT_CHARS);
  return excerpt.length < words.join(" ").length ? `${excerpt}…` : excerpt;
}

/** The name of the file a transcription was asked for: its upload's name, or the last part of its URL's path. */
export function transcribedFileName(input: Record<string, unknown> | undefined): string | undefined {
  if (typeof input?.uploadKey === "string") return input.uploadKey.split("/").pop() || undefined;
  if (typeof input?.audioUrl !== "string") return undefined;
  try {
    const last = new URL(input.audioUrl).pathname.split("/").pop();
    return last ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
}
