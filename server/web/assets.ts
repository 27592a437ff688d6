import { readFile } from "node:fs/promises";
import path from "node:path";

/** Where the gallery's script and style are served. */
export const STATIC_PATH = "/app/static";

/**
 * web/client beside the server's folder: the sources when run from the repository (tsx), the
 * bundle `npm run build` wrote when run from dist/ (the production image, which has no esbuild).
 */
export const clientDir = path.resolve(import.meta.dirname, "..", "..", "web", "client");

export interface WebAssets {
  "app.js": string;
  "app.css": string;
}

/** The stylesheets served together as app.css, in this order. */
const STYLESHEETS = [
  "app.css",
  "editors.css",
  "organize.css",
  "lineage.css",
  "lightbox.css",
  "create.css",
  "video.css",
  "phone.css",
  "keyboard.css",
];

/** Bundles web/client/app.ts for the browser (about a tenth of a second). */
export async function bundleWebAssets(sourceDir = clientDir): Promise<WebAssets> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [path.join(sourceDir, "app.ts")],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  const js = result.outputFiles[0]?.text;
  if (!js) throw new Error("the gallery's script did not build");
  const css = await Promise.all(STYLESHEETS.map((name) => readFile(path.join(sourceDir, name), "utf8")));
  return { "app.js": js, "app.css": css.join("\n") };
}

async function builtAssets(): Promise<WebAssets | undefined> {
  try {
    const [js, css] = await Promise.all([
      readFile(path.join(clientDir, "app.js"), "utf8"),
      readFile(path.join(clientDir, "app.css"), "utf8"),
    ]);
    return { "app.js": js, "app.css": css };
  } catch {
    return undefined;
  }
}

let loaded: Promise<WebAssets> | undefined;

/** The built bundle when there is one, else one made in memory on first use: `npm start` needs no build step. */
export function webAssets(): Promise<WebAssets> {
  loaded ??= (async () => (await builtAssets()) ?? bundleWebAssets())();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}
