import type { Locator } from "playwright-core";
import { expect } from "vitest";

/** The few DOM members the page functions read (tests run in Node, without the DOM's types). */
type Img = { complete: boolean; naturalWidth: number };

/** Waits until every picture of `where` has loaded real pixels, and returns how many there are. */
export async function picturesShown(where: Locator): Promise<number> {
  const pictures = where.locator("img");
  await expect.poll(() => pictures.count(), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect
    .poll(() => pictures.evaluateAll((els) => (els as unknown as Img[]).every((i) => i.complete && i.naturalWidth > 0)), {
      timeout: 30_000,
    })
    .toBe(true);
  return pictures.count();
}
