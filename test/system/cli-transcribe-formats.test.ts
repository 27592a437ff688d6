import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { runCli } from "../helpers/cli.js";
import { TONE_FORMATS, encodeTone } from "../helpers/media.js";
import { useWorkingApi } from "../helpers/working-api.js";

const SECONDS = 3;

describe("cg transcribe <file> takes every common audio format, through the AssemblyAI emulator", () => {
  const w = useWorkingApi({ processingMs: 300 });
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "cg-formats-"));
    await encodeTone(dir, "meeting", SECONDS);
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const cli = (...args: string[]) => runCli([...args, "--poll-ms", "150"], { API_URL: w.api.url, API_KEY: w.alice.key });

  it.each(TONE_FORMATS)(
    "%s: uploaded, transcribed, and its transcript saved",
    async (ext) => {
      const out = path.join(dir, `out-${ext}`);
      const r = await cli("transcribe", path.join(dir, `meeting.${ext}`), "--out", out, "--json");
      expect(r.code, r.stderr).toBe(0);
      const job = JSON.parse(r.stdout) as PublicJob;
      expect(job).toMatchObject({ type: "transcription", status: "completed" });
      expect(job.files.map((f) => f.fileName)).toContain("transcript.txt");
      expect((await readFile(path.join(out, "transcript.txt"), "utf8")).trim().length).toBeGreaterThan(0);
      const stored = await w.api.deps.jobs.get(job.jobId);
      const version = stored?.versions.at(-1);
      expect(version && "duration" in version ? version.duration : 0).toBeGreaterThanOrEqual(SECONDS - 1);
    },
    60_000,
  );

  it("fails a file that holds no audio, naming it as unreadable, in one line", async () => {
    const broken = path.join(dir, "broken.mp3");
    await writeFile(broken, Buffer.from("this is not audio at all, only text with an .mp3 name\n".repeat(200)));
    const r = await cli("transcribe", broken);
    expect(r.code, r.stderr).toBe(1);
    const last = r.stderr.trim().split("\n").at(-1) ?? "";
    expect(last).toMatch(/^error: job \S+ failed: /);
    expect(last).toMatch(/unreadable|not .*contain audio|could not be read/i);
  }, 60_000);
});
