import { mkdir, readdir, stat, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isAlive } from "./child-process.js";

const claims = path.join(tmpdir(), "content-generation-port-claims");

/**
 * Whether this process may take `port`, one of the ports `npm start` prefers, among the stacks
 * of this machine. Seeing the port free is not enough: two stacks starting at once both see it
 * free, and the one whose server then fails to bind finds the other's server answering there,
 * taking it for its own. So each stack claims the port with a file named by its process id; the
 * oldest claim of a living process holds it, the others take free ports. A claim outlives its
 * process harmlessly: the next stack that claims a port removes every dead process's claim.
 */
export async function claimPort(port: number): Promise<boolean> {
  const mine = path.join(claims, `${port}.${process.pid}`);
  try {
    await mkdir(claims, { recursive: true, mode: 0o1777 });
    await writeFile(mine, "", { flag: "a" });
  } catch {
    // No shared folder to claim in (another user made it, say): the check of the port alone, as before.
    return true;
  }
  const contenders: Array<{ pid: number; since: bigint }> = [];
  for (const name of await readdir(claims)) {
    const [claimed, owner] = name.split(".").map(Number);
    if (!claimed || !owner) continue;
    const file = path.join(claims, name);
    // Dead processes' claims go, whichever port they name, so the folder never fills up.
    if (!isAlive(owner)) {
      await unlink(file).catch(() => {});
      continue;
    }
    if (claimed !== port) continue;
    const since = await stat(file, { bigint: true }).then(
      (s) => s.mtimeNs,
      () => undefined,
    );
    if (since !== undefined) contenders.push({ pid: owner, since });
  }
  contenders.sort((a, b) => (a.since === b.since ? a.pid - b.pid : a.since < b.since ? -1 : 1));
  if (contenders[0]?.pid === process.pid) return true;
  await unlink(mine).catch(() => {});
  return false;
}
