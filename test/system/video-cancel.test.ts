import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { usageLedger } from "../../shared/db/sql/schema.js";
import { videoCost } from "../../shared/pricing.js";
import { headObject } from "../../shared/storage/objects.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { waitFor } from "../helpers/processes.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * A clip canceled while fal runs it is billed as fal bills it (a running request gets a signal
 * and runs to its end); one canceled while still in fal's queue is removed and costs nothing.
 * Meanwhile the job shows fal's queue position and progress.
 */
describe("cancel of a video job", () => {
  const w = useWorkingApi();
  const status = async (app: string, id: string) =>
    (
      (await (
        await fetch(`${w.fal.url}/${app.split("/").slice(0, 2).join("/")}/requests/${id}/status`, { headers: { authorization: "Key k" } })
      ).json()) as {
        status: string;
      }
    ).status;
  const ledgerRow = async (jobId: string) => (await w.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, jobId)))[0];

  it("a running clip is billed for the seconds asked, stores nothing, and the job stays canceled", async () => {
    w.fal.processingMs = 9_000;
    try {
      const jobId = await w.create({ type: "video-generation", prompt: "running when canceled", model: "hailuo-02" });
      const submitted = () => w.fal.submissions.find((r) => r.input.prompt === "running when canceled");
      // While queued at fal, the job says so.
      const queued = await waitFor(
        async () => {
          const job = await w.api.deps.jobs.get(jobId);
          return job?.provider?.queuePosition === 0 ? job : undefined;
        },
        20_000,
        "the job to show fal's queue position",
      );
      expect(queued.progress).toBe(5);
      await waitFor(
        async () => (submitted() && (await status(submitted()?.app ?? "", submitted()?.id ?? "")) === "IN_PROGRESS" ? true : undefined),
        20_000,
        "fal to run it",
      );
      const answer = await trpcCall(w.api.app, w.alice.key, "jobs.cancel", { jobId }, "mutation");
      expect(dataOf<{ status: string }>(answer).status).toBe("canceled");
      await waitFor(() => (submitted()?.canceled ? true : undefined), 20_000, "fal to be told");
      expect(submitted()?.canceledWhile).toBe("running");
      const row = await waitFor(() => ledgerRow(jobId), 30_000, "the run's cost to be recorded");
      expect(Number(row.costUsd)).toBeCloseTo(videoCost("fal-ai/minimax/hailuo-02/standard/text-to-video", 6), 6);
      expect(row.units).toEqual({ seconds: 6 });
      const job = await w.api.deps.jobs.get(jobId);
      expect(job?.status).toBe("canceled");
      expect(job?.versions).toEqual([]);
      expect(await headObject(w.api.deps.storage, `generated-videos/${w.alice.userId}/${jobId}/video_1.mp4`)).toBeUndefined();
    } finally {
      w.fal.processingMs = 300;
    }
  });

  it("a clip canceled while still in fal's queue costs nothing", async () => {
    w.fal.processingMs = 30_000;
    try {
      const jobId = await w.create({ type: "video-generation", prompt: "queued when canceled", model: "hailuo-02" });
      const submitted = await waitFor(
        async () => w.fal.submissions.find((r) => r.input.prompt === "queued when canceled"),
        20_000,
        "the submission",
      );
      expect(await status(submitted.app, submitted.id)).toBe("IN_QUEUE");
      await trpcCall(w.api.app, w.alice.key, "jobs.cancel", { jobId }, "mutation");
      await waitFor(() => (submitted.canceled ? true : undefined), 20_000, "fal to be told");
      expect(submitted.canceledWhile).toBe("queued");
      // The worker follows the request to its end before it settles the cost: the job is done with it once fal answers.
      await waitFor(async () => ((await status(submitted.app, submitted.id)) === "COMPLETED" ? true : undefined), 20_000, "fal to drop it");
      const result = await fetch(`${w.fal.url}/fal-ai/minimax/requests/${submitted.id}`, { headers: { authorization: "Key k" } });
      expect(result.status).toBe(400);
      expect(await ledgerRow(jobId)).toBeUndefined();
    } finally {
      w.fal.processingMs = 300;
    }
  });
});
