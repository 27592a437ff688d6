import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { runCli } from "../helpers/cli.js";
import { makeWav } from "../helpers/media.js";
import { useWorkingApi } from "../helpers/working-api.js";

describe("every operation of the API from the CLI", () => {
  const w = useWorkingApi({ processingMs: 300 });
  let dir: string;
  let source: PublicJob;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "cg-ops-"));
    source = await w.settled(await w.create({ type: "image-generation", prompt: "a red boat", count: 2, seed: "11" }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const cli = (args: string[], key = w.alice.key) => runCli([...args, "--poll-ms", "150"], { API_URL: w.api.url, API_KEY: key });
  const json = async (args: string[], key?: string) => {
    const r = await cli([...args, "--json"], key);
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    return JSON.parse(r.stdout);
  };

  it("upscale, vary and edit work on one picture of a finished generation, with the API's own names", async () => {
    const up = (await json(["upscale", source.jobId, "--image", "2", "--scale", "4"])) as PublicJob;
    expect(up).toMatchObject({ status: "completed", input: { operation: "upscale", source: { jobId: source.jobId, image: 2 }, scale: 4 } });
    const varied = (await json(["vary", source.jobId, "--strength", "subtle", "--count", "2"])) as PublicJob;
    expect(varied).toMatchObject({ status: "completed", input: { operation: "vary", strength: "subtle", count: 2 } });
    const edited = (await json(["edit", source.jobId, "make", "it", "night"])) as PublicJob;
    expect(edited).toMatchObject({ status: "completed", input: { operation: "edit", prompt: "make it night", source: { image: 1 } } });
    // What an operation does not take is not one of its flags.
    const refused = await cli(["upscale", source.jobId, "--seed", "3"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe("error: unknown flag --seed for upscale; cg upscale --help lists its flags");
  }, 90_000);

  it("jobs list says what each job worked on; usage and assets stats align their columns, print money alike and count in words", async () => {
    const wav = path.join(dir, "standup.wav");
    await writeFile(wav, makeWav(1));
    const heard = await cli(["transcribe", wav]);
    expect(heard.code, heard.stderr).toBe(0);
    const upscaled = (await json(["upscale", source.jobId, "--image", "2"])) as PublicJob;
    const listed = await cli(["jobs", "list", "--limit", "50"]);
    expect(listed.code, listed.stderr).toBe(0);
    const lineOf = (jobId: string) => listed.stdout.split("\n").find((l) => l.startsWith(jobId)) ?? "";
    expect(lineOf(upscaled.jobId)).toMatch(new RegExp(`  upscale of ${source.jobId.slice(0, 8)} #2$`));
    expect(listed.stdout).toMatch(/ transcription +completed .* standup\.wav$/m);
    expect(listed.stdout).toMatch(/ {2}a red boat$/m);

    const usage = await cli(["usage"]);
    expect(usage.stdout.split("\n")[0]).toMatch(/^\d{4}-\d{2}: you \d+ jobs? \$\d+\.\d{2,}; workspace \d+ jobs? \$\S+ \(1 member\)$/);
    const stats = (await cli(["assets", "stats"])).stdout.trimEnd().split("\n");
    expect(stats[0]).toMatch(/^ +jobs +files +size +cost$/);
    expect(stats.at(-2)).toMatch(/^total +\d+ +\d+ +\d+(\.\d)? (B|KB|MB) +\$\d+\.\d{2,}$/);
    expect(stats.at(-1)).toMatch(/^storage: about \$\d+\.\d{2,} a month$/);
    // Each column ends at the same place on every row: numbers and money line up on the right.
    const table = stats.slice(0, -1);
    for (const column of ["jobs", "files", "size", "cost"]) {
      const end = (stats[0] ?? "").indexOf(column) + column.length;
      for (const row of table.slice(1)) expect(row[end - 1], `${column} in ${row}`).toMatch(/\S/);
      for (const row of table.slice(1)) expect(row[end] ?? " ", `${column} in ${row}`).toBe(" ");
    }
  }, 90_000);

  it("generate --model names the FLUX model; jobs rerun and share follow the API", async () => {
    const made = (await json(["generate", "a", "kite", "--model", "flux-schnell", "--private"])) as PublicJob;
    expect(made).toMatchObject({ status: "completed", visibility: "private", input: { model: "flux-schnell" } });
    const again = await cli(["jobs", "rerun", made.jobId, "--seed", "42", "--no-wait"]);
    expect(again.code, again.stderr).toBe(0);
    expect((await w.settled(again.stdout.trim())).input).toMatchObject({ prompt: "a kite", seed: "42" });
    const shared = (await json(["jobs", "share", made.jobId])) as PublicJob;
    expect(shared.visibility).toBe("workspace");
  }, 60_000);

  it("usage get and history, settings get, and settings set refused for a member in one line", async () => {
    const usage = await json(["usage"]);
    expect(usage.me.jobs).toBeGreaterThanOrEqual(1);
    expect(usage.month).toMatch(/^\d{4}-\d{2}$/);
    const history = await json(["usage", "history", "--months", "2"]);
    expect(history.months).toHaveLength(2);
    const text = await cli(["usage", "history"]);
    expect(text.stdout).toMatch(/by member:\n {2}alice /);
    const settings = await json(["settings", "get", "--channel", "C123"]);
    expect(settings).toHaveProperty("effective");
    const refused = await cli(["settings", "set", "--model", "flux-schnell"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^error: FORBIDDEN: only the server's or team's admins/);
    const bad = await cli(["settings", "set", "--max-images", "9"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^error: --max-images: /);
  }, 60_000);

  it("settings set works through a service key acting --as a member; --as with a user key is refused in one line", async () => {
    const service = await w.api.serviceKey("acme");
    const unnamed = await cli(["settings", "set", "--model", "flux-schnell"], service);
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr.trim()).toMatch(/^error: UNAUTHORIZED: .*x-act-as-user.*; pass --as <userId>/);
    const set = await cli(["settings", "set", "--model", "flux-schnell", "--as", "ops-admin"], service);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout.trim()).toBe("settings changed for the workspace");
    const now = await json(["settings", "get"]);
    expect(now.workspace.model).toBe("flux-schnell");
    const userKey = await cli(["settings", "set", "--model", "flux-dev", "--as", "ops-admin"]);
    expect(userKey.code).toBe(1);
    expect(userKey.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^error: FORBIDDEN: .*; --as acts for another member only with a service key/),
    ]);
    expect((await json(["settings", "get"])).workspace.model).toBe("flux-schnell");
  }, 60_000);

  it("upload prints the upload key, assets upload-url and download-url print presigned URLs, jobs watch prints each change", async () => {
    const wav = path.join(dir, "note.wav");
    await writeFile(wav, makeWav(1));
    const uploaded = await cli(["upload", wav]);
    expect(uploaded.code, uploaded.stderr).toBe(0);
    expect(uploaded.stdout.trim()).toMatch(new RegExp(`^temp/${w.alice.workspaceId}/${w.alice.userId}/\\S+/note\\.wav$`));
    const target = await json(["assets", "upload-url", wav]);
    expect(target).toMatchObject({ method: "PUT", headers: { "content-type": "audio/wav" } });
    const link = await cli(["assets", "download-url", source.jobId, "image_1.png", "--expires", "60"]);
    expect(link.code, link.stderr).toBe(0);
    const res = await fetch(link.stdout.trim());
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(body.subarray(1, 4).toString()).toBe("PNG");
    // The public health check needs no key.
    const healthy = await runCli(["health"], { API_URL: w.api.url });
    expect(healthy.code, healthy.stderr).toBe(0);
    expect(healthy.stdout.startsWith(`api ok at ${w.api.url}\n`), healthy.stdout).toBe(true);
    expect(healthy.stdout).toMatch(/\n {2}postgres +ok +\d+ ms/);
    const watched = await cli(["jobs", "watch", source.jobId]);
    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stdout.trim()).toMatch(/^\S+ {2}completed( 100%)?$/);
  }, 60_000);
});
