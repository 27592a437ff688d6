import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { listObjects } from "../../shared/storage/objects.js";
import { runCli } from "../helpers/cli.js";
import { bands, rectMask } from "../helpers/fal-tools.js";
import { useWorkingApi } from "../helpers/working-api.js";

describe("the image tools from the CLI: describe, blend, zoom, pan, vary-region and --ref", () => {
  const w = useWorkingApi({ processingMs: 300 });
  let dir: string;
  let source: PublicJob;
  const file = (name: string) => path.join(dir, name);
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "cg-tools-"));
    await writeFile(
      file("stripes.png"),
      await bands(256, 256, [
        [200, 30, 30],
        [30, 200, 30],
        [30, 30, 200],
      ]),
    );
    await writeFile(
      file("sky.jpg"),
      await bands(
        320,
        192,
        [
          [20, 40, 220],
          [240, 240, 250],
        ],
        "jpeg",
      ),
    );
    await writeFile(file("mask.png"), await rectMask(256, 256, { x: 64, y: 64, width: 96, height: 80 }));
    source = await w.settled(await w.create({ type: "image-generation", prompt: "a red boat", count: 2, seed: "11" }));
    expect(source.status).toBe("completed");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const cli = (args: string[]) => runCli([...args, "--poll-ms", "150"], { API_URL: w.api.url, API_KEY: w.alice.key });
  const json = async (args: string[]) => {
    const r = await cli([...args, "--json"]);
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    return JSON.parse(r.stdout) as PublicJob;
  };
  /** Runs a command with --out into a fresh folder, and returns the job (by the id it printed) and the files it saved. */
  const saved = async (name: string, args: string[]) => {
    const out = file(name);
    const r = await cli([...args, "--out", out]);
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    const files = r.stdout.split("\n").flatMap((l) => (l.startsWith("saved ") ? [l.slice(6)] : []));
    expect(files.length, r.stdout).toBeGreaterThan(0);
    for (const f of files) expect((await stat(f)).size).toBeGreaterThan(100);
    const jobId = /^image-generation (\S+) completed/m.exec(r.stdout)?.[1] as string;
    return { job: await w.settled(jobId), files };
  };
  const tempKeys = async () => {
    const keys: string[] = [];
    for await (const o of listObjects(w.api.deps.storage, "temp/")) keys.push(o.key);
    return keys;
  };

  it("describe prints a picture's 4 prompts, numbered, and its aspect ratio; of a job's picture by jobId:n, --json is the job", async () => {
    const r = await cli(["describe", file("stripes.png")]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/uploaded stripes\.png/);
    const numbered = r.stdout.split("\n").filter((l) => /^ {2}\d\. \S/.test(l));
    expect(numbered.map((l) => l.trim().slice(0, 2))).toEqual(["1.", "2.", "3.", "4."]);
    expect(r.stdout).toMatch(/^ {2}aspect ratio 1:1$/m);
    const jobId = /^image-generation (\S+) completed/m.exec(r.stdout)?.[1] as string;
    const job = await w.settled(jobId);
    expect(job.input).toMatchObject({ operation: "describe", uploadKey: expect.stringMatching(/^temp\/.*stripes\.png$/) });
    expect(numbered.map((l) => l.replace(/^ {2}\d\. /, ""))).toEqual(job.prompts);

    const ofJob = await json(["describe", `${source.jobId}:2`]);
    expect(ofJob).toMatchObject({ status: "completed", input: { operation: "describe", source: { jobId: source.jobId, image: 2 } } });
    expect(ofJob.prompts).toHaveLength(4);
  }, 90_000);

  it("blend takes files and jobs' pictures with a prompt and an aspect ratio, and saves the result", async () => {
    const { job } = await saved("blended", [
      "blend",
      file("stripes.png"),
      file("sky.jpg"),
      `${source.jobId}:2`,
      "--prompt",
      "one poster",
      "--aspect-ratio",
      "16:9",
    ]);
    expect(job.status).toBe("completed");
    expect(job.input).toMatchObject({ operation: "blend", prompt: "one poster", aspectRatio: "16:9" });
    const listed = await cli(["jobs", "list", "--limit", "50"]);
    expect(listed.stdout).toMatch(new RegExp(`^${job.jobId}.*  blend of 3 pictures: one poster$`, "m"));
    expect(listed.stdout).toMatch(/ {2}describe of stripes\.png$/m);
    const sources = (job.input as { sources: unknown[] }).sources;
    expect(sources).toEqual([
      { uploadKey: expect.stringMatching(/stripes\.png$/) },
      { uploadKey: expect.stringMatching(/sky\.jpg$/) },
      { jobId: source.jobId, image: 2 },
    ]);
  }, 90_000);

  it("a blend of one picture is refused on the command line in one line, exit 2, with nothing uploaded and no job", async () => {
    const before = await tempKeys();
    const jobs = w.fal.submissions.length;
    const r = await cli(["blend", file("stripes.png"), "--prompt", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: blend needs /);
    expect(r.stdout).toBe("");
    expect(await tempKeys()).toEqual(before);
    expect(w.fal.submissions.length).toBe(jobs);
    // A value the API's schema refuses is named by its flag, before any upload too.
    const zoomed = await cli(["zoom", file("stripes.png"), "--factor", "3"]);
    expect(zoomed.code).toBe(2);
    expect(zoomed.stderr.trim()).toMatch(/^error: --factor: .*2/);
    // References that no endpoint takes together are refused as the API would, before either file is uploaded.
    const styles = await cli(["generate", "x", "--ref", `style=${file("sky.jpg")}`, "--ref", `style=${file("stripes.png")}:0.5`]);
    expect(styles.code).toBe(2);
    expect(styles.stderr.trim()).toBe("error: --ref: one style reference at most: FLUX Redux takes one image prompt");
    const weight = await cli(["generate", "x", "--ref", `style=${file("sky.jpg")}:1.5`]);
    expect(weight.code).toBe(2);
    expect(weight.stderr.trim()).toMatch(/^error: --ref: .*1/);
    expect(await tempKeys()).toEqual(before);
    expect(w.fal.submissions.length).toBe(jobs);
  }, 60_000);

  it("zoom works on a job's picture with a factor and a prompt, and saves the result", async () => {
    const { job } = await saved("zoomed", ["zoom", `${source.jobId}:1`, "--factor", "1.5", "--prompt", "a wide harbour"]);
    expect(job.status).toBe("completed");
    expect(job.input).toMatchObject({
      operation: "zoom-out",
      source: { jobId: source.jobId, image: 1 },
      factor: 1.5,
      prompt: "a wide harbour",
    });
  }, 90_000);

  it("pan extends a file of this machine on the side named, by the amount given; --no-wait prints the id alone", async () => {
    const { job } = await saved("panned", ["pan", file("stripes.png"), "--left", "--amount", "0.5"]);
    expect(job.input).toMatchObject({
      operation: "pan",
      direction: "left",
      amount: 0.5,
      uploadKey: expect.stringMatching(/stripes\.png$/),
    });
    const r = await cli(["pan", source.jobId, "--up", "--prompt", "more sky", "--no-wait"]);
    expect(r.code, r.stderr).toBe(0);
    const later = await w.settled(r.stdout.trim());
    expect(later).toMatchObject({
      status: "completed",
      input: { operation: "pan", direction: "up", prompt: "more sky", source: { image: 1 } },
    });
    const two = await cli(["pan", source.jobId, "--up", "--down"]);
    expect(two.code).toBe(2);
    expect(two.stderr.trim()).toBe("error: pan takes one direction, not --up and --down");
  }, 90_000);

  it("vary-region repaints rectangles of a job's picture, or a file's region given by a mask file", async () => {
    const { job } = await saved("rects", [
      "vary-region",
      `${source.jobId}:2`,
      "--rect",
      "10,20,100,80",
      "--rect",
      "200,200,40,40",
      "--prompt",
      "a lighthouse",
    ]);
    expect(job.input).toMatchObject({
      operation: "vary-region",
      source: { jobId: source.jobId, image: 2 },
      prompt: "a lighthouse",
      region: {
        rects: [
          { x: 10, y: 20, width: 100, height: 80 },
          { x: 200, y: 200, width: 40, height: 40 },
        ],
      },
    });
    const masked = await saved("masked", ["vary-region", file("stripes.png"), "--mask", file("mask.png"), "--prompt", "a window"]);
    expect(masked.job.input).toMatchObject({
      operation: "vary-region",
      uploadKey: expect.stringMatching(/stripes\.png$/),
      region: { maskUploadKey: expect.stringMatching(/mask\.png$/) },
    });
    const bad = await cli(["vary-region", source.jobId, "--rect", "1,2,3", "--prompt", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^error: --rect: "1,2,3" is not x,y,width,height/);
  }, 120_000);

  it("generate --ref takes a reference file with its role and weight, or a job's picture, and saves the result", async () => {
    const { job } = await saved("styled", ["generate", "a", "lighthouse", "--ref", `style=${file("sky.jpg")}:0.6`]);
    expect(job.input).toMatchObject({
      prompt: "a lighthouse",
      references: [{ uploadKey: expect.stringMatching(/sky\.jpg$/), role: "style", weight: 0.6 }],
    });
    // A relative file in --ref is read from the folder the command was typed in: the CLI's own here, which has no stripes.png.
    const elsewhere = await cli(["generate", "the", "boat", "--ref", "composition=stripes.png"]);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr.trim()).toMatch(/^error: --ref: \/.*\/stripes\.png does not exist; a picture is a file or <jobId>\[:n\]$/);
    const r = await runCli(
      ["generate", "the", "boat", "--ref", `subject=${source.jobId}:2`, "--ref", "composition=stripes.png", "--json"],
      {
        API_URL: w.api.url,
        API_KEY: w.alice.key,
        INIT_CWD: dir,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as PublicJob).input).toMatchObject({
      references: [
        { source: { jobId: source.jobId, image: 2 }, role: "subject" },
        { uploadKey: expect.stringMatching(/stripes\.png$/), role: "composition" },
      ],
    });
    const wrong = await cli(["generate", "x", "--ref", `mood=${file("sky.jpg")}`]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr.trim()).toBe('error: --ref: the role must be one of style, subject, composition, not "mood"');
  }, 120_000);
});
