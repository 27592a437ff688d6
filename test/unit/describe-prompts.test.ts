import { describe, expect, it } from "vitest";
import { promptsIn } from "../../queue/workers/image/describe.js";

/** What a describe keeps of a vision model's answer: the numbered prompts, each without its --ar, and the aspect ratio most of them name. */
describe("the prompts in a vision answer", () => {
  it("numbered lines in either style, markdown bold and a trailing --ar removed, the ratio most name kept", () => {
    const answer = [
      "Here are four prompts:",
      "1. **A red barn in a wheat field at golden hour** --ar 16:9",
      "2) A watercolour of a barn under a wide sky --ar 16:9",
      "",
      "3. A photograph of farmland, soft light --ar 3:2.",
      "4. An ink drawing of a barn --ar 16:9",
      "5. One too many --ar 1:1",
    ].join("\n");
    expect(promptsIn(answer)).toEqual({
      prompts: [
        "A red barn in a wheat field at golden hour",
        "A watercolour of a barn under a wide sky",
        "A photograph of farmland, soft light",
        "An ink drawing of a barn",
      ],
      aspectRatio: "16:9",
    });
  });

  it("unnumbered lines are taken as they come; no ratio named, none given; nothing, no prompts", () => {
    expect(promptsIn("a cat on a mat\na dog on a log")).toEqual({ prompts: ["a cat on a mat", "a dog on a log"] });
    expect(promptsIn("   \n")).toEqual({ prompts: [] });
  });
});
