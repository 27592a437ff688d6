import { describe, expect, it } from "vitest";
import { jobReply } from "../../shared/chat/job-reply.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { bands } from "../helpers/fal-tools.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { uploadPicture } from "../helpers/stored-pictures.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * Describe: one picture, ours or the member's own, sent to the vision endpoint, answered as 4
 * prompts that would make it and the aspect ratio the model saw, shown by jobs.get as `prompts`
 * and priced at what the answer says it cost.
 */
describe("describe", () => {
  const w = useWorkingApi();
  const upload = (bytes: Buffer, fileName: string) => uploadPicture(w.api.app, w.alice.key, bytes, fileName);
  const create = (input: unknown) => trpcCall(w.api.app, w.alice.key, "jobs.create", input, "mutation");

  let first: PublicJob;

  it("a picture of ours: 4 prompts without their --ar, its aspect ratio, linked to its source, priced as the answer says", async () => {
    const source = await w.settled(await w.create({ type: "image-generation", prompt: "a field of poppies", imageSize: "square" }));
    const jobId = await w.create({ type: "image-generation", operation: "describe", source: { jobId: source.jobId, image: 1 } });
    const job = await w.settled(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    first = job;
    expect(job.prompts).toHaveLength(4);
    for (const p of job.prompts ?? []) {
      expect(typeof p).toBe("string");
      expect(p.length).toBeGreaterThan(10);
      expect(p).not.toMatch(/--ar|^\d+\./);
    }
    expect(job.aspectRatio).toBe("1:1");
    expect(job.parent).toMatchObject({ jobId: source.jobId, image: 1 });
    expect(job.files).toEqual([]);
    const sent = w.fal.submissions.find((s) => s.app === "openrouter/router/vision" && JSON.stringify(s.input).includes(source.jobId));
    expect(sent?.input).toMatchObject({ model: "google/gemini-2.5-flash" });
    expect(String((sent?.input.image_urls as string[] | undefined)?.[0])).toMatch(/X-Amz-Signature=/);
    // The emulator's cost: the answer's usage.cost, at the model's token rates.
    expect(job.costUsd).toBeGreaterThan(0);
    expect(job.costUsd).toBeLessThan(0.01);
    // Found by the words of its prompts.
    const word = (job.prompts?.[0] ?? "").split(/\s+/).find((t) => /^[a-z]{4,}$/.test(t)) ?? "";
    const found = dataOf<{ items: Array<{ jobId: string }> }>(
      await trpcCall(w.api.app, w.alice.key, "assets.search", { q: word, type: "image-generation" }, "query"),
    );
    expect(found.items.map((i) => i.jobId)).toContain(jobId);
    // A chat message shows the prompts, numbered, and no pictures.
    const reply = jobReply(job);
    expect(reply.images ?? []).toEqual([]);
    expect(reply.lines?.slice(1)).toEqual((job.prompts ?? []).map((p, i) => `${i + 1}. ${p}`));
    expect(reply.fields).toContainEqual({ name: "Aspect ratio", value: "1:1" });
  });

  it("an uploaded picture of other colours and shape: other prompts, its own aspect ratio", async () => {
    const uploadKey = await upload(
      await bands(640, 360, [
        [30, 70, 200],
        [250, 240, 80],
      ]),
      "wide.png",
    );
    const job = await w.settled(await w.create({ type: "image-generation", operation: "describe", uploadKey }));
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    expect(job.aspectRatio).toBe("16:9");
    expect(job.prompts).toHaveLength(4);
    expect(job.prompts).not.toEqual(first.prompts);
    expect(job.parent).toBeNull();
  });

  it("refuses at create, queuing nothing: a prompt, more than one result, no picture", async () => {
    const before = await rawJobs(w.api.deps).countDocuments({});
    const s = first.parent ? { jobId: first.parent.jobId, image: 1 } : undefined;
    const refusals: Array<[unknown, RegExp]> = [
      [{ operation: "describe", source: s, prompt: "x" }, /describe does not take prompt/],
      [{ operation: "describe", source: s, count: 2 }, /describe answers one set of 4 prompts/],
      [{ operation: "describe", source: s, seed: "1" }, /describe does not take seed/],
      [{ operation: "describe" }, /describe needs a source image/],
    ];
    for (const [input, message] of refusals) {
      const answer = await create({ type: "image-generation", ...(input as object) });
      expect(answer.status, JSON.stringify(input)).toBe(400);
      expect(JSON.stringify(answer.body.error), JSON.stringify(input)).toMatch(message);
    }
    expect(await rawJobs(w.api.deps).countDocuments({})).toBe(before);
  });
});
