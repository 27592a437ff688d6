import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FalFake, startFalFake } from "../../infra/fakes/fal/emulator.js";
import { bands, dataUri, declaredPng, falTools, refusal } from "../helpers/fal-tools.js";
import { waitFor } from "../helpers/processes.js";

/**
 * The vision endpoint describe runs on (openrouter/router/vision), on the emulator through the
 * real @fal-ai/client. Schema: RouterVisionInput (image_urls, prompt and model required;
 * temperature 0-2 as fal's page gives it; max_tokens). Output as fal's page shows it:
 * `{output, usage: {prompt_tokens, completion_tokens, total_tokens, cost}}`.
 */
describe("the fal emulator's vision endpoint", () => {
  const endpoint = "openrouter/router/vision";
  const model = "google/gemini-2.5-flash";
  const ask = "Write four different text-to-image prompts that would make this picture, one a line.";
  let fake: FalFake;
  let tools: ReturnType<typeof falTools>;
  type Result = { output: string; usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number; cost: number } };
  beforeAll(async () => {
    fake = await startFalFake({ processingMs: 30 });
    tools = falTools(fake);
  });
  afterAll(() => fake.close());

  const describeImage = (url: string, extra: Record<string, unknown> = {}) =>
    tools.run<Result>(endpoint, { image_urls: [url], prompt: ask, model, ...extra });

  it("refuses at submit a missing model, prompt or image list, an empty list, a temperature above 2, max_tokens 0 and unknown fields", async () => {
    const img = dataUri(await bands(32, 32, [[200, 0, 0]]));
    const before = fake.submissions.length;
    const bare = await refusal(tools.submit(endpoint, {}));
    expect(bare.status).toBe(422);
    expect(bare.body.detail.map((d) => [d.loc.join("."), d.type]).sort()).toEqual([
      ["body.image_urls", "missing"],
      ["body.model", "missing"],
      ["body.prompt", "missing"],
    ]);
    const empty = await refusal(tools.submit(endpoint, { image_urls: [], prompt: ask, model }));
    expect(empty.body.detail[0]).toMatchObject({ loc: ["body", "image_urls"], type: "too_short" });
    const hot = await refusal(tools.submit(endpoint, { image_urls: [img], prompt: ask, model, temperature: 2.5 }));
    expect(hot.body.detail[0]).toMatchObject({ loc: ["body", "temperature"], type: "less_than_equal" });
    const none = await refusal(tools.submit(endpoint, { image_urls: [img], prompt: ask, model, max_tokens: 0 }));
    expect(none.body.detail[0]).toMatchObject({ loc: ["body", "max_tokens"], type: "greater_than_equal" });
    const badModel = await refusal(tools.submit(endpoint, { image_urls: [img], prompt: ask, model: "gemini" }));
    expect(badModel.body.detail[0]?.loc).toEqual(["body", "model"]);
    // RouterVisionInput takes image_urls, not an image_url.
    const extra = await refusal(tools.submit(endpoint, { image_url: img, image_urls: [img], prompt: ask, model }));
    expect(extra.body.detail[0]).toMatchObject({ loc: ["body", "image_url"], type: "extra_forbidden" });
    expect(fake.submissions.length).toBe(before);
  });

  it("answers four numbered prompts that follow the picture's colours and ratio, the same text for the same picture, with usage and cost", async () => {
    const redWide = dataUri(
      await bands(320, 180, [
        [210, 25, 25],
        [205, 30, 30],
      ]),
    );
    const blueTall = dataUri(await bands(180, 320, [[25, 60, 205]]));
    const first = await describeImage(redWide);
    const lines = first.output.split("\n");
    expect(lines).toHaveLength(4);
    lines.forEach((line, i) => {
      expect(line.startsWith(`${i + 1}. `)).toBe(true);
      expect(line).toMatch(/ --ar 16:9$/);
    });
    expect(first.output).toMatch(/\bred\b/);
    expect(first.output).not.toMatch(/\bblue\b/);
    const again = await describeImage(redWide, { temperature: 1.5 });
    expect(again.output).toBe(first.output);
    const other = await describeImage(blueTall);
    expect(other.output).not.toBe(first.output);
    expect(other.output).toMatch(/\bblue\b/);
    expect(other.output.split("\n").every((l) => l.endsWith("--ar 9:16"))).toBe(true);
    expect(first.usage.completion_tokens).toBeGreaterThan(10);
    expect(first.usage.total_tokens).toBe(first.usage.prompt_tokens + first.usage.completion_tokens);
    expect(first.usage.cost).toBeCloseTo(first.usage.prompt_tokens * 0.3e-6 + first.usage.completion_tokens * 2.5e-6, 6);
  });

  it("reads a JPEG, answers as many prompts as asked, and stops at max_tokens", async () => {
    const jpeg = dataUri(await bands(200, 200, [[30, 170, 60]], "jpeg"), "image/jpeg");
    const two = await tools.run<Result>(endpoint, { image_urls: [jpeg], prompt: "Give two prompts for this image.", model });
    expect(two.output.split("\n")).toHaveLength(2);
    expect(two.output).toMatch(/\bgreen\b.*--ar 1:1/);
    const cut = await describeImage(jpeg, { max_tokens: 5 });
    expect(cut.usage.completion_tokens).toBe(5);
    expect(cut.output.split(" ")).toHaveLength(5);
  });

  it("logs no diffusion steps while it runs: a language model has none", async () => {
    const slow = await startFalFake({ processingMs: 1_500 });
    try {
      const client = falTools(slow);
      const img = dataUri(await bands(32, 32, [[0, 0, 0]]));
      const { request_id } = await client.submit(endpoint, { image_urls: [img], prompt: ask, model });
      const logs = await waitFor(
        async () => {
          const status = await client.fal.queue.status(endpoint, { requestId: request_id, logs: true });
          return status.status === "IN_PROGRESS" ? status.logs.map((l) => l.message) : undefined;
        },
        10_000,
        "IN_PROGRESS",
      );
      expect(logs).toEqual(["generating"]);
    } finally {
      await slow.close();
    }
  });

  it("ends a request whose picture cannot be read in a 422 on that image_urls entry, a 50,000 × 50,000 PNG header included", async () => {
    const ok = dataUri(await bands(32, 32, [[0, 0, 0]]));
    const { request_id } = await tools.submit(endpoint, { image_urls: [ok, dataUri(declaredPng(50_000, 50_000))], prompt: ask, model });
    const err = await refusal(tools.settle(endpoint, request_id));
    expect(err.status).toBe(422);
    expect(err.body.detail[0]).toMatchObject({ loc: ["body", "image_urls", 1], msg: expect.stringMatching(/50000×50000 pixels/) });
  });
});
