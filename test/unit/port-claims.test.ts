import { existsSync } from "node:fs";
import { mkdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { claimPort } from "../../infra/port-claims.js";

const claims = path.join(tmpdir(), "content-generation-port-claims");
/** Ports no stack prefers, so the test never stands in a real stack's way. */
const base = 61_000 + Math.floor(Math.random() * 4_000);
/** Above any pid Linux hands out (pid_max is at most 2^22). */
const DEAD_PID = 2 ** 22 + 17;
const made: string[] = [];
const claimFile = (port: number, pid: number) => {
  const file = path.join(claims, `${port}.${pid}`);
  made.push(file);
  return file;
};

describe("claims on the ports npm start prefers", () => {
  afterAll(async () => {
    for (const file of made) await rm(file, { force: true });
  });

  it("a port nobody claims is this process's, and stays so", async () => {
    expect(await claimPort(base)).toBe(true);
    expect(existsSync(claimFile(base, process.pid))).toBe(true);
    expect(await claimPort(base)).toBe(true);
  });

  it("an older claim of a living process keeps the port: this process withdraws its own", async () => {
    await mkdir(claims, { recursive: true });
    // pid 1 always lives; its claim is made a minute older than any this test makes.
    const other = claimFile(base + 1, 1);
    await writeFile(other, "");
    const past = new Date(Date.now() - 60_000);
    await utimes(other, past, past);
    expect(await claimPort(base + 1)).toBe(false);
    expect(existsSync(claimFile(base + 1, process.pid))).toBe(false);
    expect(existsSync(other)).toBe(true);
  });

  it("a dead process's claim is no claim, and is removed whichever port it names", async () => {
    await mkdir(claims, { recursive: true });
    const stale = claimFile(base + 2, DEAD_PID);
    const elsewhere = claimFile(base + 3, DEAD_PID);
    await writeFile(stale, "");
    await writeFile(elsewhere, "");
    expect(await claimPort(base + 2)).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(elsewhere)).toBe(false);
    expect(existsSync(claimFile(base + 2, process.pid))).toBe(true);
  });
});
