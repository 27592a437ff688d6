import { randomUUID } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { FakeTranscript } from "./transcript-record.js";

/**
 * The emulator's state as files: `transcripts/<id>.json` and `uploads/<id>`. Each file is
 * written to a temporary name, flushed, then renamed over the old one, so a power loss leaves
 * either the old file or the new one. Writes of one file are serialized, so an older state never
 * lands after a newer one. Nothing stored names the emulator's own origin, which changes with
 * its port.
 */
export interface Store {
  init(): Promise<void>;
  saveTranscript(t: FakeTranscript): Promise<void>;
  saveUpload(id: string, bytes: Buffer): Promise<void>;
  readUpload(id: string): Promise<Buffer | undefined>;
  /** Every stored transcript, oldest first. */
  loadTranscripts(): Promise<FakeTranscript[]>;
  /** Waits for the writes under way. */
  flush(): Promise<void>;
}

export function fileStore(dataDir: string): Store {
  const transcriptsDir = path.join(dataDir, "transcripts");
  const uploadsDir = path.join(dataDir, "uploads");
  const queues = new Map<string, Promise<void>>();

  async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
    const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    const handle = await open(tmp, "w");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  }

  function queued(file: string, data: string | Buffer): Promise<void> {
    const next = (queues.get(file) ?? Promise.resolve()).then(() => writeAtomic(file, data));
    const settled = next.catch(() => {});
    queues.set(file, settled);
    void settled.then(() => {
      if (queues.get(file) === settled) queues.delete(file);
    });
    return next;
  }

  return {
    async init(): Promise<void> {
      await mkdir(transcriptsDir, { recursive: true });
      await mkdir(uploadsDir, { recursive: true });
    },
    saveTranscript: (t: FakeTranscript) => queued(path.join(transcriptsDir, `${t.id}.json`), JSON.stringify(t)),
    saveUpload: (id: string, bytes: Buffer) => queued(path.join(uploadsDir, id), bytes),
    readUpload: (id: string) => readFile(path.join(uploadsDir, path.basename(id))).catch(() => undefined),
    // Leftovers of interrupted writes are removed: the renamed files are the state.
    async loadTranscripts(): Promise<FakeTranscript[]> {
      const loaded: FakeTranscript[] = [];
      for (const dir of [transcriptsDir, uploadsDir]) {
        for (const name of await readdir(dir)) {
          if (name.endsWith(".tmp")) await rm(path.join(dir, name), { force: true });
        }
      }
      for (const name of await readdir(transcriptsDir)) {
        if (name.endsWith(".json")) loaded.push(JSON.parse(await readFile(path.join(transcriptsDir, name), "utf8")) as FakeTranscript);
      }
      return loaded.sort((a, b) => a.seq - b.seq);
    },
    flush: () => Promise.all([...queues.values()]).then(() => {}),
  };
}

/** The same calls with nothing kept: the emulator's state lives only as long as the process. */
export function memoryStore(): Store {
  const uploads = new Map<string, Buffer>();
  return {
    init: async () => {},
    saveTranscript: async () => {},
    saveUpload: async (id, bytes) => void uploads.set(id, bytes),
    readUpload: async (id) => uploads.get(id),
    loadTranscripts: async () => [],
    flush: async () => {},
  };
}
