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
    expect(cutEscaped("in <#C0GENERAL> now", 10)).toBe("in …");
  });

  it("keeps a bare channel mention, which names a conversation and notifies no one, and escapes one with a label", () => {
    const { text } = toSlackMessage({ title: "Not posted", tone: "error", lines: ["in <#G0PRIVATE>, not <#C0X|general> or <@U0BOSS>"] });
    expect(text).toBe("Not posted: in <#G0PRIVATE>, not &lt;#C0X|general&gt; or &lt;@U0BOSS&gt;");
  });
});

describe("a Slack list too long for its section (/assets, /jobs)", () => {
  const sectionTexts = (m: { blocks: Array<Record<string, unknown>> }) =>
    m.blocks.flatMap((b) => (b.type === "section" && b.text ? [(b.text as { text: string }).text] : []));
  const more = (n: number) => `…and ${n} more, not shown here`;

  it("keeps whole links only, escaped before the cut, and says how many more there are", () => {
    const links = Array.from({ length: 10 }, (_, i) => ({
      label: `image_${i + 1}.png (1.2 KB) · ${"&<".repeat(20)}… · U0ANN`,
      url: `https://cg.example/d/${"x".repeat(80)}${i}`,
    }));
    const [text = ""] = sectionTexts(toSlackMessage({ title: "Assets", tone: "info", lines: [], links, more }));
    expect(text.length).toBeLessThanOrEqual(3000);
    const shown = text.split("\n").slice(0, -1);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(10);
    for (const line of shown)
      expect(line).toMatch(/^<https:\/\/cg\.example\/d\/x+\d\|image_\d+\.png \(1\.2 KB\) · (&amp;&lt;){20}… · U0ANN>$/);
    expect(text.split("\n").at(-1)).toBe(`…and ${10 - shown.length} more, not shown here`);
  });

  it("keeps whole lines, and a default count when the reply names none", () => {
    const lines = Array.from({ length: 10 }, (_, i) => `"${"&".repeat(59)}…" · completed · job-${i}`);
    const [text = ""] = sectionTexts(toSlackMessage({ title: "Jobs", tone: "info", lines }));
    expect(text.length).toBeLessThanOrEqual(3000);
    const shown = text.split("\n").slice(0, -1);
    for (const [i, line] of shown.entries()) expect(line).toBe(`"${"&amp;".repeat(59)}…" · completed · job-${i}`);
    expect(text.split("\n").at(-1)).toBe(`… +${10 - shown.length}`);
  });

  it("a list that fits is shown whole, with no count", () => {
    const [text = ""] = sectionTexts(toSlackMessage({ title: "Jobs", tone: "info", lines: ["a & b", "c < d"], more }));
    expect(text).toBe("a &amp; b\nc &lt; d");
  });
});
