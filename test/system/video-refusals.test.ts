import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { quotas, usageLedger } from "../../shared/db/sql/schema.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { videoCost } from "../../shared/pricing.js";
import { headObject } from "../../shared/storage/objects.js";
import { trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * What a video job refuses before anything is queued or paid (each field an endpoint does not
 * take, per endpoint), what the emulator refuses as fal's endpoints do, a clip that is not the one
 * asked for (failed with a named reason, charged as fal charges), and budgets spent by clips.
 */
describe("video generation: refusals, corrupt and lying clips, budgets", () => {
  const w = useWorkingApi();
  const create = (input: unknown) => trpcCall(w.api.app, w.alice.key, "jobs.create", input, "mutation");

  let picture: PublicJob;
  const source = async () => {
    if (!picture) picture = await w.settled(await w.create({ type: "image-generation", prompt: "a quiet street", imageSize: "square" }));
    expect(picture.status).toBe("completed");
    return { jobId: picture.jobId, image: 1 };
  };
  const animate = async (extra: Record<string, unknown>) => ({
    type: "video-generation",
    operation: "animate",
    source: await source(),
    ...extra,
  });

  it("refuses at create each field the chosen endpoint does not take, and queues and pays for nothing", async () => {
    await source();
    const before = { submissions: w.fal.submissions.length, jobs: await rawJobs(w.api.deps).countDocuments({ type: "video-generation" }) };
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ type: "video-generation", prompt: "rain", duration: 6 }, "duration", /Kling 2\.5 Turbo Pro .* makes clips of 5, 10 seconds/],
      [
        { type: "video-generation", prompt: "rain", model: "hailuo-02", duration: 5 },
        "duration",
        /Hailuo 02 .* makes clips of 6, 10 seconds/,
      ],
      [{ type: "video-generation", prompt: "rain", aspectRatio: "4:3" }, "aspectRatio", /takes aspectRatio 16:9, 9:16, 1:1/],
      [{ type: "video-generation", prompt: "rain", model: "hailuo-02", aspectRatio: "16:9" }, "aspectRatio", /takes no aspectRatio/],
      [{ type: "video-generation", prompt: "rain", resolution: "512P" }, "resolution", /takes no resolution/],
      [{ type: "video-generation", prompt: "rain", model: "kling-2.1" }, "model", /kling-2\.1 has no text-to-video endpoint/],
      [{ type: "video-generation", prompt: "rain", motion: "high" }, "motion", /does not take motion/],
      [{ type: "video-generation" }, "prompt", /needs a prompt/],
      [await animate({ aspectRatio: "16:9" }), "aspectRatio", /has its picture's shape/],
      [await animate({ resolution: "768P" }), "resolution", /Kling 2\.1 \(standard\) .* takes no resolution/],
      [await animate({ endFrame: { jobId: picture.jobId, image: 1 } }), "endFrame", /takes no end frame/],
      [await animate({ model: "hailuo-02", resolution: "1080P" }), "resolution", /512P|768P/],
      [await animate({ model: "hailuo-02", duration: 5 }), "duration", /6, 10 seconds/],
      [{ type: "video-generation", operation: "animate" }, "source", /animate needs a picture/],
      [await animate({ motion: "wild" }), "motion", /low|high/],
      [{ type: "video-generation", operation: "extend", source: await source() }, "source", /extend needs a clip of ours/],
      [
        { type: "video-generation", operation: "extend", source: { jobId: "x", video: 1 }, model: "kling-2.1" },
        "model",
        /kling-2\.1 has no extend endpoint/,
      ],
      [{ type: "video-generation", operation: "animate", source: { jobId: "x", video: 1 } }, "source", /animate takes a picture/],
    ];
    for (const [input, field, message] of cases) {
      const answer = await create(input);
      expect(answer.status, `${JSON.stringify(input)} → ${JSON.stringify(answer.body.error)}`).toBe(400);
      expect(answer.body.error?.message).toContain(field);
      expect(answer.body.error?.message).toMatch(message);
    }
    // A source nobody may see answers as one that does not exist.
    const hidden = await create({ type: "video-generation", operation: "animate", source: { jobId: "no-such-job", image: 1 } });
    expect(hidden.status).toBe(404);
    // An image job is no clip to extend.
    const notClip = await create({ type: "video-generation", operation: "extend", source: { jobId: picture.jobId, video: 1 } });
    expect(notClip.status).toBe(404);
    expect(w.fal.submissions.length).toBe(before.submissions);
    expect(await rawJobs(w.api.deps).countDocuments({ type: "video-generation" })).toBe(before.jobs);
  });

  it("the emulator refuses with fal's 422 what an endpoint does not take", async () => {
    const post = (endpoint: string, body: unknown) =>
      fetch(`${w.fal.url}/${endpoint}`, {
        method: "POST",
        headers: { authorization: "Key k", "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const wrongDuration = await post("fal-ai/kling-video/v2.1/standard/image-to-video", {
      prompt: "x",
      image_url: "http://x/p.png",
      duration: 5,
    });
    expect(wrongDuration.status).toBe(422);
    expect(((await wrongDuration.json()) as { detail: Array<{ loc: string[] }> }).detail[0]?.loc).toEqual(["body", "duration"]);
    const endFrame = await post("fal-ai/kling-video/v2.1/standard/image-to-video", {
      prompt: "x",
      image_url: "http://x/p.png",
      tail_image_url: "http://x/q.png",
    });
    expect(((await endFrame.json()) as { detail: Array<{ type: string; loc: string[] }> }).detail[0]).toMatchObject({
      type: "extra_forbidden",
      loc: ["body", "tail_image_url"],
    });
    const noPrompt = await post("fal-ai/minimax/hailuo-02/standard/text-to-video", { duration: "6" });
    expect(noPrompt.status).toBe(422);
    const ok = await post("fal-ai/minimax/hailuo-02/standard/text-to-video", { prompt: "x", duration: "10" });
    expect(ok.status).toBe(200);
  });

  it("a clip that is not an MP4, or shorter than asked, fails the job with its reason, stores nothing, and is charged as fal charges", async () => {
    const cost = videoCost("fal-ai/kling-video/v2.1/standard/image-to-video", 5);
    for (const [mode, code, reason] of [
      ["corrupt", "NOT_MP4", /not an MP4/],
      ["short", "CLIP_DURATION", /lasts 2\.\d+ s; 5 s were asked for/],
    ] as const) {
      w.fal.videoClip = mode;
      try {
        const jobId = await w.create(await animate({ prompt: `a ${mode} clip` }));
        const job = await w.settled(jobId);
        expect(job.status).toBe("failed");
        expect(job.error).toMatchObject({ code });
        expect(job.error?.message).toMatch(reason);
        expect(job.files).toEqual([]);
        expect(await headObject(w.api.deps.storage, `generated-videos/${w.alice.userId}/${jobId}/video_1.mp4`)).toBeUndefined();
        const [row] = await w.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, jobId));
        expect(Number(row?.costUsd)).toBeCloseTo(cost, 6);
        expect(row?.jobType).toBe("video-generation");
      } finally {
        w.fal.videoClip = "as-asked";
      }
    }
  });

  it("a member whose clips spent their monthly budget is refused the next one", async () => {
    const [spent] = await w.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobType, "video-generation"));
    expect(Number(spent?.costUsd)).toBeGreaterThan(0.2);
    await w.api.deps.sql.db
      .insert(quotas)
      .values({ workspaceId: w.alice.workspaceId, userMonthlyCostLimitUsd: "0.20" })
      .onConflictDoUpdate({ target: quotas.workspaceId, set: { userMonthlyCostLimitUsd: "0.20" } });
    try {
      const answer = await create(await animate({}));
      expect(answer.status).toBe(429);
      expect(answer.body.error?.message).toMatch(/monthly budget/);
    } finally {
      await w.api.deps.sql.db.update(quotas).set({ userMonthlyCostLimitUsd: null }).where(eq(quotas.workspaceId, w.alice.workspaceId));
    }
  });
});
