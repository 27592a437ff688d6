import { ensureDebianPackage } from "./debian-package.js";

/**
 * The headless browser the gallery's browser tests drive: Debian's `chromium`, installed with
 * apt-get when it is missing and this process may (root, as in CI). Undefined when it cannot be
 * had, with the reason logged; the browser tests then fail saying so.
 */
export function ensureChromium(log: (m: string) => void): Promise<string | undefined> {
  // Where Debian's package puts the browser.
  return ensureDebianPackage(
    { name: "chromium", paths: ["/usr/bin/chromium", "/usr/bin/chromium-browser"], purpose: "the browser tests" },
    log,
  );
}
