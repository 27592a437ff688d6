import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Where Debian's package puts the browser. */
const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

async function found(): Promise<string | undefined> {
  for (const p of CANDIDATES) {
    try {
      await access(p);
      return p;
    } catch {}
  }
  return undefined;
}

/**
 * The headless browser the gallery's browser tests drive: Debian's `chromium`, installed with
 * apt-get when it is missing and this process may (root, as in CI). Undefined when it cannot be
 * had, with the reason logged; the browser tests then fail saying so.
 */
export async function ensureChromium(log: (m: string) => void): Promise<string | undefined> {
  const present = await found();
  if (present) return present;
  if (process.getuid?.() !== 0) {
    log("chromium is not installed and this user cannot install it: run `sudo apt-get install -y chromium`");
    return undefined;
  }
  log("installing Debian's chromium for the browser tests (first run only, about a minute)");
  // env(1) adds the one variable apt needs to the inherited environment: no questions asked.
  const apt = (...args: string[]) => run("env", ["DEBIAN_FRONTEND=noninteractive", "apt-get", ...args], { maxBuffer: 64 * 1024 * 1024 });
  const install = () => apt("install", "-y", "--no-install-recommends", "chromium");
  try {
    await install();
  } catch {
    // A fresh machine's package lists may be missing or stale.
    await apt("update");
    await install();
  }
  return found();
}
