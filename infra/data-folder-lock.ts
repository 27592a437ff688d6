import { readFileSync, unlinkSync } from "node:fs";
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { localPorts } from "./ports.js";
import { isAlive } from "./child-process.js";

/** The file naming the process whose `npm start` holds a data folder. */
const LOCK_FILE = "npm-start.pid";

/** A data folder another living `npm start` holds. */
export class DataFolderTakenError extends Error {
  override name = "DataFolderTakenError";
}

/**
 * Takes the data folder for this process. Two `npm start` on one folder would each start an
 * embedded MongoDB and S3 server on the same files, and the second's would end the first's; so
 * the second refuses, naming the first. A folder left held by a process that died is taken over.
 * The hold ends with this process.
 */
export async function holdDataFolder(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      process.once("exit", () => {
        // Only our own hold: a folder taken over after this process was thought dead stays held.
        try {
          if (readFileSync(file, "utf8").trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // The folder is gone already.
        }
      });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const holder = Number((await readFile(file, "utf8").catch(() => "")).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      const web = localPorts(dataDir).web;
      throw new DataFolderTakenError(
        `npm start already runs on the data folder ${dataDir} (process ${holder}${web ? `, http://127.0.0.1:${web}` : ""}): use that one, stop it first, or give this one a folder of its own with DATA_DIR`,
      );
    }
    await unlink(file).catch(() => {});
  }
  throw new DataFolderTakenError(`could not take the data folder ${dataDir}: another npm start is taking it at this moment`);
}
