import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPicture } from "../../infra/fakes/picture.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { clipFrame, meanDifference, probeMp4 } from "../helpers/clip-frames.js";
import { runCli } from "../helpers/cli.js";
import { latestPictureKey, storedPixels } from "../helpers/stored-pictures.js";
import { useWorkingApi } from "../helpers/working-api.js";

/** Clips from the CLI: a picture of ours animated and a clip from a prompt, each followed to its end and downloaded. */
describe("cg animate, cg video and cg extend", () => {
  const w = useWorkingApi();
  let dir: string;
  let picture: PublicJob;
  let animated: PublicJob | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "cg-video-"));
    picture = await w.settled(await w.create({ type: "image-generation", prompt: "a lighthouse at dusk", imageSize: "square" }));
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

  it("animates a picture of ours with high motion and downloads the clip, frame 0 the picture, and its poster", async () => {
    expect(picture.status).toBe("completed");
    const out = path.join(dir, "animated");
    const job = await json(["animate", `${picture.jobId}:1`, "--motion", "high", "-o", out]);
    expect(job).toMatchObject({
      status: "completed",
      type: "video-generation",
      input: { operation: "animate", source: { jobId: picture.jobId, image: 1 }, motion: "high" },
    });
    expect((await readdir(out)).sort()).toEqual(["video_1.mp4", "video_1.webp", "video_1_preview.mp4"]);
    const mp4 = await readFile(path.join(out, "video_1.mp4"));
    const probed = await probeMp4(mp4);
    expect(probed.duration).toBeCloseTo(5, 0);
    expect([probed.width, probed.height, probed.codec]).toEqual([720, 720, "h264"]);
    const source = await storedPixels(w.api.deps.storage, latestPictureKey(picture));
    expect(meanDifference(await clipFrame(mp4, source.width, source.height, 0), source)).toBeLessThan(6);
    expect(await sharp(await readFile(path.join(out, "video_1.webp"))).metadata()).toMatchObject({ format: "webp" });

    animated = job;
    // The listing of clips names it.
    const listed = await cli(["assets", "videos"]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${job.jobId} +v1 +video_1\\.mp4 `, "m"));
  }, 120_000);

  it("animates files of this machine on Hailuo 02, the end frame uploaded too, at the resolution and length asked", async () => {
    await writeFile(path.join(dir, "start.png"), renderPicture("a start", 1, 640, 480));
    await writeFile(path.join(dir, "end.png"), renderPicture("an end", 2, 640, 480));
    const out = path.join(dir, "files");
    const job = await json([
      "animate",
      path.join(dir, "start.png"),
      "--end-frame",
      path.join(dir, "end.png"),
      "--model",
      "hailuo-02",
      "--resolution",
      "512P",
      "--duration",
      "6",
      "--prompt",
      "the tide comes in",
      "-o",
      out,
    ]);
    expect(job).toMatchObject({
      status: "completed",
      input: { operation: "animate", model: "hailuo-02", resolution: "512P", duration: 6 },
    });
    expect(String((job.input as { uploadKey?: string }).uploadKey)).toMatch(/start\.png$/);
    const sent = w.fal.submissions.find((s) => String(s.input.prompt).startsWith("the tide comes in"));
    expect(sent?.app).toBe("fal-ai/minimax/hailuo-02/standard/image-to-video");
    expect(String(sent?.input.end_image_url)).toMatch(/end\.png/);
    const probed = await probeMp4(await readFile(path.join(out, "video_1.mp4")));
    expect(probed.duration).toBeCloseTo(6, 0);
    expect(probed.height).toBe(512);
  }, 120_000);

  it("makes a clip from a prompt at the length and shape asked, with the download shown on stderr", async () => {
    const out = path.join(dir, "prompted");
    const r = await cli(["video", "a", "paper", "boat", "--duration", "5", "--aspect", "16:9", "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`saved ${path.join(out, "video_1.mp4")}`);
    expect(r.stderr).toMatch(/^video_1\.mp4 \d+ bytes$/m);
    const probed = await probeMp4(await readFile(path.join(out, "video_1.mp4")));
    expect(probed.duration).toBeCloseTo(5, 0);
    expect([probed.width, probed.height]).toEqual([1920, 1080]);
    const sent = w.fal.submissions.find((s) => s.input.prompt === "a paper boat");
    expect(sent?.app).toBe("fal-ai/kling-video/v2.5-turbo/pro/text-to-video");
    expect(sent?.input).toEqual({ prompt: "a paper boat", duration: "5", aspect_ratio: "16:9" });
  }, 120_000);

  it("extends a clip of ours with --no-wait: the job's id alone on stdout, the job continuing the clip", async () => {
    const source = animated ?? expect.unreachable("the animate test runs first");
    const r = await cli(["extend", source.jobId, "--no-wait"]);
    expect(r.code, r.stderr).toBe(0);
    const jobId = r.stdout.trim();
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    const job = await w.settled(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    expect(job.input).toMatchObject({ operation: "extend", source: { jobId: source.jobId, video: 1 } });
    expect(w.fal.submissions.some((s) => s.app === "fal-ai/pixverse/extend" && String(s.input.video_url).includes(source.jobId))).toBe(
      true,
    );
  }, 120_000);

  it("refuses what the model does not take, naming the flag, before any job is made", async () => {
    const before = w.fal.submissions.length;
    const jobsBefore = ((await json(["jobs", "list", "--limit", "100"])) as unknown as { items: unknown[] }).items.length;
    const duration = await cli(["video", "a", "storm", "--duration", "7"]);
    expect(duration.code).toBe(2);
    expect(duration.stderr.trim()).toMatch(/^error: --duration: .*makes clips of 5, 10 seconds$/);
    const end = await cli(["animate", picture.jobId, "--end-frame", picture.jobId]);
    expect(end.code).toBe(2);
    expect(end.stderr.trim()).toMatch(/^error: --end-frame: .*takes no end frame; kling-2.5-turbo and hailuo-02 do$/);
    const motion = await cli(["animate", picture.jobId, "--motion", "wild"]);
    expect(motion.code).toBe(2);
    expect(motion.stderr).toMatch(/--motion/);
    expect(w.fal.submissions.length).toBe(before);
    expect(((await json(["jobs", "list", "--limit", "100"])) as unknown as { items: unknown[] }).items.length).toBe(jobsBefore);
  }, 120_000);
});
