import { describe, expect, it } from "vitest";
import { rasterizeShapes } from "../../shared/media/region-mask.js";
import { type Point, brushPolygons, lassoPolygon, regionOf } from "../../web/client/region-polygons.js";

/** Every pixel whose centre lies within `reach` of the stroke. */
function near(strokes: Array<{ radius: number; points: Point[] }>, width: number, height: number, extra = 0): Uint8Array {
  const out = new Uint8Array(width * height);
  for (const s of strokes)
    for (let k = 0; k < Math.max(1, s.points.length - 1); k++) {
      const [ax, ay] = s.points[k] as Point;
      const [bx, by] = (s.points[k + 1] ?? s.points[k]) as Point;
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++) {
          const [px, py] = [x + 0.5, y + 0.5];
          const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
          const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2));
          if (Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay))) <= s.radius + extra) out[y * width + x] = 1;
        }
    }
  return out;
}

describe("the Vary Region editor's polygons", () => {
  const size = { width: 300, height: 200 };

  it("brush strokes, crossing themselves and each other, are covered exactly by cells: every painted pixel, nothing farther than a cell", () => {
    const strokes = [
      {
        radius: 10,
        points: [
          [20, 20],
          [250, 150],
          [250, 30],
          [30, 160],
        ] as Point[],
      },
      { radius: 6, points: [[150, 100]] as Point[] },
      // A ring: its middle stays unpainted, a hole the even-odd fill must keep.
      { radius: 5, points: Array.from({ length: 41 }, (_, i) => [220 + 30 * Math.cos(i / 6.4), 60 + 30 * Math.sin(i / 6.4)] as Point) },
    ];
    const polygons = brushPolygons(strokes, size, { maxPoints: 200, budget: 20 });
    expect(polygons).toBeDefined();
    expect(polygons?.length).toBeLessThanOrEqual(20);
    for (const p of polygons ?? []) {
      expect(p.length).toBeLessThanOrEqual(200);
      for (const [x, y] of p) expect(x >= 0 && x <= size.width && y >= 0 && y <= size.height).toBe(true);
    }
    const mask = rasterizeShapes({ polygons }, size.width, size.height);
    const painted = near(strokes, size.width, size.height);
    // Cells of at most 8 px on a picture this size: nothing repainted farther than a cell's diagonal from the paint.
    const cellReach = near(strokes, size.width, size.height, 8 * Math.SQRT2 + 1);
    let missed = 0;
    let far = 0;
    for (let i = 0; i < mask.length; i++) {
      if (painted[i] && !mask[i]) missed++;
      if (mask[i] && !cellReach[i]) far++;
    }
    expect([missed, far]).toEqual([0, 0]);
    // The ring's middle is not repainted.
    expect(mask[60 * size.width + 220]).toBe(0);
  });

  it("a long scribble too detailed for one polygon goes out in bands, or on a coarser grid, within the limits", () => {
    const points = Array.from({ length: 12 }, (_, i) => [5 + (i % 2 ? 290 : 0), 5 + i * 16] as Point);
    const strokes = [{ radius: 3, points }];
    const polygons = brushPolygons(strokes, size, { maxPoints: 40, budget: 20 });
    expect(polygons?.length).toBeGreaterThan(1);
    expect(polygons?.length).toBeLessThanOrEqual(20);
    expect(polygons?.every((p) => p.length <= 40)).toBe(true);
    const mask = rasterizeShapes({ polygons }, size.width, size.height);
    const painted = near(strokes, size.width, size.height);
    expect(painted.every((p, i) => !p || mask[i] === 1)).toBe(true);
  });

  it("a lasso is one polygon of whole pixels inside the picture, simplified to the point limit", () => {
    const circle = Array.from({ length: 1000 }, (_, i) => [150 + 120 * Math.cos(i / 159), 100 + 120 * Math.sin(i / 159)] as Point);
    const polygon = lassoPolygon(circle, size, 50);
    expect(polygon?.length).toBeLessThanOrEqual(50);
    expect(polygon?.every(([x, y]) => Number.isInteger(x) && Number.isInteger(y) && x <= 300 && y <= 200 && x >= 0 && y >= 0)).toBe(true);
    expect(
      lassoPolygon(
        [
          [1, 1],
          [1, 1],
          [2, 2],
        ],
        size,
        50,
      ),
    ).toBeUndefined();
  });

  it("nothing marked, or more lassos than a region takes, is said before anything is sent", () => {
    expect(regionOf([], size, { maxShapes: 20, maxPoints: 200 })).toEqual({ refusal: expect.stringContaining("Mark") });
    const tri = {
      kind: "lasso" as const,
      points: [
        [0, 0],
        [10, 0],
        [0, 10],
      ] as Point[],
    };
    expect(regionOf([tri, tri, tri], size, { maxShapes: 2, maxPoints: 200 })).toEqual({ refusal: expect.stringContaining("At most 2") });
    expect(regionOf([tri], size, { maxShapes: 2, maxPoints: 200 })).toEqual({
      polygons: [
        [
          [0, 0],
          [10, 0],
          [0, 10],
        ],
      ],
    });
  });
});
