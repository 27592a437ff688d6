import { runCli } from "../helpers/cli.js";
import { noteLocalPorts } from "../../infra/ports.js";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../infra/child-process.js";
import { prepareLocalStart } from "../../infra/local-start.js";
import { docsDatabaseName } from "../../infra/docs-database.js";
import { DATABASE_RECORD, loadConfig } from "../../shared/config.js";
import { createApiKey, ensureMember, ensureWorkspace } from "../../shared/db/sql/accounts.js";
import { connectSql } from "../../shared/db/sql/client.js";
import { dropDatabase, withDatabase, withServer } from "../../shared/db/sql/ensure-database.js";
import { type Spawned, runEntry, waitFor } from "../helpers/processes.js";
import { uniqueName } from "../helpers/stack.js";

const databaseExists = (name: string) =>
  withServer(
    inject("stack").serverUrl,
    async (c) => (await c.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1,
  );

/** `npm start` as a newcomer runs it: no DATABASE_URL, only a data folder (and a free port, as tests take). */
function start(dataDir: string, env: Record<string, string> = {}): Spawned {
  return runEntry("apps/dev.ts", { DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "info", ...env });
}

/** The URL of the start banner; a start that exits first, or takes two minutes, fails with what it printed. */
async function listening(run: Spawned): Promise<string> {
  const banner = () => run.stdout().match(/listening on (http:\/\/\S+) /)?.[1];
  const url = await waitFor(() => banner() ?? (run.child.exitCode === null ? undefined : ""), 120_000, "the start banner").catch(() => "");
  if (!url)
    throw new Error(`no start banner (exit code ${run.child.exitCode}); stderr: ${run.stderr()}\nstdout: ${run.stdout().slice(-2000)}`);
  return url;
}

async function stop(run: Spawned): Promise<number | null> {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill("SIGTERM");
  return run.exited;
}

describe("two npm start in two data folders", () => {
  let root: string;
  let folders: string[] = [];
  const runs: Spawned[] = [];

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "cg-stacks-"));
    folders = [path.join(root, "alpha", ".data"), path.join(root, "beta", ".data")];
  });

  afterAll(async () => {
    await Promise.all(runs.map(stop));
    const { serverUrl } = inject("stack");
    for (const dir of folders) {
      const name = await readFile(path.join(dir, DATABASE_RECORD), "utf8").catch(() => "");
      if (!name.trim()) continue;
      const url = withDatabase(serverUrl, name.trim());
      await dropDatabase(url);
      await dropDatabase(withDatabase(serverUrl, docsDatabaseName(url)));
    }
    await rm(root, { recursive: true, force: true });
  });

  it("run side by side, each in a database of its own, and a job made on one never runs on or shows on the other", {
    timeout: 300_000,
  }, async () => {
    const [alpha, beta] = folders.map((dir) => start(dir)) as [Spawned, Spawned];
    runs.push(alpha, beta);
    const [urlA, urlB] = await Promise.all([listening(alpha), listening(beta)]);

    const names = await Promise.all(folders.map(async (dir) => (await readFile(path.join(dir, DATABASE_RECORD), "utf8")).trim()));
    expect(names[0]).toMatch(/^cg_alpha_data_[0-9a-f]{8}$/);
    expect(names[1]).toMatch(/^cg_beta_data_[0-9a-f]{8}$/);
    for (const [i, run] of [alpha, beta].entries()) {
      expect(run.stdout()).toContain(`PostgreSQL database ${names[i]} (created, named in ${path.join(folders[i] ?? "", DATABASE_RECORD)})`);
      expect(await databaseExists(names[i] ?? "")).toBe(true);
      // The document store follows the same database.
      expect(await databaseExists(`${names[i]}_docs`)).toBe(true);
    }
    // Each stack's embedded servers on ports of their own, noted in its folder for the CLI.
    const ports = await Promise.all(folders.map(async (dir) => JSON.parse(await readFile(path.join(dir, "ports.json"), "utf8"))));
    expect(new Set([ports[0].mongo, ports[0].s3, ports[1].mongo, ports[1].s3]).size).toBe(4);

    for (const url of [urlA, urlB]) {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ dependencies: { postgres: { status: "ok" }, mongo: { status: "ok" } } });
    }

    // A second start on a folder whose stack runs refuses in one line, and the first runs on untouched.
    const again = start(folders[0] ?? "");
    runs.push(again);
    expect(await again.exited).toBe(1);
    expect(again.stderr().trim().split("\n")).toEqual([
      expect.stringMatching(
        new RegExp(`^error: npm start already runs on the data folder ${folders[0]} \\(process ${alpha.child.pid}, ${urlA}\\)`),
      ),
    ]);
    expect((await fetch(`${urlA}/healthz`)).status).toBe(200);

    // The same workspace and user in both, as two checkouts of one team would have.
    const keyIn = async (database: string) => {
      const sql = await connectSql(withDatabase(inject("stack").serverUrl, database));
      try {
        const ws = await ensureWorkspace(sql.db, { slug: "acme" });
        const member = await ensureMember(sql.db, ws.id, "alice");
        return (await createApiKey(sql.db, { workspaceId: ws.id, memberId: member.id, kind: "user", name: "alice" })).key;
      } finally {
        await sql.close();
      }
    };
    const [keyA, keyB] = [await keyIn(names[0] ?? ""), await keyIn(names[1] ?? "")];
    const auth = (key: string) => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });

    const created = await fetch(`${urlA}/trpc/jobs.create`, {
      method: "POST",
      headers: auth(keyA),
      body: JSON.stringify({ type: "image-generation", prompt: "a lighthouse on one stack only", imageSize: "square" }),
    });
    expect(created.status).toBe(200);
    const { jobId } = ((await created.json()) as { result: { data: { jobId: string } } }).result.data;
    const job = await waitFor(
      async () => {
        const body = (await (await fetch(`${urlA}/api/jobs/${jobId}`, { headers: auth(keyA) })).json()) as { status: string };
        return ["completed", "failed", "canceled"].includes(body.status) ? body : undefined;
      },
      90_000,
      "the job to finish on its own stack",
      250,
    );
    expect(job.status).toBe("completed");

    // The CLI run in a folder reaches that folder's stack, whatever port it took, with no API_URL.
    const cliA = await runCli(["jobs", "get", jobId, "--json", "--key", keyA], { DATA_DIR: folders[0] });
    expect(cliA.code, cliA.stderr).toBe(0);
    expect(JSON.parse(cliA.stdout)).toMatchObject({ jobId, status: "completed" });
    const cliB = await runCli(["jobs", "get", jobId, "--key", keyB], { DATA_DIR: folders[1] });
    expect(cliB.code).toBe(1);
    expect(cliB.stderr).toMatch(/not found/i);

    // The other stack never saw it: not in its API, not in its queue, and the first stack's key means nothing there.
    expect((await fetch(`${urlB}/api/jobs/${jobId}`, { headers: auth(keyB) })).status).toBe(404);
    const listed = (await (
      await fetch(`${urlB}/trpc/jobs.list?input=${encodeURIComponent(JSON.stringify({ limit: 50 }))}`, { headers: auth(keyB) })
    ).json()) as { result: { data: { items: unknown[] } } };
    expect(listed.result.data.items).toEqual([]);
    expect((await fetch(`${urlB}/api/jobs/${jobId}`, { headers: auth(keyA) })).status).toBe(401);
    const queued = async (database: string) => {
      const sql = await connectSql(withDatabase(inject("stack").serverUrl, database));
      try {
        return (await sql.pool.query("select count(*)::int as n from pgboss.job where data->>'jobId' = $1", [jobId])).rows[0].n;
      } finally {
        await sql.close();
      }
    };
    expect(await queued(names[0] ?? "")).toBeGreaterThan(0);
    expect(await queued(names[1] ?? "")).toBe(0);

    expect(await stop(alpha)).toBe(0);
    expect(await stop(beta)).toBe(0);
  });
});

describe("npm start and its database", () => {
  let dataDir: string;
  const role = uniqueName("t_nocreate").replace("-", "_");
  const made: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "cg-dbstart-"));
    await withServer(inject("stack").serverUrl, async (c) => {
      await c.query(`create role ${c.escapeIdentifier(role)} login nocreatedb`);
    });
  });

  afterAll(async () => {
    const { serverUrl } = inject("stack");
    for (const name of made) await dropDatabase(withDatabase(serverUrl, name));
    await withServer(serverUrl, async (c) => {
      await c.query(`drop role if exists ${c.escapeIdentifier(role)}`);
    });
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The run's own MongoDB-wire and S3 servers, so these starts run only the API, the workers and the emulators. */
  const servers = () => {
    const s = inject("stack");
    return {
      MONGODB_URL: s.mongoUrl,
      MONGODB_DB: uniqueName("t").replace("-", "_"),
      S3_ENDPOINT: s.s3Endpoint,
      S3_BUCKET: uniqueName("t-bucket"),
      S3_ACCESS_KEY_ID: s.s3AccessKeyId,
      S3_SECRET_ACCESS_KEY: s.s3SecretAccessKey,
    };
  };

  it("creates the database a DATABASE_URL names when it is missing, and the next start finds it", { timeout: 120_000 }, async () => {
    const name = uniqueName("t_missing").replace("-", "_");
    made.push(name);
    const url = withDatabase(inject("stack").serverUrl, name);
    expect(await databaseExists(name)).toBe(false);
    const run = start(dataDir, { DATABASE_URL: url, ...servers() });
    const api = await listening(run);
    expect(run.stdout()).toContain(`PostgreSQL database ${name} (created)`);
    expect(await databaseExists(name)).toBe(true);
    expect((await fetch(`${api}/healthz`)).status).toBe(200);
    expect(await stop(run)).toBe(0);
    // A second start finds it.
    const again = start(dataDir, { DATABASE_URL: url, ...servers() });
    await listening(again);
    expect(again.stdout()).toContain(`PostgreSQL database ${name} (found)`);
    expect(await stop(again)).toBe(0);
  });

  it("a user who may not create databases gets one line saying what to do, and nothing is made", async () => {
    const name = uniqueName("t_refused").replace("-", "_");
    const url = new URL(withDatabase(inject("stack").serverUrl, name));
    url.username = role;
    url.password = "";
    const run = start(dataDir, { DATABASE_URL: url.toString(), ...servers() });
    expect(await run.exited).toBe(1);
    const lines = run.stderr().trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^error: DATABASE_URL: database ${name} does not exist and ${role} may not create it .*createdb .*grant CREATEDB to ${role}`,
        ),
      ),
    ]);
    expect(await databaseExists(name)).toBe(false);
  });

  it("an unreachable server is one line naming it", async () => {
    const port = await freePort();
    const run = start(dataDir, { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/anything`, ...servers() });
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim().split("\n")).toEqual([
      expect.stringMatching(
        new RegExp(
          `^error: DATABASE_URL: cannot reach postgres://postgres@127.0.0.1:${port}/anything .*start PostgreSQL there, or set DATABASE_URL to a server that answers$`,
        ),
      ),
    ]);
  });

  it("with PORT unset and the default port taken, takes a free one and says so; with PORT set, keeps it", async () => {
    const holder = createServer();
    const held = await new Promise<number>((resolve) =>
      holder.listen(0, "0.0.0.0", () => resolve((holder.address() as { port: number }).port)),
    );
    try {
      const name = uniqueName("t_port").replace("-", "_");
      made.push(name);
      // As with PORT unset, but the default port the held one.
      const base = {
        ...loadConfig({ DATABASE_URL: withDatabase(inject("stack").serverUrl, name), DATA_DIR: dataDir, PORT: String(held) }),
        portSet: false,
      };
      const lines: string[] = [];
      const moved = await prepareLocalStart(base, (m) => lines.push(m));
      expect(moved.port).not.toBe(held);
      expect(moved.cli.apiUrl).toBe(`http://127.0.0.1:${moved.port}`);
      expect(lines).toContain(
        `port ${held} is taken (another stack?): this one listens on http://127.0.0.1:${moved.port} (the CLI run with this data folder finds it); set PORT to choose`,
      );
      // The next start takes the port this folder's stack had, so its links keep working.
      await noteLocalPorts(dataDir, { web: moved.port });
      expect((await prepareLocalStart(base, () => {})).port).toBe(moved.port);
      const fixed = await prepareLocalStart({ ...base, portSet: true }, () => {});
      expect(fixed.port).toBe(held);
    } finally {
      await new Promise((r) => holder.close(r));
    }
  });
});
