import { ensureDebianPackage } from "./debian-package.js";

/**
 * zsh and fish, whose completion the CLI prints scripts for: Debian's packages, installed with
 * apt-get when missing and this process may (root, as in CI), so the tests read each script with
 * the shell it is for. Bash is always there.
 */
export async function ensureCompletionShells(log: (m: string) => void): Promise<void> {
  await ensureDebianPackage({ name: "zsh", paths: ["/usr/bin/zsh", "/bin/zsh"], purpose: "checking the CLI's zsh completion" }, log);
  await ensureDebianPackage({ name: "fish", paths: ["/usr/bin/fish"], purpose: "checking the CLI's fish completion" }, log);
}
