import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/processes.js";

const run = promisify(execFile);
const read = (file: string) => readFile(path.join(repoRoot, file), "utf8");

describe("the Node version", () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "cg-install-"));
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("is one major, 24, wherever it is named: .nvmrc, .node-version, the Docker image, the Node the scripts run on", async () => {
    expect((await read(".nvmrc")).trim()).toBe("24");
    expect((await read(".node-version")).trim()).toBe("24");
    const froms = [...(await read("Dockerfile")).matchAll(/^FROM node:(\d+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThan(0);
    expect(new Set(froms)).toEqual(new Set(["24"]));
    const pkg = JSON.parse(await read("package.json")) as { devDependencies: Record<string, string>; engines: { node: string } };
    expect(pkg.devDependencies.node).toMatch(/^\^24\./);
    expect(process.versions.node.split(".")[0]).toBe("24");
    // engines names the lowest Node every dependency accepts, below the pinned one.
    expect(pkg.engines.node).toMatch(/^>=2[2-4]\.\d+\.\d+$/);
  });

  it("npm install on it warns about no engine", { timeout: 180_000 }, async () => {
    // The lockfile alone decides the tree: a dry run reads no registry.
    for (const file of ["package.json", "package-lock.json"]) await copyFile(path.join(repoRoot, file), path.join(scratch, file));
    const env = { PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`, HOME: process.env.HOME ?? scratch };
    const { stdout: version } = await run("node", ["-p", "process.version"], { env, cwd: scratch });
    expect(version.trim()).toBe(`v${process.versions.node}`);
    const { stdout, stderr } = await run("npm", ["install", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund"], {
      env,
      cwd: scratch,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toMatch(/added \d+ packages/);
    expect(stderr).not.toContain("EBADENGINE");
    expect(stderr).not.toMatch(/npm warn/i);
  });
});
