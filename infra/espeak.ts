import { ensureDebianPackage } from "./debian-package.js";

/**
 * Debian's `espeak-ng`, which the system tier speaks its test recordings with (two voices and a
 * known script, test/helpers/media.ts), installed with apt-get when it is missing and this
 * process may (root, as in CI). Undefined, with the reason logged, when it cannot be had.
 */
export function ensureEspeak(log: (m: string) => void): Promise<string | undefined> {
  return ensureDebianPackage({ name: "espeak-ng", paths: ["/usr/bin/espeak-ng"], purpose: "speaking the tests' recordings" }, log);
}
