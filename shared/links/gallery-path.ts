/**
 * Where a gallery sign-in may lead once the session is set (`next`): a page of the gallery on
 * this site, never another site or the sign-in itself. Accepted only as written: a path under
 * `/app` that a browser resolves to itself (no `.` or `..` segments, percent-encoded or not, no
 * `//`, no backslash, no control or space characters, no fragment), and not `/app/sign-in` or
 * `/app/sign-out`. Anything else is refused rather than cleaned up, so a crafted link fails
 * visibly instead of leading somewhere unexpected.
 */
export const GALLERY_PATH_MAX = 512;

const BASE = "http://gallery.invalid";

export function isGalleryPath(next: string): boolean {
  if (next.length > GALLERY_PATH_MAX || !/^\/app(\/|\?|$)/.test(next)) return false;
  // Backslashes read as slashes in browsers; whitespace and controls are stripped or refused by them.
  if (/[\\\s]/.test(next) || [...next].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) || next.includes("//"))
    return false;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return false;
  }
  // A path the URL parser rewrites (dot segments, %2e%2e, a fragment) is not taken as written.
  if (url.origin !== BASE || `${url.pathname}${url.search}` !== next) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return false;
  }
  if (/[\\]|\/\//.test(decoded)) return false;
  return !/^\/app\/sign-(in|out)(\/|$)/i.test(decoded);
}
