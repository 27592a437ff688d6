import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { build } from "esbuild";
import { rollup } from "rollup";
import { dts } from "rollup-plugin-dts";

/**
 * Builds the package into dist/: the JS with esbuild, and one self-contained index.d.ts in which
 * the API's router type is written out, so a project that installs the package alone has every
 * procedure's input and output. Run from the repository: `npm run build:client`.
 */
const here = path.dirname(new URL(import.meta.url).pathname);
const dist = path.join(here, "dist");
const pkg = JSON.parse(await readFile(path.join(here, "package.json"), "utf8")) as { dependencies: Record<string, string> };
const external = Object.keys(pkg.dependencies);

await rm(dist, { recursive: true, force: true });

await build({
  entryPoints: [path.join(here, "src/index.ts")],
  outfile: path.join(dist, "index.js"),
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node22",
  external,
  logLevel: "warning",
});

// tsc writes the declarations of the package and of every file its types reach (the router,
// the job views); the bundle below keeps only what the package's exports use.
const types = await mkdtemp(path.join(tmpdir(), "cg-client-types-"));
try {
  execFileSync(path.join(here, "../../node_modules/.bin/tsc"), ["-p", path.join(here, "tsconfig.json"), "--outDir", types], {
    stdio: "inherit",
  });
  const bundle = await rollup({
    input: path.join(types, "packages/client/src/index.d.ts"),
    external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    // The server's own libraries are named by files the bundle reads but drops; the check below
    // refuses any that would be left in it.
    onLog: (level, log, handler) => {
      if (log.code !== "UNRESOLVED_IMPORT") handler(level, log);
    },
    plugins: [serverContextUnseen(types), dts({ respectExternal: false })],
  });
  await bundle.write({ file: path.join(dist, "index.d.ts"), format: "es" });
  await bundle.close();
} finally {
  await rm(types, { recursive: true, force: true });
}

// Every import left in the declarations must be one the package declares, or a consumer's
// typecheck would fail on (or silently lose) a type it cannot resolve.
const declared = await readFile(path.join(dist, "index.d.ts"), "utf8");
const imported = [...declared.matchAll(/\bfrom\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2] ?? "");
const stray = imported.filter((id) => !external.some((dep) => id === dep || id.startsWith(`${dep}/`)));
if (stray.length > 0) {
  process.stderr.write(`dist/index.d.ts imports ${[...new Set(stray)].join(", ")}, which the package does not declare\n`);
  process.exit(1);
}

/**
 * The router's type carries the server's request context (databases, queue, storage), which no
 * caller ever sees: tRPC's client reads only the procedures and the error shape. Its declaration
 * is replaced by an empty one, so the server's libraries stay out of the package.
 */
function serverContextUnseen(typesDir: string) {
  const context = path.join(typesDir, "server/trpc/context.d.ts");
  return {
    name: "server-context-unseen",
    load(id: string) {
      if (path.resolve(id) !== context) return null;
      return "/** The server's request context; never part of a call. */\nexport interface Context {}\nexport interface AuthedContext extends Context {}\n";
    },
  };
}
