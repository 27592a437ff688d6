import { createHash } from "node:crypto";
import type { Raster } from "./picture-operations.js";
import type { FakeRequest } from "./requests.js";
import type { FalState } from "./state.js";
import { inputPicture, runModel } from "./tool-io.js";

/**
 * openrouter/router/vision: a vision language model asked about pictures. The emulator cannot
 * read a prompt, so it answers what a describe asks for: as many prompts as the prompt names
 * ("four prompts", "4 prompts"; four when it names none), one a line, numbered, each drawn from
 * the pictures' dominant colours, brightness and shape and ending in the aspect ratio as
 * Midjourney writes it (`--ar 16:9`). The text is the same for the same pictures, whatever the
 * temperature, and cut at max_tokens (a word a token). The output and usage are as fal's page
 * shows them: `{output, usage: {prompt_tokens, completion_tokens, total_tokens, cost}}`, the cost
 * at google/gemini-2.5-flash's rates ($0.30 per million input tokens, $2.50 per million output).
 */
export async function completeVision(_state: FalState, r: FakeRequest): Promise<void> {
  await runModel(r, async () => {
    const urls = r.input.image_urls as unknown[];
    const pictures: Raster[] = [];
    for (const [i, url] of urls.entries()) pictures.push(await inputPicture(url, ["image_urls", i]));
    const count = promptCount(String(r.input.prompt ?? ""));
    let words = describePictures(pictures, count).split(" ");
    const maxTokens = typeof r.input.max_tokens === "number" ? r.input.max_tokens : Number.POSITIVE_INFINITY;
    if (words.length > maxTokens) words = words.slice(0, maxTokens);
    const output = words.join(" ");
    const promptTokens = wordCount(String(r.input.prompt ?? "")) + wordCount(String(r.input.system_prompt ?? "")) + 258 * pictures.length;
    const completionTokens = words.length;
    r.result = {
      output,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        cost: Number((promptTokens * 0.3e-6 + completionTokens * 2.5e-6).toFixed(7)),
      },
    };
  });
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
const numbers: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8 };

/** How many prompts the request asks for: four unless it says (up to eight). */
export function promptCount(prompt: string): number {
  const m = /\b(\d+|one|two|three|four|five|six|seven|eight)\s+(?:\w+\s+){0,3}prompts?\b/i.exec(prompt);
  const n = m ? (numbers[(m[1] ?? "").toLowerCase()] ?? Number(m[1])) : 4;
  return Math.min(8, Math.max(1, n));
}

const palette: Array<[string, number, number, number]> = [
  ["black", 0, 0, 0],
  ["white", 255, 255, 255],
  ["grey", 128, 128, 128],
  ["red", 200, 30, 30],
  ["crimson", 140, 10, 40],
  ["orange", 240, 140, 20],
  ["gold", 220, 180, 40],
  ["yellow", 250, 240, 80],
  ["olive", 120, 130, 30],
  ["green", 40, 160, 60],
  ["teal", 20, 140, 140],
  ["cyan", 60, 220, 230],
  ["blue", 30, 70, 200],
  ["navy", 20, 30, 90],
  ["purple", 120, 50, 160],
  ["magenta", 220, 50, 180],
  ["pink", 245, 160, 190],
  ["brown", 120, 75, 40],
  ["beige", 225, 205, 170],
];

const ratios = ["21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16", "9:21"];

/** The listed aspect ratio nearest a picture's. */
export function nearestRatio(width: number, height: number): string {
  const actual = Math.log(width / height);
  const distance = (ratio: string) => {
    const [w, h] = ratio.split(":").map(Number);
    return Math.abs(Math.log((w ?? 1) / (h ?? 1)) - actual);
  };
  return ratios.reduce((best, ratio) => (distance(ratio) < distance(best) ? ratio : best));
}

/** The pictures' colours by share of pixels (about 4,096 sampled from each), most first, and their mean luminance. */
function colours(pictures: Raster[]): { names: string[]; luminance: number } {
  const counts = new Map<string, number>();
  let luminance = 0;
  let samples = 0;
  for (const p of pictures) {
    const step = Math.max(1, Math.floor(Math.sqrt((p.width * p.height) / 4096)));
    for (let y = 0; y < p.height; y += step) {
      for (let x = 0; x < p.width; x += step) {
        const i = (y * p.width + x) * 4;
        const [r, g, b] = [p.data[i] ?? 0, p.data[i + 1] ?? 0, p.data[i + 2] ?? 0];
        let best = palette[0] ?? ["black", 0, 0, 0];
        let bestDistance = Number.POSITIVE_INFINITY;
        for (const c of palette) {
          const d = (c[1] - r) ** 2 + (c[2] - g) ** 2 + (c[3] - b) ** 2;
          if (d < bestDistance) [best, bestDistance] = [c, d];
        }
        counts.set(best[0], (counts.get(best[0]) ?? 0) + 1);
        luminance += 0.299 * r + 0.587 * g + 0.114 * b;
        samples++;
      }
    }
  }
  const names = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  return { names, luminance: luminance / Math.max(1, samples) };
}

const styles = [
  "oil painting",
  "watercolour",
  "digital illustration",
  "photograph",
  "poster art",
  "matte painting",
  "ink drawing",
  "3D render",
];
const moods = ["calm", "dramatic", "dreamy", "vivid", "moody", "serene", "bold", "nostalgic"];

/** `count` prompts, one a line, that would draw pictures like these. */
export function describePictures(pictures: Raster[], count: number): string {
  const first = pictures[0] ?? { width: 1, height: 1, data: Buffer.alloc(4) };
  const { names, luminance } = colours(pictures);
  const [c1 = "grey", c2 = c1, c3 = c2] = names;
  const ratio = nearestRatio(first.width, first.height);
  const shape = first.width > first.height * 1.05 ? "wide landscape" : first.height > first.width * 1.05 ? "tall portrait" : "square";
  const light = luminance > 170 ? "bright, airy" : luminance > 85 ? "softly lit" : "dark, low-key";
  // A few bytes of the pictures pick the style words, so two pictures of like colours read differently.
  const h = createHash("sha256");
  for (const p of pictures) h.update(p.data.subarray(0, Math.min(p.data.length, 65_536)));
  const digest = h.digest();
  const pick = <T>(list: T[], n: number) => list[(digest[n] ?? 0) % list.length] as T;
  const lines = [
    `a ${shape} ${pick(styles, 0)} dominated by ${c1} and ${c2}, ${light}`,
    `${pick(moods, 1)} abstract composition of ${c1} fading into ${c2}, soft diagonal gradient, ${light}`,
    `${c1}, ${c2} and ${c3} colour study, vertical bands, ${pick(styles, 2)}, ${pick(moods, 3)} atmosphere`,
    `minimalist ${shape} scene in ${c2} tones with ${c1} accents, ${pick(styles, 4)}`,
    `${pick(moods, 5)} ${c3} and ${c1} ${pick(styles, 6)}, clean shapes`,
    `${light} ${c1} background, ${c2} highlights, ${pick(styles, 7)}`,
    `a ${pick(moods, 8)} ${c2} landscape under a ${c1} sky, ${pick(styles, 9)}`,
    `${c1} and ${c3} geometric pattern, ${pick(moods, 10)}, ${pick(styles, 11)}`,
  ];
  return lines
    .slice(0, count)
    .map((line, i) => `${i + 1}. ${line} --ar ${ratio}`)
    .join("\n");
}
