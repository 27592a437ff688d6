import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PREVIEW_DIR, renderPreviews } from "../../infra/chat-previews.js";

describe("the README's renderings of a result message", () => {
  it("are the payloads the deliver worker sends today (npm run docs:previews writes them again)", () => {
    const { discord, slack } = renderPreviews();
    expect(readFileSync(path.join(PREVIEW_DIR, "discord-result.html"), "utf8")).toBe(discord);
    expect(readFileSync(path.join(PREVIEW_DIR, "slack-result.html"), "utf8")).toBe(slack);
    // Every button and menu of the payload is on the page, the menu's choices with it.
    for (const label of ["U1", "V2", "More for picture 1 or 2…", "2: Vary region…", "Edit prompt &amp; rerun", "Send to DM", "Delete"]) {
      expect(discord).toContain(label);
      expect(slack).toContain(label);
    }
  });
});
