import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The first of `paths` that exists, or undefined. */
export async function firstPresent(paths: readonly string[]): Promise<string | undefined> {
  for (const p of paths) {
    try {
      await access(p);
      return p;
    } catch {}
  }
  return undefined;
}

/**
 * A Debian package's program: found at one of `paths`, or installed with apt-get when this
 * process may (root, as in CI) and found then. Undefined when it cannot be had, with the reason
 * logged.
 */
export async function ensureDebianPackage(
  pkg: { name: string; paths: readonly string[]; purpose: string },
  log: (m: string) => void,
): Promise<string | undefined> {
  const present = await firstPresent(pkg.paths);
  if (present) return present;
  if (process.getuid?.() !== 0) {
    log(`${pkg.name} is not installed and this user cannot install it: run \`sudo apt-get install -y ${pkg.name}\``);
    return undefined;
  }
  log(`installing Debian's ${pkg.name} for ${pkg.purpose} (first run only, about a minute)`);
  // env(1) adds the one variable apt needs to the inherited environment: no questions asked.
  const apt = (...args: string[]) => run("env", ["DEBIAN_FRONTEND=noninteractive", "apt-get", ...args], { maxBuffer: 64 * 1024 * 1024 });
  const install = () => apt("install", "-y", "--no-install-recommends", pkg.name);
  try {
    await install();
  } catch {
    // A fresh machine's package lists may be missing or stale.
    await apt("update");
    await install();
  }
  return firstPresent(pkg.paths);
}
