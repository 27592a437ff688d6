import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { WORKER_SHUTDOWN_GRACE_MS } from "../queue/queues.js";
import { loadConfig } from "../shared/config.js";

const root = path.resolve(import.meta.dirname, "..");
const fly = parse(readFileSync(path.join(root, "fly.toml"), "utf8")) as {
  kill_timeout: string;
  env: Record<string, string>;
  deploy: { release_command: string };
  processes: Record<string, string>;
  http_service: { internal_port: number; processes: string[]; checks: Array<{ path: string; method: string }> };
};
const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

/** The file an `npm run <script>` command starts, checked to exist. */
function entryOf(command: string): string {
  const script = /^npm run ([\w:-]+)$/.exec(command)?.[1];
  expect(script, `${command} is an npm script`).toBeDefined();
  const body = scripts[script ?? ""];
  expect(body, `package.json has the script ${script}`).toBeDefined();
  const file = /^tsx (\S+\.ts)$/.exec(body ?? "")?.[1];
  expect(file, `${script} runs a TypeScript entry`).toBeDefined();
  return path.join(root, file ?? "");
}

describe("fly.toml", () => {
  it("has the web, worker and bot process groups, each an npm script whose entry file exists", () => {
    expect(Object.keys(fly.processes).sort()).toEqual(["bot", "web", "worker"]);
    for (const command of Object.values(fly.processes)) expect(existsSync(entryOf(command))).toBe(true);
  });

  it("runs the migrations (PostgreSQL and Mongo indexes) as the release command", () => {
    expect(fly.deploy.release_command).toBe("npm run migrate");
    expect(readFileSync(entryOf(fly.deploy.release_command), "utf8")).toMatch(/runMigrations[\s\S]*ensureIndexes/);
  });

  it("serves HTTP only from web, on the port the config reads, with a health check on /healthz", () => {
    expect(fly.http_service.processes).toEqual(["web"]);
    expect(loadConfig({ PORT: fly.env.PORT }).port).toBe(fly.http_service.internal_port);
    expect(fly.http_service.checks.map((c) => `${c.method} ${c.path}`)).toContain("GET /healthz");
    expect(readFileSync(path.join(root, "server/app.ts"), "utf8")).toContain('app.get("/healthz"');
  });

  it("gives machines longer to stop than the workers' grace for running jobs", () => {
    const seconds = Number(/^(\d+)s$/.exec(fly.kill_timeout)?.[1]);
    expect(seconds * 1000).toBeGreaterThan(WORKER_SHUTDOWN_GRACE_MS);
  });
});
