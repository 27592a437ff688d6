import { describe, expect, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { useWorkingApi } from "../helpers/working-api.js";

/** jobs.share: the owner shares a finished private job with the workspace; nobody else can, nothing unfinished is. */
describe("sharing a private result with the workspace", () => {
  const w = useWorkingApi();
  const call = (key: string, path: string, input: unknown, kind: "query" | "mutation" = "mutation") =>
    trpcCall(w.api.app, key, path, input, kind);

  it("makes a finished private job visible to teammates, only by its owner, once; refuses an unfinished one", async () => {
    const bob = await w.api.member("acme", "bob");
    const rival = await w.api.member("rivals", "rick");
    const secret = await w.settled(
      await w.create({ type: "image-generation", prompt: "a private sketch", imageSize: "square", visibility: "private" }),
    );
    expect((await call(bob.key, "jobs.get", { jobId: secret.jobId }, "query")).status).toBe(404);
    expect((await call(bob.key, "jobs.share", { jobId: secret.jobId })).status).toBe(404);

    const shared = dataOf<PublicJob>(await call(w.alice.key, "jobs.share", { jobId: secret.jobId }));
    expect(shared.visibility).toBe("workspace");
    expect(dataOf<PublicJob>(await call(bob.key, "jobs.get", { jobId: secret.jobId }, "query")).jobId).toBe(secret.jobId);
    expect((await call(rival.key, "jobs.get", { jobId: secret.jobId }, "query")).status).toBe(404);
    // Again: nothing changes. A teammate who can see it still may not share it.
    expect(dataOf<PublicJob>(await call(w.alice.key, "jobs.share", { jobId: secret.jobId })).visibility).toBe("workspace");
    expect((await call(bob.key, "jobs.share", { jobId: secret.jobId })).status).toBe(403);

    const processing = w.fal.processingMs;
    w.fal.processingMs = 60_000;
    try {
      const running = await w.create({ type: "image-generation", prompt: "not yet", imageSize: "square", visibility: "private" });
      const answer = await call(w.alice.key, "jobs.share", { jobId: running });
      expect(answer.status).toBe(412);
      expect(dataOf<PublicJob>(await call(w.alice.key, "jobs.get", { jobId: running }, "query")).visibility).toBe("private");
      await call(w.alice.key, "jobs.cancel", { jobId: running });
    } finally {
      w.fal.processingMs = processing;
    }
  });
});
