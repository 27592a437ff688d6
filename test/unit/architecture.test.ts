import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

function sources(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Every `from "…"` of a file, resolved to a path from the project root (packages as they are). */
function importsOf(file: string): Array<{ target: string; typeOnly: boolean; names: string }> {
  const text = readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(/^import\s+(type\s+)?([\s\S]*?)\s+from\s+"([^"]+)";/gm)].map((m) => {
    const spec = m[3] ?? "";
    const target = spec.startsWith(".") ? path.relative(root, path.resolve(path.dirname(path.join(root, file)), spec)) : spec;
    return { target, typeOnly: Boolean(m[1]), names: m[2] ?? "" };
  });
}

const within = (target: string, folder: string) => target === folder || target.startsWith(`${folder}/`);

describe("the dependency rule (docs/architecture.md)", () => {
  it("server/ never imports bots/ or apps/", () => {
    const bad = sources("server").flatMap((f) =>
      importsOf(f)
        .filter((i) => within(i.target, "bots") || within(i.target, "apps"))
        .map((i) => `${f} → ${i.target}`),
    );
    expect(bad).toEqual([]);
  });

  it("bots/ import nothing of server/ but the AppRouter type", () => {
    const bad = sources("bots").flatMap((f) =>
      importsOf(f)
        .filter((i) => within(i.target, "server") && !(i.typeOnly && i.names.replace(/[{}\s]/g, "") === "AppRouter"))
        .map((i) => `${f} → ${i.target}`),
    );
    expect(bad).toEqual([]);
  });

  it("the jobs domain knows neither tRPC nor Hono nor the processes that use it", () => {
    const bad = sources("jobs").flatMap((f) =>
      importsOf(f)
        .filter(
          (i) =>
            i.target.startsWith("@trpc/") ||
            i.target === "hono" ||
            i.target.startsWith("hono/") ||
            ["server", "bots", "apps", "cli"].some((d) => within(i.target, d)),
        )
        .map((i) => `${f} → ${i.target}`),
    );
    expect(bad).toEqual([]);
  });

  it("shared/ imports only libraries and itself", () => {
    const bad = sources("shared").flatMap((f) =>
      importsOf(f)
        .filter((i) => ["server", "bots", "apps", "queue", "jobs", "cli", "infra"].some((d) => within(i.target, d)))
        .map((i) => `${f} → ${i.target}`),
    );
    expect(bad).toEqual([]);
  });

  it("queue/ and bots/ import no process entry point, and only apps/ start processes", () => {
    const bad = [...sources("queue"), ...sources("bots"), ...sources("server"), ...sources("jobs")].filter((f) =>
      /\bmain\(\)\.catch\(exitWithError\)/.test(readFileSync(path.join(root, f), "utf8")),
    );
    expect(bad).toEqual([]);
  });

  it("describes a job input field once: only shared/jobs/input.ts defines the job schemas' fields", () => {
    const field =
      /^\s*(prompt|triggerWord|audioUrl|uploadKey|imagesZipKey|videoKey|imageSize|speakerLabels|languageCode|languageDetection|outputFormat|guidance):\s*z\./m;
    const defining = [
      ...sources("shared"),
      ...sources("server"),
      ...sources("queue"),
      ...sources("bots"),
      ...sources("cli"),
      ...sources("jobs"),
    ].filter((f) => field.test(readFileSync(path.join(root, f), "utf8")));
    expect(defining).toEqual(["shared/jobs/input.ts"]);
  });
});
