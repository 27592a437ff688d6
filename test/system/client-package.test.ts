import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPicture } from "../../infra/fakes/picture.js";
import { s3Bytes } from "../helpers/chat.js";
import { repoRoot } from "../helpers/processes.js";
import { useWorkingApi } from "../helpers/working-api.js";

const run = promisify(execFile);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A call as another project writes it: upload, create, wait with progress, download. */
const CALL = `import { createClient, type Job, TRPCClientError } from "@content-generation/client";

const client = createClient({ url: process.env.API_URL ?? "", apiKey: process.env.API_KEY ?? "" });
const seen: string[] = [];
const { uploadKey } = await client.uploadFile("input.png");
const created = await client.jobs.create.mutate({ type: "image-generation", prompt: "a lighthouse at dusk", imageSize: "square", count: 1, seed: 7 });
const job: Job = await client.waitForJob(created.jobId, { pollMs: 200, onProgress: (j) => seen.push(j.status) });
const files: string[] = await client.downloadJobFiles(job, "out");
const stranger = createClient({ url: process.env.API_URL ?? "", apiKey: "cgk_not-a-key" });
const refused = await stranger.jobs.get.query({ jobId: job.jobId }).then(
  () => "answered",
  (err: unknown) => (err instanceof TRPCClientError ? err.data?.code : String(err)),
);
process.stdout.write(JSON.stringify({ uploadKey, jobId: job.jobId, status: job.status, files, seen, refused }));
`;

/** The same call with a misspelt field, which the package's types must refuse. */
const WRONG = `import { createClient } from "@content-generation/client";

const client = createClient({ url: "http://127.0.0.1:1", apiKey: "key" });
export const created = client.jobs.create.mutate({ type: "image-generation", prompt: "a lighthouse", imageSzie: "square" });
`;

/** The compiler options docs/api.md recommends to a consumer: its client section's one tsconfig.json block. */
async function recommendedOptions(): Promise<Record<string, unknown>> {
  const doc = await readFile(path.join(repoRoot, "docs/api.md"), "utf8");
  const section = doc.slice(doc.indexOf("## The TypeScript client package"));
  const block = /```json\n([\s\S]*?)\n```/.exec(section.slice(0, section.indexOf("\n## ")))?.[1];
  if (!block) throw new Error("docs/api.md's client section has no tsconfig.json block");
  return (JSON.parse(block) as { compilerOptions: Record<string, unknown> }).compilerOptions;
}

const tsconfig = (options: Record<string, unknown>, files: string[]) =>
  // The package's declarations and its dependencies' are checked too: skipLibCheck off.
  JSON.stringify({ compilerOptions: { ...options, noEmit: true, skipLibCheck: false }, files });

describe("@content-generation/client, packed and installed into a project outside the repository", () => {
  const w = useWorkingApi({ processingMs: 600 });
  let project: string;

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), "cg-client-consumer-"));
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  /**
   * npm pack's tarball, unpacked where `npm install` puts it. Its declared dependencies (and the
   * project's TypeScript and Node types) are linked from the repository's node_modules: an
   * install from the registry would need the network, and these are the versions the lock holds.
   */
  async function install(): Promise<{ files: string[]; dependencies: string[]; engines: { node: string } }> {
    await run(process.execPath, ["--import", "tsx", "packages/client/build.ts"], { cwd: repoRoot });
    const packed = await run("npm", ["pack", "--json", "--pack-destination", project], { cwd: path.join(repoRoot, "packages/client") });
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: Array<{ path: string }> }];
    const target = path.join(project, "node_modules/@content-generation/client");
    await mkdir(target, { recursive: true });
    await run("tar", ["-xzf", path.join(project, filename), "-C", target, "--strip-components=1"]);
    const manifest = JSON.parse(await readFile(path.join(target, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      engines: { node: string };
    };
    const dependencies = Object.keys(manifest.dependencies);
    for (const dep of [...dependencies, "typescript", "@types/node"]) {
      const link = path.join(project, "node_modules", dep);
      await mkdir(path.dirname(link), { recursive: true });
      await symlink(await realpath(path.join(repoRoot, "node_modules", dep)), link, "dir");
    }
    await writeFile(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    await writeFile(path.join(project, "call.ts"), CALL);
    await writeFile(path.join(project, "wrong.ts"), WRONG);
    const options = await recommendedOptions();
    await writeFile(path.join(project, "tsconfig.json"), tsconfig(options, ["call.ts"]));
    await writeFile(path.join(project, "tsconfig.wrong.json"), tsconfig(options, ["wrong.ts"]));
    // Each half of the recommendation is needed: without Node's types, or without DOM in lib.
    await writeFile(path.join(project, "tsconfig.no-node.json"), tsconfig({ ...options, types: [] }, ["call.ts"]));
    const lib = (options.lib as string[]).filter((l) => l.toLowerCase() !== "dom");
    await writeFile(path.join(project, "tsconfig.no-dom.json"), tsconfig({ ...options, lib }, ["call.ts"]));
    await writeFile(path.join(project, "input.png"), renderPicture("an upload", 1, 64, 64));
    return { files: files.map((f) => f.path).sort(), dependencies, engines: manifest.engines };
  }

  const tsc = (config: string) =>
    run(process.execPath, [path.join(project, "node_modules/typescript/bin/tsc"), "-p", config], { cwd: project }).then(
      () => ({ code: 0, output: "" }),
      (err: { code: number; stdout: string }) => ({ code: err.code, output: err.stdout }),
    );

  it("tsc accepts a correct call and names the wrong field of another; the installed package runs an image job to its PNG", async () => {
    expect(project.startsWith(repoRoot)).toBe(false);
    const { files, dependencies, engines } = await install();
    // Only the build ships: no source of this repository goes with the package.
    expect(files).toEqual(["README.md", "dist/index.d.ts", "dist/index.js", "package.json"]);
    expect(dependencies.sort()).toEqual(["@trpc/client", "@trpc/server", "eventsource", "undici"]);
    // undici 8's floor, as the repository's own engines say.
    const root = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")) as { engines: { node: string } };
    const undici = JSON.parse(await readFile(path.join(repoRoot, "node_modules/undici/package.json"), "utf8")) as {
      engines: { node: string };
    };
    expect(engines.node).toBe(">=22.19.0");
    expect([root.engines.node, undici.engines.node]).toEqual([engines.node, engines.node]);

    const accepted = await tsc("tsconfig.json");
    expect(accepted, accepted.output).toEqual({ code: 0, output: "" });
    const refused = await tsc("tsconfig.wrong.json");
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/wrong\.ts\(4,\d+\): error TS\d+: .*'imageSzie' does not exist in type/);
    expect(refused.output).toContain("Did you mean to write 'imageSize'?");
    const noNode = await tsc("tsconfig.no-node.json");
    expect(noNode.output).toMatch(/Cannot find name 'AsyncDisposable'/);
    const noDom = await tsc("tsconfig.no-dom.json");
    expect(noDom.output).toMatch(/Cannot find name 'RequestInfo'/);

    // Node runs the TypeScript file as it is (type stripping), in the project, with its node_modules.
    const call = await run(process.execPath, ["call.ts"], {
      cwd: project,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, API_URL: w.api.url, API_KEY: w.alice.key },
    });
    const result = JSON.parse(call.stdout) as {
      uploadKey: string;
      jobId: string;
      status: string;
      files: string[];
      seen: string[];
      refused: string;
    };
    expect(result.status).toBe("completed");
    // The API's refusals arrive as the package's TRPCClientError, with the API's code.
    expect(result.refused).toBe("UNAUTHORIZED");
    expect(result.seen.length).toBeGreaterThan(0);
    expect(result.files).toEqual(["out/image_1.png"]);
    const png = await readFile(path.join(project, "out/image_1.png"));
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const stored = await w.api.deps.jobs.get(result.jobId);
    const key = stored?.versions[0] && "images" in stored.versions[0] ? stored.versions[0].images[0]?.s3Key : undefined;
    expect(key).toBeDefined();
    expect(png).toEqual(await s3Bytes(w, key ?? ""));
    expect(await s3Bytes(w, result.uploadKey)).toEqual(await readFile(path.join(project, "input.png")));
    expect((await readdir(path.join(project, "out"))).sort()).toEqual(["image_1.png"]);
  }, 180_000);
});
