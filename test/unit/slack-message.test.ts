import { describe, expect, it } from "vitest";
import { cutEscaped, toSlackMessage, toSlackText } from "../../shared/chat/slack-message.js";

const hostile = "a fox <https://evil.example|click here> <!channel> & <@U0EVE>";

describe("a Slack message's mrkdwn carries user text escaped", () => {
  const reply = {
    title: "Done",
    tone: "success" as const,
    lines: [`Prompt: ${hostile}`],
    fields: [{ name: "Prompt", value: hostile }],
    footer: hostile,
  };

  it("in its top-level text, which Slack shows in notifications", () => {
    const { text } = toSlackMessage(reply);
    expect(text).toBe("Done: Prompt: a fox &lt;https://evil.example|click here&gt; &lt;!channel&gt; &amp; &lt;@U0EVE&gt;");
  });

  it("in every block and in the text-only form", () => {
    for (const message of [toSlackMessage(reply), toSlackText(reply)]) {
      const all = JSON.stringify(message);
      expect(all).not.toContain("<!channel>");
      expect(all).not.toContain("<https://evil.example");
      expect(all).not.toContain("<@U0EVE>");
    }
  });

  it("cut after escaping, never inside an escape", () => {
    const cut = toSlackMessage({ title: "T", tone: "info", lines: ["&".repeat(4000)] }).text;
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut).toMatch(/^T: (&amp;)+…$/);
    expect(cutEscaped("ab&lt;cd", 5)).toBe("ab…");
    expect(cutEscaped("ab&lt;cd", 7)).toBe("ab&lt;…");
  });
});
