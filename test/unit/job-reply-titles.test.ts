import { describe, expect, it } from "vitest";
import { sampleJob } from "../../infra/chat-previews.js";
import { toDiscordMessage } from "../../shared/chat/discord-message.js";
import { jobReply } from "../../shared/chat/job-reply.js";
import { chatLocales } from "../../shared/chat/locale/languages.js";
import { toSlackMessage, toSlackText } from "../../shared/chat/slack-message.js";
import type { PublicJob } from "../../shared/jobs/view.js";

/** The sample result as a picture operation made it, of a source whose prompt is long. */
function resultOf(operation: string | undefined, status: PublicJob["status"] = "completed"): PublicJob {
  const prompt = "a lighthouse in fog at dusk, ".repeat(20);
  const input = operation
    ? { type: "image-generation", operation, source: { jobId: "s", image: 1 }, ...(operation === "edit" ? { prompt } : {}) }
    : { ...sampleJob.input, prompt };
  return { ...sampleJob, status, input, parent: operation ? { jobId: "s", prompt } : null } as PublicJob;
}

describe("a picture operation's result in chat", () => {
  it("is titled by what it did (Upscale, Variation, Edit), in each language; a generation keeps its title", () => {
    const titles = (op: string | undefined, locale: (typeof chatLocales)[number] = "en") =>
      jobReply(resultOf(op), { locale }).title.split(":")[0];
    expect(titles("upscale")).toBe("Upscale");
    expect(titles("vary")).toBe("Variation");
    expect(titles("edit")).toBe("Edit");
    expect(titles(undefined)).toBe("Image generation");
    expect(titles("generate")).toBe("Image generation");
    expect(titles("upscale", "de")).toBe("Hochskalierung");
    expect(titles("vary", "fr")).toBe("Variante");
    // While it runs or when it fails, too.
    expect(jobReply(resultOf("upscale", "running")).title).toMatch(/^Upscale: a lighthouse/);
    expect(jobReply(resultOf("vary", "failed")).title).toMatch(/^Variation: a lighthouse/);
  });

  it("stays within each platform's limits for a title (Discord's embed 256, Slack's header 150)", () => {
    for (const op of ["upscale", "vary", "edit", undefined])
      for (const locale of chatLocales) {
        const reply = jobReply(resultOf(op), { locale });
        const embed = toDiscordMessage(reply).embeds?.[0] as { title: string };
        expect(embed.title.length).toBeLessThanOrEqual(256);
        const header = toSlackMessage(reply).blocks?.[0] as { text: { text: string } };
        expect(header.text.text.length).toBeLessThanOrEqual(150);
        expect(toSlackText(reply).text.length).toBeLessThanOrEqual(3000);
      }
  });
});
