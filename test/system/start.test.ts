import { networkInterfaces } from "node:os";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../infra/child-process.js";
import { createTestDatabase } from "../helpers/stack.js";
import { createApiKey, ensureMember, ensureWorkspace } from "../../shared/db/sql/accounts.js";
import { connectSql } from "../../shared/db/sql/client.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { isAlive, repoRoot, runEntry, waitFor } from "../helpers/processes.js";

/** `npm start` in its own process group, so a test can kill the whole group, as a power loss would. */
function startGroup(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/dev.ts"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** SIGTERM to a group still running, then SIGKILL if it has not exited within 20 s. */
async function stopGroup(group: ReturnType<typeof startGroup>): Promise<void> {
  const pid = group.child.pid;
  if (pid === undefined || group.child.exitCode !== null || group.child.signalCode !== null) {
    if (pid !== undefined) killGroup(pid, "SIGKILL");
    return;
  }
  killGroup(pid, "SIGTERM");
  const stopped = await Promise.race([
    group.exited.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 20_000).unref()),
  ]);
  // Its servers too: a group whose leader is gone may still hold them.
  killGroup(pid, "SIGKILL");
  if (!stopped) await group.exited;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** This machine's IPv4 addresses other than loopback (the network would reach it on these). */
function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === "IPv4" && !i.internal)
    .map((i) => i?.address ?? "");
}

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
    const url = await waitFor(
      () => run.stdout().match(/listening on (http:\/\/\S+) /)?.[1],
      60_000,
      `the start banner; stderr: ${run.stderr()}`,
    );
    const pids = await Promise.all(
      ["ferretdb", "s3"].map(async (d) => Number(await readFile(path.join(dataDir, d, "server.pid"), "utf8"))),
    );
    expect(pids.every(isAlive)).toBe(true);

    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      dependencies: { postgres: { status: "ok" }, mongo: { status: "ok" }, s3: { status: "ok" } },
    });
    // The gallery is served too, its script bundled on first use: no build step before npm start.
    // A development stack answers this machine only: not on the machine's network addresses.
    const port = new URL(url).port;
    for (const address of externalAddresses()) {
      await expect(fetch(`http://${address}:${port}/healthz`), address).rejects.toThrow();
    }
    const gallery = await fetch(`${url}/app`);
    expect(gallery.status).toBe(401);
    expect(await gallery.text()).toContain("/gallery");
    const script = await fetch(`${url}/app/static/app.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain("/app/trpc");

    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it("with the fal emulator in use, its webhooks are checked against the emulator's keys, not fal's", { timeout: 120_000 }, async () => {
    const run = runEntry("apps/dev.ts", {
      PORT: "0",
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      LOG_LEVEL: "info",
      PUBLIC_URL: "http://127.0.0.1:9",
    });
    const line = await waitFor(
      () =>
        run
          .stdout()
          .match(/emulated at (http:\/\/[\d.:]+), its webhook signatures checked against (http:\/\/[\d.:]+\/\.well-known\/jwks\.json)/) ??
        undefined,
      100_000,
      `the emulator line; stderr: ${run.stderr()}`,
    );
    expect(line[2]).toBe(`${line[1]}/.well-known/jwks.json`);
    run.child.kill("SIGTERM");
    expect(await run.exited, `stderr: ${run.stderr()}\nstdout tail: ${run.stdout().slice(-3000)}`).toBe(0);
  });

  it("a power loss (SIGKILL of the whole process group) mid-run loses no job: after a restart on the same data every job completes, each file once", {
    timeout: 240_000,
  }, async () => {
    // The test reads the job list ten times a second, past the default per-key limit.
    const env = { PORT: "0", DATA_DIR: dataDir, DATABASE_URL: database.url, LOG_LEVEL: "warn", RATE_LIMIT_PER_MINUTE: "100000" };
    const first = startGroup(env);
    const groups = [first];
    try {
      const url = await waitFor(
        () => first.stdout().match(/listening on (http:\/\/\S+) /)?.[1],
        100_000,
        `the start banner; stderr: ${first.stderr()}`,
      );
      const sql = await connectSql(database.url);
      const key = await (async () => {
        try {
          const ws = await ensureWorkspace(sql.db, { slug: "power" });
          const member = await ensureMember(sql.db, ws.id, "pat");
          return (await createApiKey(sql.db, { workspaceId: ws.id, memberId: member.id, kind: "user", name: "pat" })).key;
        } finally {
          await sql.close();
        }
      })();
      const call = async (base: string, procedure: string, input: unknown, method: "GET" | "POST") => {
        const res = await fetch(
          method === "GET" ? `${base}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}` : `${base}/trpc/${procedure}`,
          {
            method,
            headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
            ...(method === "POST" ? { body: JSON.stringify(input) } : {}),
          },
        );
        const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
        if (!body.result) throw new Error(`${procedure} answered ${res.status}: ${JSON.stringify(body.error)}`);
        return body.result.data;
      };
      const jobIds: string[] = [];
      for (let i = 0; i < 12; i++)
        jobIds.push(
          (
            (await call(url, "jobs.create", { type: "image-generation", prompt: `power ${i}`, imageSize: "square", count: 2 }, "POST")) as {
              jobId: string;
            }
          ).jobId,
        );

      // The moment a worker holds a request id fal accepted (its progress comes from fal's status
      // of that request), and not every job is done: the emulator's memory of it is what is at stake.
      const list = async (base: string) =>
        ((await call(base, "jobs.list", { limit: 50 }, "GET")) as { items: PublicJob[] }).items.filter((j) => jobIds.includes(j.jobId));
      await waitFor(
        async () => {
          const jobs = await list(url);
          return jobs.some((j) => j.status === "running" && (j.progress ?? 0) >= 5) && jobs.some((j) => j.status !== "completed")
            ? true
            : undefined;
        },
        60_000,
        "a job waiting on a request fal accepted",
      );
      process.kill(-(first.child.pid ?? 0), "SIGKILL");
      await first.exited;

      const second = startGroup(env);
      groups.push(second);
      const again = await waitFor(
        () => second.stdout().match(/listening on (http:\/\/\S+) /)?.[1],
        100_000,
        `the restart's banner; stderr: ${second.stderr()}`,
      );
      const jobs = await waitFor(
        async () => {
          const listed = await list(again);
          const all = jobIds.map((jobId) => listed.find((j) => j.jobId === jobId));
          return all.every((j) => j && ["completed", "failed", "canceled"].includes(j.status)) ? (all as PublicJob[]) : undefined;
        },
        180_000,
        "every job to finish after the restart",
      );
      expect(jobs.map((j) => [j.jobId, j.status, j.error?.message])).toEqual(jobIds.map((jobId) => [jobId, "completed", undefined]));
      for (const job of jobs) {
        expect(job.versions).toHaveLength(1);
        expect(job.files.map((f) => f.fileName).sort()).toEqual(["image_1.png", "image_2.png"]);
      }
    } finally {
      // Whatever failed, no server of either run outlives the test (they hold npm start's fixed ports).
      await Promise.all(groups.map(stopGroup));
    }
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
    const run = runEntry("apps/web.ts", {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/x`,
      MONGODB_URL: "mongodb://127.0.0.1:1/",
      LOG_LEVEL: "silent",
    });
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split("\n")).toEqual([expect.stringMatching(/^error: DATABASE_URL: cannot reach/)]);
  });
});
