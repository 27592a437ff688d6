import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../infra/child-process.js";
import { createTestDatabase } from "./helpers/stack.js";
import { isAlive, runEntry, waitFor } from "./helpers/processes.js";

describe("npm start", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), "cg-start-"));
  });

  afterAll(async () => {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("brings up the local servers and the API, and SIGTERM stops all of them", async () => {
    const run = runEntry("apps/dev.ts", { PORT: "0", DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: "warn" });
    const url = await waitFor(() => run.stdout().match(/listening on (http:\/\/\S+) /)?.[1], 60_000, `the start banner; stderr: ${run.stderr()}`);
    const pids = await Promise.all(
      ["ferretdb", "s3"].map(async (d) => Number(await readFile(path.join(dataDir, d, "server.pid"), "utf8"))),
    );
    expect(pids.every(isAlive)).toBe(true);

    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      dependencies: { postgres: { status: "ok" }, mongo: { status: "ok" }, s3: { status: "ok" } },
    });

    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it("with the fal emulator in use, its webhooks are checked against the emulator's keys, not fal's", { timeout: 120_000 }, async () => {
    const run = runEntry("apps/dev.ts", { PORT: "0", DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: "info", PUBLIC_URL: "http://127.0.0.1:9" });
    const line = await waitFor(
      () => run.stdout().match(/emulated at (http:\/\/[\d.:]+), its webhook signatures checked against (http:\/\/[\d.:]+\/\.well-known\/jwks\.json)/) ?? undefined,
      100_000,
      `the emulator line; stderr: ${run.stderr()}`,
    );
    expect(line[2]).toBe(`${line[1]}/.well-known/jwks.json`);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it("a malformed S3_ENDPOINT is one line naming it, and a non-zero exit", async () => {
    const run = runEntry("apps/dev.ts", { S3_ENDPOINT: "localhost:9000", DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    const lines = run.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: S3_ENDPOINT must be an http\(s\) URL/);
  });

  it("an unreachable MONGODB_URL is one line naming it, and a non-zero exit", async () => {
    const port = await freePort();
    const run = runEntry("apps/web.ts", {
      MONGODB_URL: `mongodb://127.0.0.1:${port}/`,
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      DATABASE_URL: database.url,
      PORT: "0",
      LOG_LEVEL: "silent",
    });
    expect(await run.exited).toBe(1);
    const lines = run.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error: MONGODB_URL: cannot reach mongodb://127.0.0.1:${port}/`));
  });

  it("an unreachable DATABASE_URL is one line naming it", async () => {
    const port = await freePort();
    const run = runEntry("apps/web.ts", { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/x`, MONGODB_URL: "mongodb://127.0.0.1:1/", LOG_LEVEL: "silent" });
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split("\n")).toEqual([expect.stringMatching(/^error: DATABASE_URL: cannot reach/)]);
  });
});
