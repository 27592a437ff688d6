import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type ImportEdge, cycles, importsOf, root, sourcesIn, within } from "../helpers/import-graph.js";

/** The folders whose files ship: everything but test/ and bench/. */
const PRODUCTION = ["apps", "bots", "cli", "infra", "jobs", "queue", "server", "shared", "web", "packages"];
const production = PRODUCTION.flatMap(sourcesIn);
const edges = [...production, ...sourcesIn("bench")].flatMap((f) => importsOf(f));
const productionEdges = edges.filter((e) => !within(e.from, "bench"));

const isTrpcOrHono = (to: string) => to.startsWith("@trpc/") || to === "hono" || to.startsWith("hono/") || to.startsWith("@hono/");
const onlyAppRouterType = (e: ImportEdge) => e.typeOnly && e.names.replace(/[{}\s]/g, "") === "AppRouter";
const isProject = (to: string) => [...PRODUCTION, "test", "bench"].some((d) => within(to, d));

/**
 * The dependency rule of docs/architecture.md, one entry a clause: given an import, does it
 * break the clause? Each is checked on the tree and on the breaks it exists to catch (below).
 */
const rules: Array<{ name: string; breaks(e: ImportEdge): boolean }> = [
  {
    name: "server/ never imports bots/ or apps/",
    breaks: (e) => within(e.from, "server") && (within(e.to, "bots") || within(e.to, "apps")),
  },
  {
    name: "bots/ import nothing of server/ but the AppRouter type",
    breaks: (e) => within(e.from, "bots") && within(e.to, "server") && !onlyAppRouterType(e),
  },
  {
    name: "jobs/ knows neither tRPC nor Hono nor the processes that use it",
    breaks: (e) =>
      within(e.from, "jobs") && (isTrpcOrHono(e.to) || ["server", "bots", "apps", "cli", "infra"].some((d) => within(e.to, d))),
  },
  {
    name: "jobs/ reaches the queue only through its facade, queue/job-queue.ts",
    breaks: (e) => within(e.from, "jobs") && within(e.to, "queue") && e.to !== "queue/job-queue",
  },
  {
    name: "queue/ imports nothing of jobs/, server/, bots/, apps/ or cli/",
    breaks: (e) => within(e.from, "queue") && ["jobs", "server", "bots", "apps", "cli"].some((d) => within(e.to, d)),
  },
  {
    name: "inside queue/, chat, providers and limits never import the workers or their wiring",
    breaks: (e) =>
      ["queue/chat", "queue/providers", "queue/limits"].some((d) => within(e.from, d)) &&
      (within(e.to, "queue/workers") || e.to === "queue/worker-deps" || e.to === "queue/start-workers"),
  },
  {
    name: "shared/ imports only libraries and itself",
    breaks: (e) => within(e.from, "shared") && isProject(e.to) && !within(e.to, "shared"),
  },
  {
    name: "shared/config.ts, the one reader of the environment, imports no project file",
    breaks: (e) => e.from === "shared/config" && isProject(e.to),
  },
  {
    name: "cli/ imports shared/, the AppRouter type and infra/ports.ts only",
    breaks: (e) =>
      within(e.from, "cli") &&
      isProject(e.to) &&
      !within(e.to, "shared") &&
      !within(e.to, "cli") &&
      e.to !== "infra/ports" &&
      !(within(e.to, "server") && onlyAppRouterType(e)),
  },
  {
    // Its JS bundles what it imports and its .d.ts is published: server code must stay out of both.
    name: "packages/client imports of the project only the AppRouter type, shared/ types and shared/media-types.ts",
    breaks: (e) =>
      within(e.from, "packages/client") &&
      isProject(e.to) &&
      !within(e.to, "packages/client") &&
      !(e.to === "server/trpc/router" && onlyAppRouterType(e)) &&
      !(within(e.to, "shared") && (e.typeOnly || e.to === "shared/media-types")),
  },
  {
    name: "infra/ imports only shared/ and itself",
    breaks: (e) => within(e.from, "infra") && isProject(e.to) && !within(e.to, "shared") && !within(e.to, "infra"),
  },
  {
    name: "nothing in production or bench/ imports test/",
    breaks: (e) => !within(e.from, "test") && within(e.to, "test"),
  },
];

const edge = (from: string, to: string, typeOnly = false, names = "{ x }"): ImportEdge => ({ from, to, typeOnly, names });

/** The breaks an outside review found in the tree, each of which a rule must catch if it came back. */
const knownBreaks: Array<{ what: string; edge: ImportEdge }> = [
  { what: "create notified chat past the facade", edge: edge("jobs/cancel", "queue/chat/notice") },
  { what: "delete notified chat past the facade", edge: edge("jobs/delete", "queue/chat/notice") },
  { what: "the CLI ran the store migration of infra/", edge: edge("cli/store", "infra/store-migrate") },
  { what: "the upload bench borrowed a test helper", edge: edge("bench/upload", "test/helpers/media") },
  { what: "queue positions reached up to the workers' deps", edge: edge("queue/chat/queue-positions", "queue/worker-deps", true) },
  { what: "config imported the job schema", edge: edge("shared/config", "shared/db/mongo/job-schema", true) },
  { what: "config imported the image endpoints", edge: edge("shared/config", "shared/jobs/image-endpoints") },
  { what: "a gallery page (.tsx) importing a bot", edge: edge("server/web/routes", "bots/slack/app") },
  {
    what: "the client package bundling the server's caller",
    edge: edge("packages/client/src/client", "server/trpc/router", false, "{ createCaller }"),
  },
  { what: "the client package reading the server's config", edge: edge("packages/client/src/transfer", "shared/config") },
  { what: "the client package typed by a handler", edge: edge("packages/client/src/router", "server/trpc/routers/jobs/get.handler", true) },
];

describe("the dependency rule (docs/architecture.md)", () => {
  it("reads every production file, .tsx included", () => {
    expect(production.filter((f) => f.endsWith(".tsx")).length).toBeGreaterThan(0);
    expect(productionEdges.length).toBeGreaterThan(500);
  });

  it.each(rules.map((r) => [r.name, r] as const))("%s", (_name, rule) => {
    expect(edges.filter((e) => rule.breaks(e)).map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  it.each(knownBreaks.map((b) => [b.what, b.edge] as const))("catches it if it comes back: %s", (_what, e) => {
    expect(rules.filter((r) => r.breaks(e)).length).toBeGreaterThan(0);
  });

  it("has no import cycles among production files", () => {
    expect(cycles(productionEdges)).toEqual([]);
  });

  it("catches the cycles it once had: two failure classifiers, and the app's env through the request limiter", () => {
    expect(
      cycles([
        edge("queue/providers/failures", "queue/providers/assemblyai-failures"),
        edge("queue/providers/assemblyai-failures", "queue/providers/failures"),
      ]),
    ).toEqual([["queue/providers/assemblyai-failures", "queue/providers/failures"]]);
    expect(
      cycles([
        edge("server/app-env", "server/auth/authenticate", true),
        edge("server/auth/authenticate", "server/auth/limit-requests", true),
        edge("server/auth/limit-requests", "server/app-env", true),
      ]),
    ).toHaveLength(1);
  });

  it("reads imports written across lines, re-exports and dynamic imports", () => {
    const text = 'import {\n  a,\n  b,\n} from "../queue/x.js";\nexport { c } from "./y.js";\nconst z = await import("../server/z.js");\n';
    expect(importsOf("jobs/file.ts", text).map((e) => e.to)).toEqual(["queue/x", "jobs/y", "server/z"]);
  });
});

describe("the shape of the tree", () => {
  it("no production file is over 400 lines", () => {
    const long = production
      .map((f) => ({ f, lines: readFileSync(path.join(root, f), "utf8").split("\n").length - 1 }))
      .filter((x) => x.lines > 400)
      .map((x) => `${x.f}: ${x.lines}`);
    expect(long).toEqual([]);
  });

  it("queue/, bots/, server/ and jobs/ start no process", () => {
    const bad = ["queue", "bots", "server", "jobs"]
      .flatMap(sourcesIn)
      .filter((f) => /\bmain\(\)\.catch\(exitWithError\)/.test(readFileSync(path.join(root, f), "utf8")));
    expect(bad).toEqual([]);
  });

  it("describes a job input field once: only shared/jobs/input.ts defines the job schemas' fields", () => {
    const field =
      /^\s*(prompt|triggerWord|audioUrl|uploadKey|imagesZipKey|videoKey|imageSize|speakerLabels|languageCode|languageDetection|outputFormat|guidance):\s*z\./m;
    const defining = ["shared", "server", "queue", "bots", "cli", "jobs"]
      .flatMap(sourcesIn)
      .filter((f) => field.test(readFileSync(path.join(root, f), "utf8")));
    expect(defining).toEqual(["shared/jobs/input.ts"]);
  });
});
