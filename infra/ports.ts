import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** Ports the embedded servers under `npm start` prefer; a second stack takes free ones instead. */
export const LOCAL_MONGO_PORT = 27027;
export const LOCAL_S3_PORT = 7070;

/** Credentials of the embedded S3 server; it listens on loopback only and is never used in production. */
export const LOCAL_S3_CREDENTIALS = {
  accessKeyId: "local-dev-access-key",
  secretAccessKey: "local-dev-secret-key",
} as const;

/** Where a data folder's stack notes the ports its embedded servers took. */
const PORTS_FILE = "ports.json";

export interface LocalPorts {
  mongo: number;
  s3: number;
  /** The API's port under `npm start` (unset before its first start): the CLI's default API_URL. */
  web?: number;
}

/**
 * The ports of the embedded servers `npm start` last ran on this data folder, so tools and the
 * CLI reach this folder's servers and never another stack's that holds the preferred ports.
 * Before any start: the preferred ones.
 */
export function localPorts(dataDir: string): LocalPorts {
  const fallback = { mongo: LOCAL_MONGO_PORT, s3: LOCAL_S3_PORT };
  try {
    const noted = JSON.parse(readFileSync(path.resolve(dataDir, PORTS_FILE), "utf8")) as Partial<Record<keyof LocalPorts, unknown>>;
    const port = (v: unknown, otherwise: number) =>
      Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536 ? (v as number) : otherwise;
    const web = port(noted.web, 0);
    return { mongo: port(noted.mongo, fallback.mongo), s3: port(noted.s3, fallback.s3), ...(web ? { web } : {}) };
  } catch {
    return fallback;
  }
}

/** Notes the ports a stack's servers took (see localPorts); a server it did not start keeps the noted one. */
export async function noteLocalPorts(dataDir: string, ports: Partial<LocalPorts>): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.resolve(dataDir, PORTS_FILE), `${JSON.stringify({ ...localPorts(dataDir), ...ports })}\n`);
}
