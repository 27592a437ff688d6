import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

/** One import of a source file: the importing file and its target, both from the project root without extension. */
export interface ImportEdge {
  from: string;
  /** A project file (`queue/job-queue`) or a package as written (`hono/factory`). */
  to: string;
  typeOnly: boolean;
  /** What is imported, as written between `import` and `from`. */
  names: string;
}

export const root = path.resolve(import.meta.dirname, "..", "..");

const SOURCE = /\.(ts|tsx)$/;
const withoutExtension = (file: string) => file.replace(/\.(ts|tsx|js|jsx|mjs)$/, "");

/** The .ts and .tsx files below a folder of the project, relative to the root. */
export function sourcesIn(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name) && !e.name.endsWith(".d.ts"))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

// `import … from "x"`, `export … from "x"`, `import "x"` and `import("x")`, across lines.
const STATIC = /^(?:import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+"([^"]+)";/gm;
const BARE = /^import\s+"([^"]+)";/gm;
const DYNAMIC = /\bimport\(\s*"([^"]+)"\s*\)/g;

/** Every import of a file, its relative targets resolved from the project root. */
export function importsOf(file: string, text = readFileSync(path.join(root, file), "utf8")): ImportEdge[] {
  const from = withoutExtension(file);
  const target = (spec: string) =>
    spec.startsWith(".") ? withoutExtension(path.relative(root, path.resolve(path.dirname(path.join(root, file)), spec))) : spec;
  return [
    ...[...text.matchAll(STATIC)].map((m) => ({ from, to: target(m[3] ?? ""), typeOnly: Boolean(m[1]), names: m[2] ?? "" })),
    ...[...text.matchAll(BARE)].map((m) => ({ from, to: target(m[1] ?? ""), typeOnly: false, names: "" })),
    ...[...text.matchAll(DYNAMIC)].map((m) => ({ from, to: target(m[1] ?? ""), typeOnly: false, names: "" })),
  ];
}

export const within = (file: string, folder: string) => file === folder || file.startsWith(`${folder}/`);

/**
 * The import cycles among project files (type-only imports included: they still tie the files'
 * meaning together), each as its files in order; Tarjan's strongly connected components.
 */
export function cycles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return found;
}
