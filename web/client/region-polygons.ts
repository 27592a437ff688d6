/**
 * What the Vary Region editor sends: its marks as `region.polygons` in the picture's pixels.
 * A lasso is its own polygon. Brush strokes are covered by grid cells (every cell a stroke
 * touches), and the cells' boundary goes out as polygons: the API fills each polygon even-odd,
 * so all the boundary rings of a band of rows, joined into one polygon by paths walked there and
 * back, fill exactly those cells. What is sent covers every painted pixel, and at most
 * a cell more around it. No page script runs here: this module is plain geometry, tested in Node.
 */

export type Point = [number, number];
export interface Size {
  width: number;
  height: number;
}
export type Mark = { kind: "brush"; radius: number; points: Point[] } | { kind: "lasso"; points: Point[] };
export interface RegionLimits {
  /** Polygons in one region (limits.regionShapes). */
  maxShapes: number;
  /** Corners of one polygon (limits.polygonPoints). */
  maxPoints: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0, 1);
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Douglas-Peucker: the corners that keep the path within `tolerance` pixels of where it was. */
function simplify(points: Point[], tolerance: number): Point[] {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop() as [number, number];
    let worst = -1;
    let at = -1;
    for (let i = from + 1; i < to; i++) {
      const d = distanceToSegment(points[i] as Point, points[from] as Point, points[to] as Point);
      if (d > worst) [worst, at] = [d, i];
    }
    if (at >= 0 && worst > tolerance) {
      keep[at] = 1;
      stack.push([from, at], [at, to]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** A lasso's path as a polygon of whole pixels inside the picture, with at most maxPoints corners; undefined when it encloses nothing. */
export function lassoPolygon(points: Point[], size: Size, maxPoints: number): Point[] | undefined {
  const rounded: Point[] = [];
  for (const [x, y] of points) {
    const p: Point = [Math.round(clamp(x, 0, size.width)), Math.round(clamp(y, 0, size.height))];
    const last = rounded.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) rounded.push(p);
  }
  let tolerance = 0.5;
  let polygon = simplify(rounded, tolerance);
  while (polygon.length > maxPoints) {
    tolerance *= 1.5;
    polygon = simplify(rounded, tolerance);
  }
  return polygon.length >= 3 ? polygon : undefined;
}

interface Grid {
  cell: number;
  cols: number;
  rows: number;
  filled: Uint8Array;
}

/** Every cell of `cell` pixels that some point of a stroke's disc touches (its centre within the radius plus half the cell's diagonal). */
function brushGrid(strokes: Array<{ radius: number; points: Point[] }>, size: Size, cell: number): Grid {
  const cols = Math.ceil(size.width / cell);
  const rows = Math.ceil(size.height / cell);
  const filled = new Uint8Array(cols * rows);
  for (const stroke of strokes) {
    const reach = stroke.radius + cell * Math.SQRT1_2;
    for (let k = 0; k < stroke.points.length; k++) {
      const a = stroke.points[k] as Point;
      const b = (stroke.points[k + 1] ?? a) as Point;
      if (k > 0 && k === stroke.points.length - 1) break;
      const c0 = clamp(Math.floor((Math.min(a[0], b[0]) - reach) / cell), 0, cols - 1);
      const c1 = clamp(Math.floor((Math.max(a[0], b[0]) + reach) / cell), 0, cols - 1);
      const r0 = clamp(Math.floor((Math.min(a[1], b[1]) - reach) / cell), 0, rows - 1);
      const r1 = clamp(Math.floor((Math.max(a[1], b[1]) + reach) / cell), 0, rows - 1);
      for (let r = r0; r <= r1; r++)
        for (let c = c0; c <= c1; c++) {
          if (filled[r * cols + c]) continue;
          if (distanceToSegment([(c + 0.5) * cell, (r + 0.5) * cell], a, b) <= reach) filled[r * cols + c] = 1;
        }
    }
  }
  return { cell, cols, rows, filled };
}

/** The boundary of the filled cells in rows [r0, r1) as closed rings of grid corners, straight runs merged. */
function boundaryRings(grid: Grid, r0: number, r1: number): Point[][] {
  const { cols, filled } = grid;
  const on = (c: number, r: number) => c >= 0 && c < cols && r >= r0 && r < r1 && filled[r * cols + c] === 1;
  const key = (x: number, y: number) => y * (cols + 1) + x;
  const outgoing = new Map<number, Point[]>();
  const add = (from: Point, to: Point) => {
    const list = outgoing.get(key(...from)) ?? [];
    list.push(to);
    outgoing.set(key(...from), list);
  };
  for (let r = r0; r < r1; r++)
    for (let c = 0; c < cols; c++) {
      if (!on(c, r)) continue;
      if (!on(c, r - 1)) add([c, r], [c + 1, r]);
      if (!on(c + 1, r)) add([c + 1, r], [c + 1, r + 1]);
      if (!on(c, r + 1)) add([c + 1, r + 1], [c, r + 1]);
      if (!on(c - 1, r)) add([c, r + 1], [c, r]);
    }
  const rings: Point[][] = [];
  for (const [startKey, ends] of outgoing) {
    while (ends.length > 0) {
      const start: Point = [startKey % (cols + 1), Math.floor(startKey / (cols + 1))];
      const ring: Point[] = [start];
      let at = ends.pop() as Point;
      // Every corner has as many edges in as out, so a walk from a corner ends where it began.
      while (at[0] !== start[0] || at[1] !== start[1]) {
        ring.push(at);
        at = outgoing.get(key(...at))?.pop() as Point;
      }
      rings.push(ring.filter((p, i) => !straight(ring.at(i - 1) as Point, p, ring[(i + 1) % ring.length] as Point)));
    }
  }
  return rings;
}

const straight = (a: Point, b: Point, c: Point) => (a[0] === b[0] && b[0] === c[0]) || (a[1] === b[1] && b[1] === c[1]);

/**
 * Rings as one polygon: each after the first reached from the first ring's corner and left back
 * to it along the same path, across then down. The API's fill skips level edges and finds a
 * vertical one at its exact x, so the path's two ways cross every row at the same place and cancel.
 */
function joined(rings: Point[][]): Point[] {
  const [ax, ay] = rings[0]?.[0] ?? [0, 0];
  const out: Point[] = [...(rings[0] ?? [])];
  for (const ring of rings.slice(1)) {
    const [bx] = ring[0] as Point;
    out.push([ax, ay], [bx, ay], ...ring, ring[0] as Point, [bx, ay]);
  }
  if (rings.length > 1) out.push([ax, ay]);
  return out;
}

/** The filled cells of rows [r0, r1) as polygons of at most maxPoints corners, halving the band until each fits. */
function bandPolygons(grid: Grid, r0: number, r1: number, maxPoints: number): Point[][] | undefined {
  const rings = boundaryRings(grid, r0, r1);
  if (rings.length === 0) return [];
  const polygon = joined(rings);
  if (polygon.length <= maxPoints) return [polygon];
  if (r1 - r0 === 1) return undefined;
  const mid = Math.floor((r0 + r1) / 2);
  const top = bandPolygons(grid, r0, mid, maxPoints);
  const bottom = top && bandPolygons(grid, mid, r1, maxPoints);
  return top && bottom ? [...top, ...bottom] : undefined;
}

/** Brush strokes as at most `budget` polygons in the picture's pixels, on the finest grid that fits. */
export function brushPolygons(
  strokes: Array<{ radius: number; points: Point[] }>,
  size: Size,
  limits: { maxPoints: number; budget: number },
): Point[][] | undefined {
  if (strokes.length === 0) return [];
  if (limits.budget < 1) return undefined;
  const longest = Math.max(size.width, size.height);
  for (let cell = Math.max(2, Math.ceil(longest / 256)); ; cell *= 2) {
    const grid = brushGrid(strokes, size, cell);
    const polygons = bandPolygons(grid, 0, grid.rows, limits.maxPoints);
    if (polygons && polygons.length <= limits.budget)
      return polygons.map((p) => p.map(([x, y]) => [Math.min(size.width, x * cell), Math.min(size.height, y * cell)] as Point));
    if (cell >= longest) return undefined;
  }
}

/** Why marks cannot be sent, in the page's language (`{n}`: the most lasso shapes). */
export interface RegionRefusals {
  tooManyLassos: string;
  tooManyMarks: string;
  markFirst: string;
}

const englishRefusals: RegionRefusals = {
  tooManyLassos: "At most {n} lasso shapes: undo some.",
  tooManyMarks: "Too many separate marks to send: undo some.",
  markFirst: "Mark the part to repaint first, with the brush or the lasso.",
};

/** The editor's marks as the job's `region`, or why they cannot be sent. */
export function regionOf(
  marks: Mark[],
  size: Size,
  limits: RegionLimits,
  words: RegionRefusals = englishRefusals,
): { polygons: Point[][] } | { refusal: string } {
  const lassos: Point[][] = [];
  for (const mark of marks) {
    if (mark.kind !== "lasso") continue;
    const polygon = lassoPolygon(mark.points, size, limits.maxPoints);
    if (polygon) lassos.push(polygon);
  }
  if (lassos.length > limits.maxShapes) return { refusal: words.tooManyLassos.replace("{n}", String(limits.maxShapes)) };
  const strokes = marks.flatMap((m) => (m.kind === "brush" ? [m] : []));
  const painted = brushPolygons(strokes, size, { maxPoints: limits.maxPoints, budget: limits.maxShapes - lassos.length });
  if (!painted) return { refusal: words.tooManyMarks };
  const polygons = [...lassos, ...painted];
  return polygons.length > 0 ? { polygons } : { refusal: words.markFirst };
}
