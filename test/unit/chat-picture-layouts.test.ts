import { describe, expect, it } from "vitest";
import { zoomModal } from "../../bots/discord/zoom-modal.js";
import { zoomFactorOf } from "../../bots/core/picture-tools.js";
import { zoomView } from "../../bots/slack/modals.js";
import { sampleJob } from "../../infra/chat-previews.js";
import { messageRefusal } from "../../infra/fakes/discord/limits.js";
import { modalRefusal } from "../../infra/fakes/discord/modal-limits.js";
import { checkBlocks, checkModalView } from "../../infra/fakes/slack/blocks.js";
import { toDiscordMessage } from "../../shared/chat/discord-message.js";
import { parseJobButton } from "../../shared/chat/job-buttons.js";
import { jobReply } from "../../shared/chat/job-reply.js";
import { type ChatLocale, chatLocales } from "../../shared/chat/locale/languages.js";
import { toSlackMessage } from "../../shared/chat/slack-message.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { isGalleryPath } from "../../shared/links/gallery-path.js";

/** A finished image job of `count` pictures, as `operation` made it, with the longest prompt the API takes. */
function resultOf(operation: string, count: number, visibility: "workspace" | "private" = "workspace"): PublicJob {
  const version = sampleJob.versions[0] as { images: Array<Record<string, unknown>> };
  const images = Array.from({ length: count }, (_, i) => ({ ...version.images[0], url: `https://cg.example.com/d/image_${i + 1}.png` }));
  const prompt = "a lighthouse in fog at dusk, ".repeat(70).slice(0, 2000);
  return {
    ...sampleJob,
    visibility,
    input: {
      type: "image-generation",
      ...(operation === "generate" ? {} : { operation, source: { jobId: "s", image: 1 } }),
      prompt,
      count,
    },
    versions: [{ ...version, images }],
  } as unknown as PublicJob;
}

type Row = { type: number; components: Array<Record<string, unknown>> };
const rowsOf = (job: PublicJob, locale: ChatLocale) => toDiscordMessage(jobReply(job, { locale })).components as unknown as Row[];
const slackCheck = { channel: "C0GENERAL", canFetch: () => false, file: () => undefined };

const operations = ["generate", "upscale", "vary", "edit", "zoom-out", "pan", "vary-region", "blend"];

describe("an image result's picture tools, within the platforms' limits", () => {
  it("every layout (1-4 pictures; each operation's result; en, de, fr) passes the Discord and Slack fakes' checks", async () => {
    for (const locale of chatLocales)
      for (const operation of operations)
        for (const count of [1, 2, 3, 4]) {
          const job = resultOf(operation, count);
          const reply = jobReply(job, { locale });
          const what = `${operation} ×${count} (${locale})`;
          expect(messageRefusal(toDiscordMessage(reply) as never), what).toBeUndefined();
          expect(await checkBlocks(toSlackMessage(reply, { images: false }).blocks, slackCheck), what).toEqual([]);
          const rows = rowsOf(job, locale);
          expect(rows.length, what).toBeLessThanOrEqual(5);
          // Every choice of every menu is a picture's action on this job, as its button would be.
          for (const select of rows.flatMap((r) => r.components).filter((c) => c.type === 3)) {
            const options = select.options as Array<{ value: string }>;
            expect(options.length, what).toBeLessThanOrEqual(25);
            for (const o of options) expect(parseJobButton(o.value), `${what} ${o.value}`).toMatchObject({ jobId: job.jobId });
          }
        }
  });

  it("one picture: a row of variations and Edit, one of zooms, one of pans, one to animate, then the job's own", () => {
    const labels = (operation: string) => rowsOf(resultOf(operation, 1), "en").map((r) => r.components.map((c) => c.label));
    expect(labels("generate")).toEqual([
      ["Upscale", "Vary (Strong)", "Vary (Subtle)", "Vary (Region)", "Edit"],
      ["Zoom Out 2×", "Zoom Out 1.5×", "Custom Zoom"],
      ["⬅", "➡", "⬆", "⬇"],
      ["Animate (Low motion)", "Animate (High motion)"],
      ["Rerun, new seed", "4 variations", "Edit prompt & rerun", "Send to DM", "Delete"],
    ]);
    expect(labels("upscale")[3]).toEqual(["Animate (Low motion)", "Animate (High motion)"]);
    // An upscale is not upscaled again, nor rerun.
    expect(labels("upscale")[0]).toEqual(["Vary (Strong)", "Vary (Subtle)", "Vary (Region)", "Edit"]);
    expect(labels("upscale").at(-1)).toEqual(["Send to DM", "Delete"]);
    const ids = rowsOf(resultOf("generate", 1), "en").flatMap((r) => r.components.map((c) => c.custom_id));
    const j = sampleJob.jobId;
    expect(ids).toEqual(
      expect.arrayContaining([
        `job:region:${j}:1`,
        `job:zoom-out-2:${j}:1`,
        `job:zoom-out-1.5:${j}:1`,
        `job:zoom-custom:${j}:1`,
        `job:pan-left:${j}:1`,
        `job:animate-low:${j}:1`,
        `job:animate-high:${j}:1`,
      ]),
    );
  });

  it("two to four pictures: U and V rows, a menu for each two pictures with twelve choices a picture, then the job's own", () => {
    const rows = rowsOf(resultOf("generate", 4), "en");
    expect(rows.map((r) => r.components.map((c) => c.label ?? c.placeholder))).toEqual([
      ["U1", "U2", "U3", "U4"],
      ["V1", "V2", "V3", "V4"],
      ["More for picture 1 or 2…"],
      ["More for picture 3 or 4…"],
      ["Rerun, new seed", "4 variations", "Edit prompt & rerun", "Send to DM", "Delete"],
    ]);
    const menu = rows[2]?.components[0] as { custom_id: string; options: Array<{ label: string; value: string }> };
    expect(menu.custom_id).toBe(`pictures:${sampleJob.jobId}:1`);
    expect(menu.options.map((o) => o.label)).toEqual([
      ...[
        "Vary subtly",
        "Edit…",
        "Zoom out 2×",
        "Zoom out 1.5×",
        "Custom zoom…",
        "Pan ⬅ left",
        "Pan ➡ right",
        "Pan ⬆ up",
        "Pan ⬇ down",
        "Vary region…",
        "Animate, low motion",
        "Animate, high motion",
      ].map((l) => `1: ${l}`),
      ...[
        "Vary subtly",
        "Edit…",
        "Zoom out 2×",
        "Zoom out 1.5×",
        "Custom zoom…",
        "Pan ⬅ left",
        "Pan ➡ right",
        "Pan ⬆ up",
        "Pan ⬇ down",
        "Vary region…",
        "Animate, low motion",
        "Animate, high motion",
      ].map((l) => `2: ${l}`),
    ]);
    expect(menu.options[5]?.value).toBe(`job:pan-left:${sampleJob.jobId}:1`);
    expect(menu.options[23]?.value).toBe(`job:animate-high:${sampleJob.jobId}:2`);
    // Three pictures: the second menu is picture 3's alone.
    const three = rowsOf(resultOf("generate", 3), "de");
    expect(three[3]?.components[0]).toMatchObject({ placeholder: "Mehr für Bild 3…" });
    expect(three[3]?.components[0]?.options).toHaveLength(12);
    // Slack: the same menus as static_selects, one to an actions block.
    const blocks = toSlackMessage(jobReply(resultOf("generate", 4), { locale: "fr" }), { images: false }).blocks;
    const selects = blocks
      .flatMap((b) => (b.type === "actions" ? (b.elements as Array<Record<string, unknown>>) : []))
      .filter((e) => e.type === "static_select");
    expect(selects.map((s) => (s.placeholder as { text: string }).text)).toEqual([
      "Plus pour l'image 1 ou 2…",
      "Plus pour l'image 3 ou 4…",
    ]);
  });

  it("a describe's result offers each prompt as a one-click generation", async () => {
    const job = {
      ...sampleJob,
      input: { type: "image-generation", operation: "describe", source: { jobId: "s", image: 1 } },
      versions: [{ version: 1, prompts: ["one", "two", "three", "four"], aspectRatio: "3:2" }],
      files: [],
    } as unknown as PublicJob;
    for (const locale of chatLocales) {
      const reply = jobReply(job, { locale });
      expect(messageRefusal(toDiscordMessage(reply) as never)).toBeUndefined();
      expect(await checkBlocks(toSlackMessage(reply).blocks, slackCheck)).toEqual([]);
    }
    const ids = rowsOf(job, "en")[0]?.components.map((c) => [c.label, c.custom_id]);
    expect(ids).toEqual([1, 2, 3, 4].map((n) => [`Generate ${n}`, `job:imagine:${sampleJob.jobId}:${n}`]));
  });

  it("Custom Zoom's form passes Discord's modal checks and Slack's view checks in every language", () => {
    for (const locale of chatLocales) {
      expect(modalRefusal(zoomModal(sampleJob.jobId, 4, locale).toJSON() as never), locale).toBeUndefined();
      const where = {
        channelId: "C0GENERAL",
        ephemeral: false,
        locale,
        responseUrl: "https://hooks.slack.com/actions/T/1/x".padEnd(120, "x"),
      };
      expect(checkModalView(zoomView(sampleJob.jobId, 4, where)), locale).toEqual([]);
    }
  });
});

describe("the fakes refuse the select menus the platforms refuse", () => {
  const select = (over: Record<string, unknown> = {}) => ({
    type: 3,
    custom_id: "pictures:j:1",
    placeholder: "More",
    options: [{ label: "a", value: "a" }],
    ...over,
  });
  const message = (...rows: Array<Array<Record<string, unknown>>>) => ({
    embeds: [],
    components: rows.map((components) => ({ type: 1, components })),
  });
  const refused = (m: Record<string, unknown>) => JSON.stringify(messageRefusal(m as never)?.body ?? null);

  it("Discord: a select beside a button, 26 options, a value twice, a label of 101, a placeholder of 151, max_values past the options", () => {
    expect(messageRefusal(message([select()]) as never)).toBeUndefined();
    expect(refused(message([select(), { type: 2, style: 2, label: "x", custom_id: "b" }]))).toMatch(/COMPONENT_LAYOUT_WIDTH_EXCEEDED/);
    const many = Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `o${i}` }));
    expect(refused(message([select({ options: many })]))).toMatch(/BASE_TYPE_BAD_LENGTH/);
    expect(refused(message([select({ options: [] })]))).toMatch(/BASE_TYPE_BAD_LENGTH/);
    expect(
      refused(
        message([
          select({
            options: [
              { label: "a", value: "v" },
              { label: "b", value: "v" },
            ],
          }),
        ]),
      ),
    ).toMatch(/DUPLICATED/);
    expect(refused(message([select({ options: [{ label: "x".repeat(101), value: "v" }] })]))).toMatch(/label/);
    expect(refused(message([select({ options: [{ label: "l", value: "v".repeat(101) }] })]))).toMatch(/value/);
    expect(refused(message([select({ options: [{ label: "l", value: "v", description: "d".repeat(101) }] })]))).toMatch(/description/);
    expect(refused(message([select({ placeholder: "p".repeat(151) })]))).toMatch(/placeholder/);
    expect(refused(message([select({ custom_id: "c".repeat(101) })]))).toMatch(/custom_id/);
    expect(refused(message([select({ max_values: 2 })]))).toMatch(/MAX_VALUES_TOO_HIGH/);
  });

  it("Slack: an option's text of 76, a value of 151, a placeholder of 151, no options, an action_id of 256", async () => {
    const blocks = (over: Record<string, unknown>) => [
      {
        type: "actions",
        elements: [
          {
            type: "static_select",
            action_id: "pictures:j:1",
            placeholder: { type: "plain_text", text: "More" },
            options: [{ text: { type: "plain_text", text: "a" }, value: "a" }],
            ...over,
          },
        ],
      },
    ];
    const errors = (over: Record<string, unknown>) => checkBlocks(blocks(over), slackCheck);
    expect(await errors({})).toEqual([]);
    expect((await errors({ options: [{ text: { type: "plain_text", text: "x".repeat(76) }, value: "a" }] })).join()).toMatch(
      /options\/0\/text\/text/,
    );
    expect((await errors({ options: [{ text: { type: "plain_text", text: "x" }, value: "v".repeat(151) }] })).join()).toMatch(
      /options\/0\/value/,
    );
    expect((await errors({ placeholder: { type: "plain_text", text: "p".repeat(151) } })).join()).toMatch(/placeholder/);
    expect((await errors({ options: [] })).join()).toMatch(/between 1 and 100/);
    expect((await errors({ action_id: "a".repeat(256) })).join()).toMatch(/action_id/);
  });
});

describe("Custom Zoom's factor and a sign-in link's next, as typed", () => {
  it("a factor more than 1 and at most 2, with a point or a comma", () => {
    expect([" 1.5 ", "1,5", "2", "1.01", "2.0"].map(zoomFactorOf)).toEqual([1.5, 1.5, 2, 1.01, 2]);
    for (const bad of ["1", "2.01", "3", "0", "-1.5", "", "abc", "1.5x", "NaN", "Infinity", "1e0", "0x2"])
      expect(zoomFactorOf(bad), bad).toBeUndefined();
  });

  it("next: a path of this gallery only", () => {
    for (const ok of ["/app", "/app/", "/app/jobs/abc/pictures/1/region", "/app?type=images", "/app/jobs/a%20b"])
      expect(isGalleryPath(ok), ok).toBe(true);
    for (const bad of [
      "https://evil.example/app/x",
      "//evil.example/app",
      "/\\evil.example",
      "/app\\..\\x",
      "/app//evil.example",
      "/app/../admin",
      "/app/%2e%2e/x",
      "/app/./x",
      "/app/sign-in",
      "/app/sign-in?token=x",
      "/app/Sign-In",
      "/app/sign-out",
      "/app/x#frag",
      "/app/x y",
      "/app/\u0000",
      "/app/%5c%5cevil",
      "/app/%2f%2fevil",
      "/apps",
      "/application",
      "app/x",
      "javascript:alert(1)",
      "/",
      "",
      `/app/${"x".repeat(600)}`,
    ])
      expect(isGalleryPath(bad), bad).toBe(false);
  });
});
