import { type PictureAction, pictureButton, picturesMenuId } from "./job-buttons.js";
import type { JobReplyText } from "./locale/job-messages.js";
import type { ChatLocale } from "./locale/languages.js";
import { pictureToolsText } from "./locale/picture-tools.js";
import { videoButtonsText } from "./locale/video-buttons.js";
import type { ReplyButton, ReplyMenu } from "./reply.js";

/**
 * The picture tools of an image result, laid out as Midjourney does within Discord's five rows
 * (the job's own row comes last, so four are left here):
 * - one picture: Upscale (not on an upscale), Vary (Strong), Vary (Subtle), Vary (Region), Edit;
 *   Zoom Out 2×, Zoom Out 1.5×, Custom Zoom; ⬅ ➡ ⬆ ⬇; Animate (Low motion), Animate (High motion).
 * - two to four: U1…Un, V1…Vn, then a menu for each two pictures holding the rest (twelve a
 *   picture, twenty-four a menu: Discord takes 25 options).
 */
export function pictureControls(
  a: { jobId: string; count: number; upscaled: boolean },
  t: JobReplyText,
  locale: ChatLocale,
): { buttons: ReplyButton[]; menus: ReplyMenu[] } {
  const p = pictureToolsText[locale];
  const v = videoButtonsText[locale];
  const id = (action: PictureAction, n: number) => pictureButton(action, a.jobId, n);
  if (a.count === 1) {
    const rows: Array<Array<[PictureAction, string]>> = [
      [
        ...(a.upscaled ? [] : [["upscale", t.buttons.upscale] as [PictureAction, string]]),
        ["vary", p.buttons.varyStrong],
        ["subtle", p.buttons.varySubtle],
        ["region", p.buttons.varyRegion],
        ["edit", t.buttons.edit],
      ],
      [
        ["zoom-out-2", p.buttons.zoomOut2],
        ["zoom-out-1.5", p.buttons.zoomOut15],
        ["zoom-custom", p.buttons.customZoom],
      ],
      [
        ["pan-left", "⬅"],
        ["pan-right", "➡"],
        ["pan-up", "⬆"],
        ["pan-down", "⬇"],
      ],
      [
        ["animate-low", v.buttons.animate.low],
        ["animate-high", v.buttons.animate.high],
      ],
    ];
    return { buttons: rows.flatMap((row, r) => row.map(([action, label]) => ({ id: id(action, 1), label, row: r }))), menus: [] };
  }
  const pictures = Array.from({ length: a.count }, (_, i) => i + 1);
  const buttons: ReplyButton[] = [
    ...(a.upscaled ? [] : pictures.map((n) => ({ id: id("upscale", n), label: p.buttons.upscaleN(n), row: 0 }))),
    ...pictures.map((n) => ({ id: id("vary", n), label: p.buttons.varyN(n), row: 1 })),
  ];
  const more: Array<[PictureAction, string]> = [
    ["subtle", p.menu.varySubtly],
    ["edit", p.menu.edit],
    ["zoom-out-2", p.menu.zoomOut2],
    ["zoom-out-1.5", p.menu.zoomOut15],
    ["zoom-custom", p.menu.customZoom],
    ["pan-left", p.pan.left],
    ["pan-right", p.pan.right],
    ["pan-up", p.pan.up],
    ["pan-down", p.pan.down],
    ["region", p.menu.varyRegion],
    ["animate-low", v.menu.animate.low],
    ["animate-high", v.menu.animate.high],
  ];
  const menus: ReplyMenu[] = [];
  for (let first = 1; first <= a.count; first += 2) {
    const of = pictures.slice(first - 1, first + 1);
    menus.push({
      id: picturesMenuId(a.jobId, first),
      placeholder: p.menu.placeholder(of),
      options: of.flatMap((n) => more.map(([action, label]) => ({ label: p.menu.option(n, label), value: id(action, n) }))),
      row: 2,
    });
  }
  return { buttons, menus };
}

/** A describe's prompts, each a one-click generation: Generate 1…n. */
export function describeControls(jobId: string, prompts: number, locale: ChatLocale): ReplyButton[] {
  const p = pictureToolsText[locale];
  return Array.from({ length: Math.min(prompts, 4) }, (_, i) => ({
    id: pictureButton("imagine", jobId, i + 1),
    label: p.buttons.generateN(i + 1),
    row: 0,
  }));
}
