import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { usageLedger } from "../../shared/db/sql/schema.js";
import { imageCost } from "../../shared/pricing.js";
import { headObject } from "../../shared/storage/objects.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { waitFor } from "../helpers/processes.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * fal takes a canceled request out of its queue, but one a runner is processing only gets a
 * signal, and runs on to its end and is billed (docs.fal.ai, Handle request cancellations). The
 * job stays canceled and stores nothing, and the usage ledger, which budgets are spent against,
 * records what fal charged.
 */
describe("cancel of a request fal is already running", () => {
  const w = useWorkingApi();

  it("records the cost of what the run made, stores nothing, and the job stays canceled", async () => {
    // A third of it queued, the rest running: long enough to cancel while it runs, however loaded the machine.
    w.fal.processingMs = 9_000;
    try {
      const jobId = await w.create({ type: "image-generation", prompt: "running when canceled", imageSize: "square" });
      const submitted = () => w.fal.submissions.find((r) => r.input.prompt === "running when canceled");
      await waitFor(
        async () => {
          const r = submitted();
          if (!r) return undefined;
          const res = await fetch(`${w.fal.url}/fal-ai/flux-pro/requests/${r.id}/status`, { headers: { authorization: "Key k" } });
          return ((await res.json()) as { status: string }).status === "IN_PROGRESS" ? true : undefined;
        },
        20_000,
        "fal to be running the request",
      );
      const answer = await trpcCall(w.api.app, w.alice.key, "jobs.cancel", { jobId }, "mutation");
      expect(dataOf<{ status: string }>(answer).status).toBe("canceled");
      await waitFor(() => (submitted()?.canceled ? true : undefined), 20_000, "fal to be told");
      expect(submitted()?.canceledWhile).toBe("running");

      const ledger = await waitFor(
        async () => (await w.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, jobId)))[0],
        30_000,
        "the run's cost to be recorded",
      );
      expect(Number(ledger.costUsd)).toBeCloseTo(imageCost(512, 512, "fal-ai/flux-pro/v1.1"), 6);
      expect(ledger.units).toEqual({ images: 1 });
      const job = await w.api.deps.jobs.get(jobId);
      expect(job?.status).toBe("canceled");
      expect(job?.versions).toEqual([]);
      expect(await headObject(w.api.deps.storage, `generated-images/${w.alice.userId}/${jobId}/image_1.png`)).toBeUndefined();
    } finally {
      w.fal.processingMs = 300;
    }
  });
});
