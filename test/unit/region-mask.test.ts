import { describe, expect, it } from "vitest";
import { unwrapNestedArrays, wrapNestedArrays } from "../../shared/db/mongo/nested-arrays.js";
import { rasterizeShapes, regionCanvas } from "../../shared/media/region-mask.js";
import { SEAM_PX, encodePicture } from "../../shared/media/canvas.js";
import { outpaintLayout } from "../../shared/media/outpaint.js";

describe("the pictures FLUX Fill is sent", () => {
  it("a rectangle and a lasso polygon become the mask of their pixels, in the picture's coordinates", () => {
    const mask = rasterizeShapes(
      {
        rects: [{ x: 1, y: 1, width: 2, height: 3 }],
        polygons: [
          [
            [6, 0],
            [10, 0],
            [10, 4],
          ],
        ],
      },
      10,
      5,
    );
    const rows = Array.from({ length: 5 }, (_, y) => [...mask.subarray(y * 10, y * 10 + 10)].join(""));
    expect(rows).toEqual(["0000001111", "0110000111", "0110000011", "0110000001", "0000000000"]);
  });

  it("a region's weights: nothing of the source inside, all of it farther than the seam, a fade between", async () => {
    const width = 80;
    const picture = await encodePicture({ width, height: 8, data: Buffer.alloc(width * 8 * 3, 200) }, "png");
    const region = rasterizeShapes({ rects: [{ x: 0, y: 0, width: 10, height: 8 }] }, width, 8);
    const { keep } = await regionCanvas(picture, region);
    const row = [...keep.subarray(0, width)];
    expect(row.slice(0, 10).every((k) => k === 0)).toBe(true);
    expect(row[10]).toBeGreaterThan(0);
    expect(row[10]).toBeLessThan(255);
    expect(row.slice(10 + SEAM_PX).every((k) => k === 255)).toBe(true);
  });

  it("a grown frame stays within 2048 px a side: frame and source scaled down together past it", () => {
    expect(outpaintLayout({ width: 1024, height: 1024 }, { kind: "zoom-out", factor: 2 })).toEqual({
      frame: { width: 2048, height: 2048 },
      place: { left: 512, top: 512, width: 1024, height: 1024 },
    });
    expect(outpaintLayout({ width: 2048, height: 1024 }, { kind: "zoom-out", factor: 2 })).toEqual({
      frame: { width: 2048, height: 1024 },
      place: { left: 512, top: 256, width: 1024, height: 512 },
    });
    expect(outpaintLayout({ width: 1000, height: 600 }, { kind: "pan", direction: "right", amount: 0.5 })).toEqual({
      frame: { width: 1500, height: 600 },
      place: { left: 0, top: 0, width: 1000, height: 600 },
    });
  });

  it("arrays inside arrays are stored wrapped and read back as given", () => {
    const input = {
      region: {
        polygons: [
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
        ],
        rects: [{ x: 1 }],
      },
      tags: ["a"],
    };
    const stored = wrapNestedArrays(input);
    expect(JSON.stringify(stored)).not.toMatch(/\[\s*\[/);
    expect(unwrapNestedArrays(stored)).toEqual(input);
  });
});
