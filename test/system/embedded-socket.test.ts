import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../infra/child-process.js";
import { startFerretDb } from "../../infra/ferretdb-server.js";
import { isAlive, waitFor } from "../helpers/processes.js";
import { testConfig } from "../helpers/stack.js";

async function ping(url: string): Promise<unknown> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5_000 });
  try {
    return await client.db("admin").command({ ping: 1 });
  } finally {
    await client.close();
  }
}

describe("the embedded MongoDB-wire server's Unix socket", () => {
  const dirs: string[] = [];
  const tempDir = async (name: string) => {
    const dir = await mkdtemp(path.join(tmpdir(), name));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it.runIf(inject("stack").mongoSqlUrl)("is how the service reaches the embedded store", async () => {
    const url = testConfig().mongo.url ?? "";
    expect(url).toMatch(/^mongodb:\/\/%2F[^/]*ferretdb%2Fferretdb\.sock\/$/);
    expect(await stat(decodeURIComponent(url.slice("mongodb://".length, -1)))).toSatisfy((s: { isSocket(): boolean }) => s.isSocket());
    expect(await ping(url)).toMatchObject({ ok: 1 });
  });

  it("a socket file left by a server killed outright does not stop the next start on the same folder", async () => {
    const dir = await tempDir("cg-sock-");
    const first = await startFerretDb(dir, await freePort(), () => {});
    expect(first.url).toMatch(/\.sock\/$/);
    expect(await ping(first.url)).toMatchObject({ ok: 1 });
    process.kill(first.pid, "SIGKILL");
    await waitFor(() => (isAlive(first.pid) ? undefined : true), 10_000, "the killed server to exit");
    expect((await stat(path.join(dir, "ferretdb", "ferretdb.sock"))).isSocket()).toBe(true);

    const second = await startFerretDb(dir, await freePort(), () => {});
    try {
      expect(second.url).toBe(first.url);
      expect(await ping(second.url)).toMatchObject({ ok: 1 });
    } finally {
      await second.stop();
    }
  });

  it("a data folder too deep for a socket address is reached over loopback TCP instead", async () => {
    const deep = path.join(await tempDir("cg-sock-"), "d".repeat(120));
    const port = await freePort();
    const server = await startFerretDb(deep, port, () => {});
    try {
      expect(server.url).toBe(`mongodb://127.0.0.1:${port}/`);
      expect(await ping(server.url)).toMatchObject({ ok: 1 });
    } finally {
      await server.stop();
    }
  });
});
