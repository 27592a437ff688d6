import { mkdir } from "node:fs/promises";
import path from "node:path";
import { ensureBinary } from "./binaries.js";
import { type ManagedProcess, startProcess } from "./child-process.js";
import { LOCAL_S3_CREDENTIALS } from "./ports.js";

/** Starts the embedded S3 server (versitygw), keeping buckets and their object versions in the data folder. */
export async function startVersityGw(dataDir: string, port: number, region: string, log: (m: string) => void): Promise<ManagedProcess> {
  const binary = await ensureBinary("versitygw", log);
  const root = path.resolve(dataDir, "s3");
  const buckets = path.join(root, "buckets");
  const versions = path.join(root, "versions");
  await mkdir(buckets, { recursive: true });
  await mkdir(versions, { recursive: true });
  return startProcess({
    name: "versitygw",
    binary,
    cwd: root,
    port,
    pidFile: path.join(root, "server.pid"),
    args: [
      "--port",
      `127.0.0.1:${port}`,
      "--access",
      LOCAL_S3_CREDENTIALS.accessKeyId,
      "--secret",
      LOCAL_S3_CREDENTIALS.secretAccessKey,
      "--region",
      region,
      "--quiet",
      "posix",
      "--versioning-dir",
      versions,
      buckets,
    ],
  });
}
