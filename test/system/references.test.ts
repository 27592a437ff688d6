import { describe, expect, it } from "vitest";
import { bands } from "../helpers/fal-tools.js";
import { trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { uploadPicture } from "../helpers/stored-pictures.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * A generation with reference pictures: a style reference runs on FLUX1.1 [pro] ultra Redux
 * (its weight the image prompt strength), subject and composition references on FLUX Kontext
 * multi; what neither endpoint takes is refused at create.
 */
describe("generation with references", () => {
  const w = useWorkingApi();
  const upload = (bytes: Buffer, fileName: string) => uploadPicture(w.api.app, w.alice.key, bytes, fileName);
  const create = (key: string, input: unknown) => trpcCall(w.api.app, key, "jobs.create", input, "mutation");

  let sourceId: string;
  const source = async () => {
    sourceId ??= (await w.settled(await w.create({ type: "image-generation", prompt: "a stormy sea", imageSize: "square" }))).jobId;
    return { jobId: sourceId, image: 1 };
  };

  it("a style reference: Redux ultra with the picture as image prompt, the weight as its strength, priced at $0.06 a picture", async () => {
    const s = await source();
    const job = await w.settled(
      await w.create({
        type: "image-generation",
        prompt: "a lighthouse",
        references: [{ source: s, role: "style", weight: 0.7 }],
        aspectRatio: "16:9",
      }),
    );
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const sent = w.fal.submissions.find((x) => x.app === "fal-ai/flux-pro/v1.1-ultra/redux" && x.input.prompt === "a lighthouse");
    expect(sent?.input).toMatchObject({ image_prompt_strength: 0.7, aspect_ratio: "16:9", num_images: 1 });
    expect(String(sent?.input.image_url)).toMatch(/X-Amz-Signature=/);
    const version = job.versions[0] as { images: Array<{ width: number; height: number }>; endpoint: string };
    expect(version.endpoint).toBe("fal-ai/flux-pro/v1.1-ultra/redux");
    expect(version.images[0]?.width).toBeGreaterThan(version.images[0]?.height ?? 0);
    expect(job.sources).toEqual([s]);
    expect(job.costUsd).toBeCloseTo(0.06, 6);
  });

  it("a subject (an upload) and a composition (ours): Kontext multi with both pictures, their roles told in the prompt, $0.04 a picture", async () => {
    const s = await source();
    const uploadKey = await upload(await bands(200, 200, [[200, 30, 30]]), "character.png");
    const job = await w.settled(
      await w.create({
        type: "image-generation",
        prompt: "the character on a beach",
        references: [
          { uploadKey, role: "subject" },
          { source: s, role: "composition" },
        ],
      }),
    );
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const sent = w.fal.submissions.find((x) => x.app === "fal-ai/flux-pro/kontext/multi" && String(x.input.prompt).endsWith("on a beach"));
    expect(sent?.input.prompt).toBe(
      "Reference pictures: picture 1 gives the subject; picture 2 gives the composition. the character on a beach",
    );
    expect(sent?.input.image_urls).toHaveLength(2);
    expect(job.sources).toEqual([s]);
    expect(job.costUsd).toBeCloseTo(0.04, 6);
  });

  it("refuses at create, queuing nothing, what the endpoints do not take", async () => {
    const s = await source();
    const rival = await w.api.member("rivals", "rick");
    const before = await rawJobs(w.api.deps).countDocuments({});
    const ask = (references: unknown, extra: object = {}) => ({ type: "image-generation", prompt: "x", references, ...extra });
    const style = { source: s, role: "style" };
    const subject = { source: s, role: "subject" };
    const refusals: Array<[string, unknown, number, RegExp]> = [
      [w.alice.key, ask([style, subject]), 400, /a style reference runs on FLUX Redux, which takes no other picture/],
      [w.alice.key, ask([style, style]), 400, /one style reference at most/],
      [w.alice.key, ask([{ ...subject, weight: 0.5 }]), 400, /Kontext multi takes no weight per picture/],
      [w.alice.key, ask([subject], { model: "flux-dev" }), 400, /model is not taken by FLUX Kontext multi/],
      [w.alice.key, ask([style], { steps: 20 }), 400, /steps is not taken by FLUX Redux/],
      [w.alice.key, ask([style], { imageSize: "square" }), 400, /imageSize is not taken by FLUX Redux .*give aspectRatio/],
      [w.alice.key, ask([style], { guidance: 3 }), 400, /guidance is not taken by FLUX Redux/],
      [w.alice.key, ask([style], { aspectRatio: "4:1" }), 400, /between 21:9 and 9:21/],
      [w.alice.key, ask([subject], { aspectRatio: "5:4" }), 400, /takes aspectRatio 21:9/],
      [w.alice.key, ask([subject, subject, subject, subject, subject]), 400, /at most 4 references/],
      [w.alice.key, ask([{ ...subject, uploadKey: "temp/a/b/c/d.png" }]), 400, /give a source \{ jobId, image \} or an uploadKey/],
      [w.alice.key, ask([{ source: s, role: "character" }]), 400, /role/],
      [w.alice.key, { type: "image-generation", prompt: "x", aspectRatio: "16:9" }, 400, /aspectRatio with references/],
      [
        w.alice.key,
        { type: "image-generation", operation: "upscale", source: s, references: [subject] },
        400,
        /upscale does not take references/,
      ],
      [rival.key, ask([subject]), 404, /was not found/],
    ];
    for (const [key, input, status, message] of refusals) {
      const answer = await create(key, input);
      expect(answer.status, JSON.stringify(input)).toBe(status);
      expect(JSON.stringify(answer.body.error), JSON.stringify(input)).toMatch(message);
    }
    expect(await rawJobs(w.api.deps).countDocuments({})).toBe(before);
  });
});
