import { describe, expect, it } from "vitest";
import { createJobInput } from "../../shared/jobs/input.js";

/** What jobs.create takes for an operation on a picture, checked before anything is written or paid for. */
describe("operations on a picture: the input refused at create", () => {
  const source = { jobId: "0190a2b4-0000-7000-8000-000000000001", image: 1 };
  const issues = (input: unknown) => {
    const parsed = createJobInput.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("a variation takes 10-50 steps, as fal-ai/flux/dev/image-to-image does: 5 is refused, 10 and 50 are taken", () => {
    expect(issues({ type: "image-generation", operation: "vary", source, steps: 5 })).toEqual([
      "steps: a variation takes 10-50 steps (fal-ai/flux/dev/image-to-image)",
    ]);
    expect(issues({ type: "image-generation", operation: "vary", source, steps: 1 })).toHaveLength(1);
    expect(issues({ type: "image-generation", operation: "vary", source, steps: 10 })).toEqual([]);
    expect(issues({ type: "image-generation", operation: "vary", source, steps: 50 })).toEqual([]);
    // A generation keeps the endpoints' own 1-50.
    expect(issues({ type: "image-generation", prompt: "a", model: "flux-dev", steps: 5 })).toEqual([]);
  });
});
