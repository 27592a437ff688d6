import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PREVIEW_DIR, renderPreviews } from "../../infra/chat-previews.js";

describe("the README's renderings of a result message", () => {
  it("are the payloads the deliver worker sends today (npm run docs:previews writes them again)", () => {
    const { discord, slack } = renderPreviews();
    expect(readFileSync(path.join(PREVIEW_DIR, "discord-result.html"), "utf8")).toBe(discord);
    expect(readFileSync(path.join(PREVIEW_DIR, "slack-result.html"), "utf8")).toBe(slack);
    // Every button of the payload is on the page.
    for (const label of ["Upscale 1", "Vary subtly 2", "Edit 1", "Edit prompt &amp; rerun", "Send to DM", "Delete"]) {
      expect(discord).toContain(label);
      expect(slack).toContain(label);
    }
  });
});
