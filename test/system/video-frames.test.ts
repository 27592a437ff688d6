import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEDIA_TOOL_LIMITS, MediaToolError, runMediaTool } from "../../shared/media/run-tool.js";
import { extractFrames, videoDuration } from "../../queue/workers/video-frames.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { makeVideo } from "../helpers/video.js";
import { useWorkingApi } from "../helpers/working-api.js";

const MiB = 1024 * 1024;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cg-video-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(run: Promise<unknown>): Promise<MediaToolError> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof MediaToolError) return err;
  throw err ?? new Error("the run was not stopped");
}

describe("a video's duration", () => {
  it("is the container's, not a metadata tag's: a tag reading `Duration: 10:00:00.00` leaves the frames spread over the real 8 s", async () => {
    const file = path.join(dir, "tagged");
    await writeFile(file, await makeVideo("mandelbrot=size=320x240:rate=10", 8, { comment: "Duration: 10:00:00.00" }));
    const out = await mkdtemp(path.join(dir, "frames-"));
    // Ten hours would mean one frame every 50 minutes: the first frame alone.
    expect((await extractFrames(file, out)).length).toBeGreaterThanOrEqual(4);
    expect(await videoDuration(file)).toBeCloseTo(8, 1);
  });

  it("is undefined for a playlist, which would have ffmpeg read another file on the machine", async () => {
    const elsewhere = path.join(dir, "elsewhere.mp4");
    await writeFile(elsewhere, await makeVideo("mandelbrot=size=160x120:rate=10", 4));
    const playlist = path.join(dir, "playlist");
    await writeFile(playlist, `#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.0,\n${elsewhere}\n#EXT-X-ENDLIST\n`);
    expect(await videoDuration(playlist)).toBeUndefined();
  });

  it("is undefined for a file that is not a video", async () => {
    const file = path.join(dir, "text");
    await writeFile(file, "Duration: 00:01:00.00, Video: h264\n");
    expect(await videoDuration(file)).toBeUndefined();
  });
});

describe("limits on every ffmpeg and ffprobe run", () => {
  it("a run past its time limit is killed, with the reason", async () => {
    // lavfi's testsrc never ends: only the limit stops this run.
    const started = performance.now();
    const err = await failure(
      runMediaTool("ffmpeg", ["-hide_banner", "-f", "lavfi", "-i", "testsrc", "-f", "null", "-"], {
        ...MEDIA_TOOL_LIMITS,
        timeoutMs: 1_000,
      }),
    );
    expect(err.reason).toBe("timeout");
    expect(err.message).toBe("ffmpeg did not finish reading the video within 1 s and was stopped");
    expect(performance.now() - started).toBeLessThan(MEDIA_TOOL_LIMITS.timeoutMs);
  });

  it("a run that allocates past its memory limit fails with the reason instead of growing", async () => {
    // Two 8192×8192 RGBA frames: about 770 MB resident without a limit.
    const args = ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "color=size=8192x8192:rate=1", "-vf", "format=rgba"];
    const err = await failure(
      runMediaTool("ffmpeg", [...args, "-frames:v", "2", "-f", "null", "-"], { ...MEDIA_TOOL_LIMITS, memoryBytes: 512 * MiB }),
    );
    expect(err.reason).toBe("failed");
    expect(err.message).toBe("ffmpeg ran out of its 512 MB memory limit reading the video");
  });
});

describe("LoRA training from a video that takes too long to read", () => {
  const w = useWorkingApi();

  it("fails the job with the reason, before any provider call, and is not retried", async () => {
    const video = await makeVideo("mandelbrot=size=320x240:rate=10", 6);
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(
        w.api.app,
        w.alice.key,
        "assets.uploadUrl",
        { fileName: "slow.mp4", contentType: "video/mp4", sizeBytes: video.length },
        "mutation",
      ),
    );
    expect((await fetch(up.url, { method: "PUT", body: video, headers: up.headers })).status).toBe(200);
    // The worker reads the limits at each run. No ffprobe starts (two execs and its libraries
    // loaded) within a millisecond, so the first run is past its limit every time.
    const saved = MEDIA_TOOL_LIMITS.timeoutMs;
    MEDIA_TOOL_LIMITS.timeoutMs = 1;
    try {
      const jobId = await w.create({ type: "lora-training", videoKey: up.uploadKey, triggerWord: "slow" });
      const job = await w.finished(jobId);
      expect(job.status).toBe("failed");
      expect(job.error).toMatchObject({
        message: "ffprobe did not finish reading the video within 0.001 s and was stopped",
        code: "VIDEO_TOO_SLOW",
        retryable: false,
      });
    } finally {
      MEDIA_TOOL_LIMITS.timeoutMs = saved;
    }
    expect(w.fal.submissions.filter((s) => s.input.trigger_word === "slow")).toHaveLength(0);
  });
});
