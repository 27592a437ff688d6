import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * An emulator's requests kept as one JSON file each under a directory, as the real services keep
 * theirs: a restart of `npm start` (or a power loss) forgets none that were accepted. Each write
 * goes to a temporary file that is then renamed over the old one, so a file is whole or absent.
 * The emulator's own origin changes with its port between runs, so it is stored as a placeholder.
 */
export class RequestStore<T extends { id: string }> {
  static readonly ORIGIN = "@@origin@@";

  constructor(
    private readonly dir: string | undefined,
    private readonly origin: () => string,
  ) {
    if (dir) mkdirSync(dir, { recursive: true });
  }

  save(record: T): void {
    if (!this.dir) return;
    const file = path.join(this.dir, `${record.id}.json`);
    const text = JSON.stringify(record).replaceAll(this.origin(), RequestStore.ORIGIN);
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  }

  /**
   * Keeps a file a record's result points to (`files/<name>`, beside the records), so what was
   * served before a restart is served the same after it.
   */
  saveFile(name: string, bytes: Buffer): void {
    if (!this.dir) return;
    const file = path.join(this.dir, "files", path.basename(name));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, bytes);
    renameSync(`${file}.tmp`, file);
  }

  /** A file saveFile kept, or undefined. */
  loadFile(name: string): Buffer | undefined {
    if (!this.dir) return undefined;
    const file = path.join(this.dir, "files", path.basename(name));
    return existsSync(file) ? readFileSync(file) : undefined;
  }

  /** Every stored record, oldest file name first; unreadable leftovers are skipped. */
  load(): T[] {
    if (!this.dir) return [];
    const records: T[] = [];
    for (const name of readdirSync(this.dir)
      .filter((n) => n.endsWith(".json"))
      .sort()) {
      try {
        records.push(JSON.parse(readFileSync(path.join(this.dir, name), "utf8").replaceAll(RequestStore.ORIGIN, this.origin())) as T);
      } catch {
        // A file cut short cannot be: writes are renamed into place. Anything else is not ours.
      }
    }
    return records;
  }
}
