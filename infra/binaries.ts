import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { access, chmod, cp, mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * The local servers the project builds from the Go module proxy. Bumping a version here
 * rebuilds that server once; the result is cached under `.tools/`.
 */
export const LOCAL_SERVERS = {
  ferretdb: {
    module: "github.com/FerretDB/FerretDB",
    version: "v1.24.2",
    pkg: "./cmd/ferretdb",
    // The module zip ships an empty version file that FerretDB refuses to start with.
    files: { "build/version/version.txt": "v1.24.2\n" },
    // Sort pushdown on PostgreSQL (`--test-enable-sort-pushdown`): v1.24 sorts every find in Go,
    // after reading every matching document, so a page of a long job list read them all.
    // Point reads and writes by _id spent most of their CPU in FerretDB itself (point-ops-cpu):
    // decoding each document through encoding/json once per nesting level, a leak-tracking stack
    // trace and finalizer for every document iterator, garbage collection at GOGC=100, command
    // struct tags parsed again for every command, a debug line formatted and dropped, two deep
    // copies for an empty projection, BEGIN/COMMIT round trips around a one-document update, and
    // a NaN check that decoded every message in full, answers included (requests are still
    // refused with a NaN, now as BadValue on the document already decoded). An insert whose
    // documents fill its batches exactly no longer sends an empty INSERT that failed.
    // Applied after sort-pushdown.patch.
    // A point read by _id was planned anew on every call (point-id-btree): it now compares with =
    // on the collection's unique _id index, a statement whose generic plan PostgreSQL keeps.
    // A find by `_id: {$in: [...]}` read the whole collection (id-in-btree): it is now one statement
    // on the same index, which JobsRepository.getMany reads a page's jobs with.
    // A cursor page read its sort index from the top and skipped to the cursor in Go (range-pushdown):
    // a range on the sort's first field (a date, string or ObjectID) now starts the index scan there.
    patches: [
      "ferretdb/sort-pushdown.patch",
      "ferretdb/point-ops-cpu.patch",
      "ferretdb/point-id-btree.patch",
      "ferretdb/id-in-btree.patch",
      "ferretdb/range-pushdown.patch",
    ],
    setting: "MONGODB_URL",
  },
  versitygw: {
    module: "github.com/versity/versitygw",
    version: "v1.8.0",
    pkg: "./cmd/versitygw",
    files: {},
    patches: [],
    setting: "S3_ENDPOINT",
  },
} as const;

export type LocalServerName = keyof typeof LOCAL_SERVERS;

export class MissingToolchainError extends Error {
  override name = "MissingToolchainError";
}

export const toolsDir = path.resolve(import.meta.dirname, "..", ".tools");

/** A build's folder is named by the version and the patches, so changing either rebuilds once. */
export function binaryPath(name: LocalServerName): string {
  const { version, patches } = LOCAL_SERVERS[name];
  if (patches.length === 0) return path.join(toolsDir, `${name}-${version}`, name);
  const hash = createHash("sha256");
  for (const patch of patches) hash.update(readFileSync(path.join(import.meta.dirname, patch)));
  return path.join(toolsDir, `${name}-${version}-${hash.digest("hex").slice(0, 8)}`, name);
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

async function findGo(): Promise<string> {
  for (const candidate of ["go", "/usr/local/go/bin/go", "/usr/lib/go/bin/go"]) {
    try {
      await run(candidate, ["version"]);
      return candidate;
    } catch {
      // try the next location
    }
  }
  throw new MissingToolchainError("Go toolchain not found");
}

/** Returns the path of the cached binary, building it from the Go module proxy when missing. */
export async function ensureBinary(name: LocalServerName, log: (msg: string) => void = () => {}): Promise<string> {
  const target = binaryPath(name);
  if (await exists(target)) return target;

  const spec = LOCAL_SERVERS[name];
  let go: string;
  try {
    go = await findGo();
  } catch {
    throw new MissingToolchainError(
      `${name} ${spec.version} is not built and no Go toolchain (1.24+) was found: install Go, or set ${spec.setting} to an existing server`,
    );
  }

  log(`building ${name} ${spec.version} from the Go module proxy (first run only, a few minutes)`);
  const { stdout } = await run(go, ["mod", "download", "-json", `${spec.module}@${spec.version}`], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const moduleDir = (JSON.parse(stdout) as { Dir: string }).Dir;

  // Module cache folders are read-only; build from a writable copy.
  const work = await mkdtemp(path.join(tmpdir(), `${name}-src-`));
  try {
    await cp(moduleDir, work, { recursive: true });
    await run("chmod", ["-R", "u+w", work]);
    for (const [file, content] of Object.entries(spec.files)) {
      await writeFile(path.join(work, file), content);
    }
    for (const patch of spec.patches) {
      await run("git", ["apply", path.join(import.meta.dirname, patch)], { cwd: work });
    }
    const outDir = path.dirname(target);
    await mkdir(outDir, { recursive: true });
    const partial = `${target}.partial-${process.pid}`;
    await run(go, ["build", "-trimpath", "-buildvcs=false", "-o", partial, spec.pkg], {
      cwd: work,
      maxBuffer: 64 * 1024 * 1024,
    });
    await chmod(partial, 0o755);
    // Rename is atomic, so a concurrent or interrupted build never leaves a half-written binary.
    await rename(partial, target);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  log(`built ${target}`);
  return target;
}
