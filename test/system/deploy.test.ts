import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { parse } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORKER_SHUTDOWN_GRACE_MS } from "../../queue/queues.js";
import { loadConfig } from "../../shared/config.js";
import { importsOf, sourcesIn, within } from "../helpers/import-graph.js";
import { repoRoot as root, runNode, waitFor } from "../helpers/processes.js";
import { createTestDatabase, testConfig } from "../helpers/stack.js";
import { configEnv } from "../helpers/worker-process.js";

const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const fly = parse(read("fly.toml")) as {
  kill_timeout: string;
  env: Record<string, string>;
  deploy: { release_command: string };
  processes: Record<string, string>;
  http_service: { internal_port: number; processes: string[]; checks: Array<{ path: string; method: string }> };
};
const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
const buildConfig = JSON.parse(read("tsconfig.build.json")) as { include: string[]; exclude: string[] };
const buildInclude = buildConfig.include;

/** Every project file the image's `tsc -p tsconfig.build.json` compiles: its folders' files and what they import, transitively. */
function filesTheBuildReaches(): string[] {
  const excluded = (f: string) => buildConfig.exclude.some((e) => within(f, e));
  const seen = new Set<string>();
  const queue = buildInclude.flatMap((folder) => sourcesIn(folder)).filter((f) => !excluded(f));
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const edge of importsOf(file)) {
      const target = [".ts", ".tsx"].map((ext) => `${edge.to}${ext}`).find((f) => existsSync(path.join(root, f)));
      if (target) queue.push(target);
    }
  }
  return [...seen];
}

/** `node dist/<x>.js` → `<x>.ts`, the source the image's build compiles it from. */
function sourceOf(command: string): string {
  const built = /^node dist\/(\S+)\.js$/.exec(command)?.[1];
  expect(built, `${command} runs a file of the built output`).toBeDefined();
  return `${built}.ts`;
}

/** The Dockerfile as stages of [instruction, arguments] with line continuations joined. */
function dockerStages(): Array<{ from: string; lines: Array<[string, string]> }> {
  const stages: Array<{ from: string; lines: Array<[string, string]> }> = [];
  for (const raw of read("Dockerfile").replace(/\\\n/g, " ").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [, op = "", args = ""] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === "FROM") stages.push({ from: args, lines: [] });
    else stages.at(-1)?.lines.push([op.toUpperCase(), args]);
  }
  return stages;
}

describe("fly.toml", () => {
  it("has the web, worker and bot process groups, each running the built form of the file its npm script runs", () => {
    expect(Object.keys(fly.processes).sort()).toEqual(["bot", "web", "worker"]);
    const npmScriptFor = { web: "serve", worker: "worker", bot: "bot" } as const;
    for (const [group, script] of Object.entries(npmScriptFor)) {
      const source = sourceOf(fly.processes[group] ?? "");
      expect(existsSync(path.join(root, source)), source).toBe(true);
      expect(scripts[script]).toBe(`tsx ${source}`);
      expect(buildInclude).toContain(source.split("/")[0]);
    }
  });

  it("runs the migrations (PostgreSQL and Mongo indexes) as the release command", () => {
    const source = sourceOf(fly.deploy.release_command);
    expect(scripts.migrate).toBe(`tsx ${source}`);
    expect(read(source)).toMatch(/runMigrations[\s\S]*ensureIndexes/);
  });

  it("serves HTTP only from web, on the port the config reads, with a health check on /healthz", () => {
    expect(fly.http_service.processes).toEqual(["web"]);
    expect(loadConfig({ PORT: fly.env.PORT }).port).toBe(fly.http_service.internal_port);
    expect(fly.http_service.checks.map((c) => `${c.method} ${c.path}`)).toContain("GET /healthz");
    expect(read("server/app.ts")).toContain('app.get("/healthz"');
  });

  it("gives machines longer to stop than the workers' grace for running jobs", () => {
    const seconds = Number(/^(\d+)s$/.exec(fly.kill_timeout)?.[1]);
    expect(seconds * 1000).toBeGreaterThan(WORKER_SHUTDOWN_GRACE_MS);
  });
});

/** The final stage's one RUN: ffmpeg from Debian, with no recommends and no package lists left behind. */
const FFMPEG_INSTALL = "apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*";

describe("Dockerfile", () => {
  const stages = dockerStages();
  const final = stages.at(-1);
  const finalOps = (op: string) => final?.lines.filter(([o]) => o === op).map(([, a]) => a) ?? [];

  it("builds in stages on Node 24 and ships only production dependencies and the built output", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s.from).toMatch(/^node:24[\w.-]*( AS \w+)?$/i);
    const build = stages.find((s) => s.lines.some(([op, a]) => op === "RUN" && a.includes("npm run build")));
    expect(build, "a stage runs npm run build").toBeDefined();
    const prodInstall = stages.find((s) => s.lines.some(([op, a]) => op === "RUN" && /npm ci .*--omit=dev/.test(a)));
    expect(prodInstall, "a stage installs with --omit=dev").toBeDefined();
    const copies = finalOps("COPY");
    const buildName = /AS (\w+)$/i.exec(build?.from ?? "")?.[1];
    const prodName = /AS (\w+)$/i.exec(prodInstall?.from ?? "")?.[1];
    expect(copies).toContain(`--from=${buildName} /app/dist dist`);
    expect(copies).toContain(`--from=${prodName} /app/node_modules node_modules`);
    // Nothing in the final stage compiles: its one RUN installs Debian's ffmpeg (the next test).
    expect(finalOps("RUN")).toEqual([FFMPEG_INSTALL]);
  });

  it("installs Debian's ffmpeg, the one the worker reads videos with, as root before dropping to the app's user", () => {
    const lines = final?.lines ?? [];
    const installAt = lines.findIndex(([op, a]) => op === "RUN" && a === FFMPEG_INSTALL);
    expect(installAt, "the final stage installs ffmpeg with apt-get").toBeGreaterThanOrEqual(0);
    expect(installAt).toBeLessThan(lines.findIndex(([op]) => op === "USER"));
    expect(read("package.json")).not.toContain("@ffmpeg-installer");
  });

  it("runs as a non-root user, exposes the configured port and starts the web process by default", () => {
    const user = finalOps("USER");
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(finalOps("ENV")).toContain("NODE_ENV=production");
    expect(finalOps("EXPOSE")).toEqual([String(fly.http_service.internal_port)]);
    const cmd = JSON.parse(finalOps("CMD")[0] ?? "[]") as string[];
    expect(cmd.join(" ")).toBe(fly.processes.web);
  });

  it("copies into the build stage every folder the build compiles", () => {
    const build = stages.find((s) => s.lines.some(([op, a]) => op === "RUN" && a.includes("npm run build")));
    const copied = build?.lines.filter(([op]) => op === "COPY").map(([, a]) => a.split(/\s+/)[0]) ?? [];
    for (const folder of buildInclude) expect(copied).toContain(folder);
    expect(copied).toContain("tsconfig.json");
    // Files outside those folders that the build reaches through imports (type-only ones too:
    // tsc resolves them), each copied on its own.
    for (const file of filesTheBuildReaches().filter((f) => !buildInclude.some((folder) => within(f, folder)))) {
      expect(copied, `${file} is imported by the build`).toContain(file);
    }
  });

  it("copies patches/ before every npm ci, so the image's dependencies carry the same patches as ours", () => {
    expect(scripts.postinstall).toBe("patch-package");
    const installs = stages.filter((s) => s.lines.some(([op, a]) => op === "RUN" && a.includes("npm ci")));
    expect(installs.length).toBeGreaterThanOrEqual(2);
    for (const s of installs) {
      const copyAt = s.lines.findIndex(([op, a]) => op === "COPY" && a === "patches patches");
      const installAt = s.lines.findIndex(([op, a]) => op === "RUN" && a.includes("npm ci"));
      expect(copyAt, `${s.from} copies patches/`).toBeGreaterThanOrEqual(0);
      expect(copyAt).toBeLessThan(installAt);
    }
  });

  it("keeps secrets, local data and dependencies out of the build context", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((l) => l.trim());
    for (const entry of [".env", ".git", ".data", ".tools", "node_modules", "dist"]) expect(ignored).toContain(entry);
  });
});

describe("the built output (npm run build, as the image runs it)", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    await promisify(execFile)("npm", ["run", "build"], { cwd: root });
  }, 180_000);

  afterAll(async () => {
    await database?.drop();
  });

  it("holds every process's entry and the SQL migrations", () => {
    for (const command of [...Object.values(fly.processes), fly.deploy.release_command]) {
      expect(existsSync(path.join(root, command.replace(/^node /, "")))).toBe(true);
    }
    expect(existsSync(path.join(root, "dist/shared/db/sql/migrations/0000_init.sql"))).toBe(true);
    // The gallery's bundle: the image has no esbuild to make it.
    for (const file of ["app.js", "app.css"]) expect(existsSync(path.join(root, "dist/web/client", file))).toBe(true);
  });

  it("the release command migrates a new database, and the web process serves /healthz on plain node", async () => {
    const env = { ...configEnv(testConfig({ databaseUrl: database.url })), PORT: "0" };
    const release = runNode(fly.deploy.release_command.split(" ").slice(1), env);
    expect(await release.exited, release.stderr()).toBe(0);
    expect(release.stdout()).toContain("postgres migrations applied");
    expect(release.stdout()).toContain("mongo indexes ensured");

    const web = runNode(fly.processes.web?.split(" ").slice(1) ?? [], env);
    try {
      const url = await waitFor(() => /"url":"(http:[^"]+)"/.exec(web.stdout())?.[1], 30_000, `the web process to listen: ${web.stderr()}`);
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ dependencies: { postgres: { status: "ok" }, mongo: { status: "ok" } } });
      const script = await fetch(`${url}/app/static/app.js`);
      expect(script.status).toBe(200);
      expect(script.headers.get("content-type")).toContain("javascript");
      expect(await script.text()).toContain("/app/trpc");
    } finally {
      web.child.kill("SIGTERM");
    }
    expect(await web.exited).toBe(0);
  }, 60_000);
});
