import { describe, expect, it } from "vitest";
import { createApp } from "../../server/app.js";
import { useTestDeps } from "../helpers/deps.js";
import { runEntry } from "../helpers/processes.js";

describe("npm run cli -- keys", () => {
  const t = useTestDeps();

  const cli = async (...args: string[]) => {
    const run = runEntry("cli/main.ts", { DATABASE_URL: t.databaseUrl, LOG_LEVEL: "silent" }, args);
    const code = await run.exited;
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  };

  it("creates a key that works, lists it without the secret, and revokes it", async () => {
    const created = await cli("keys", "create", "--workspace", "acme", "--user", "alice");
    expect(created.code).toBe(0);
    const key = created.stdout.trim().split("\n").at(-1) ?? "";
    expect(key).toMatch(/^cgk_[A-Za-z0-9_-]{43}$/);

    const app = createApp(t.deps);
    const ok = await app.request("/api/assets/stats", { headers: { authorization: `Bearer ${key}` } });
    expect(ok.status).toBe(200);

    const listed = await cli("keys", "list", "--workspace", "acme");
    expect(listed.stdout).toContain(key.slice(0, 12));
    expect(listed.stdout).not.toContain(key);
    expect(listed.stdout).toContain("alice");
    // The database holds only the hash.
    const stored = await t.deps.sql.pool.query("select hash from api_keys");
    expect(JSON.stringify(stored.rows)).not.toContain(key.slice(4));

    const revoked = await cli("keys", "revoke", "--workspace", "acme", key.slice(0, 12));
    expect(revoked.stdout).toContain("revoked 1 key");
    const refused = await app.request("/api/assets/stats", { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(401);
  });

  it("names what is missing in one line", async () => {
    const missing = await cli("keys", "create", "--user", "alice");
    // A wrong command line: exit 2, as for every command.
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: --workspace is required/);
    const unknown = await cli("keys", "revoke", "--workspace", "nope", "cgk_x");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe("error: workspace nope does not exist");
  });
});
