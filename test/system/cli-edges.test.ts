import { randomUUID } from "node:crypto";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPicture } from "../../infra/fakes/picture.js";
import { listObjects } from "../../shared/storage/objects.js";
import { cgCommand, runCli, runShell } from "../helpers/cli.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { useWorkingApi } from "../helpers/working-api.js";

const run = promisify(execFile);

describe("the CLI on its edges, against the running API", () => {
  const w = useWorkingApi({ processingMs: 600 });
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "cg-edges-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const env = () => ({ API_URL: w.api.url, API_KEY: w.alice.key, LOG_LEVEL: "silent" });
  const cli = (...args: string[]) => runCli([...args, "--poll-ms", "150"], env());
  const jobCount = () => rawJobs(w.api.deps).countDocuments({});
  /** What alice has put into the bucket's temp/ (uploads), as keys. */
  const uploads = async () => {
    const keys: string[] = [];
    for await (const o of listObjects(w.api.deps.storage, `temp/${w.alice.workspaceId}/${w.alice.userId}/`)) keys.push(o.key);
    return keys.sort();
  };
  /** A job that no worker runs: it ends only when the test says so. */
  const heldJob = async () => {
    const jobId = randomUUID();
    await w.api.deps.jobs.create({
      jobId,
      type: "image-generation",
      userId: "alice",
      workspaceId: w.alice.workspaceId,
      input: { prompt: "held" },
    });
    return jobId;
  };

  it("answers a mistyped flag or command, and --seed -5, in one line with exit code 2, and makes nothing", async () => {
    const before = await jobCount();
    const cases: Array<[string[], RegExp]> = [
      [["generate", "a", "cat", "--sede", "5"], /^error: unknown flag --sede for generate: did you mean --seed\?$/],
      [["genrate", "a", "cat"], /^error: unknown command genrate: did you mean generate\?$/],
      [["jobs", "lsit"], /^error: unknown command jobs lsit: did you mean jobs list\?$/],
      [["generate", "a", "cat", "--seed", "-5"], /^error: --seed: must be 0 or more \(at most 18446744073709551615\)$/],
      [["generate", "a", "cat", "--count", "9"], /^error: --count: must be at most 4$/],
      [["generate", "a", "cat", "--size", "40:1"], /^error: --size: An aspect ratio must be between 1:4 and 4:1/],
      [
        ["generate", "a", "cat", "--lora", "nosuchlora"],
        /^error: --lora: no finished LoRA called "nosuchlora" here; cg jobs list --type lora-training lists them$/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trimEnd().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stderr.trimEnd(), args.join(" ")).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at |TypeError|ERR_PARSE_ARGS/);
      expect(r.stdout).toBe("");
    }
    expect(await jobCount()).toBe(before);
  }, 90_000);

  it("refuses a month usage cannot take on the command line, with exit code 2, in plain words", async () => {
    const cases: Array<[string[], string]> = [
      [["usage", "--month", "2026-13"], "error: --month: must be a month like 2026-11"],
      [["usage", "history", "--months", "30"], "error: --months: must be at most 24"],
      [["generate", "a", "cat", "--count", "0"], "error: --count: must be at least 1"],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trimEnd(), args.join(" ")).toBe(message);
      expect(r.stdout).toBe("");
    }
  }, 60_000);

  it("--no-wait prints the bare job id, so J=$(cg generate … --no-wait); cg jobs wait $J works", async () => {
    const sh = runShell('J=$(cg generate a lighthouse --no-wait) && echo "id=$J" && cg jobs wait "$J" --poll-ms 150', env());
    expect(await sh.exited, sh.stderr()).toBe(0);
    const jobId = /^id=(\S+)$/m.exec(sh.stdout())?.[1] ?? "";
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sh.stdout()).toMatch(new RegExp(`^image-generation ${jobId} completed`, "m"));
  }, 60_000);

  it("takes --size as the bots do: 16:9 and 1024x768 become a width and a height, a preset stays a preset", async () => {
    const sizes: Array<[string, Record<string, unknown>]> = [
      ["16:9", { width: 1344, height: 768 }],
      ["1024x768", { width: 1024, height: 768 }],
      ["portrait_4_3", { imageSize: "portrait_4_3" }],
    ];
    for (const [size, stored] of sizes) {
      const r = await cli("generate", "a", "harbour", "--size", size, "--no-wait");
      expect(r.code, r.stderr).toBe(0);
      const job = await w.api.deps.jobs.get(r.stdout.trim());
      expect(job?.input, size).toMatchObject(stored);
    }
  }, 60_000);

  it("takes --lora by its trigger word (and still by its job id), with --lora-scale", async () => {
    const photos = path.join(dir, "photos");
    await mkdir(photos, { recursive: true });
    for (let i = 0; i < 4; i++) await writeFile(path.join(photos, `p${i}.png`), renderPicture(`face ${i}`, i, 256, 256));
    const trained = await cli("train", photos, "--trigger", "annstyle", "--steps", "100", "--no-wait");
    expect(trained.code, trained.stderr).toBe(0);
    const loraId = trained.stdout.trim();
    expect((await w.settled(loraId, 90_000)).status).toBe("completed");

    const byWord = await cli("generate", "annstyle", "at", "sea", "--lora", "AnnStyle", "--lora-scale", "0.7", "--no-wait");
    expect(byWord.code, byWord.stderr).toBe(0);
    expect((await w.api.deps.jobs.get(byWord.stdout.trim()))?.input).toMatchObject({ lora: { jobId: loraId, scale: 0.7 } });
    const byId = await cli("generate", "annstyle", "again", "--lora", loraId, "--no-wait");
    expect((await w.api.deps.jobs.get(byId.stdout.trim()))?.input).toMatchObject({ lora: { jobId: loraId } });
    // And jobs retrain makes its next version, followed to the end like train.
    const retrained = await cli("jobs", "retrain", loraId, "--steps", "200", "--json");
    expect(retrained.code, retrained.stderr).toBe(0);
    expect(JSON.parse(retrained.stdout)).toMatchObject({ jobId: loraId, status: "completed", versions: [{ version: 1 }, { version: 2 }] });
  }, 120_000);

  it("train refuses a bad trigger word or step count before uploading a single image", async () => {
    const photos = path.join(dir, "refused");
    await mkdir(photos, { recursive: true });
    for (let i = 0; i < 4; i++) await writeFile(path.join(photos, `r${i}.png`), renderPicture(`r ${i}`, i, 256, 256));
    const before = await uploads();
    const word = await cli("train", photos, "--trigger", "two words");
    expect(word.code, word.stderr).toBe(2);
    expect(word.stderr.trim()).toMatch(/^error: --trigger: must be 1-50 letters, digits, '_' or '-'$/);
    const steps = await cli("train", photos, "--trigger", "fine", "--steps", "5");
    expect(steps.code, steps.stderr).toBe(2);
    expect(steps.stderr.trim()).toBe("error: --steps: must be at least 100");
    for (const r of [word, steps]) expect(r.stderr).not.toMatch(/upload/);
    expect(await uploads()).toEqual(before);
    // The flags come first: a bad trigger word is said even when the folder is not there.
    const missing = path.join(dir, "no-such-folder");
    const wordFirst = await cli("train", missing, "--trigger", "two words");
    expect(wordFirst.stderr.trim()).toMatch(/^error: --trigger: /);
    const noFolder = await cli("train", missing, "--trigger", "fine");
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr.trim()).toBe(`error: ${missing} does not exist`);
  }, 60_000);

  it("reads every path from the folder npm was started in (INIT_CWD), and prints saved files as absolute paths", async () => {
    const here = path.join(dir, "typed-here");
    await mkdir(here, { recursive: true });
    await writeFile(path.join(here, "talk.wav"), makeWav(1));
    const inHere = (...args: string[]) => runCli([...args, "--poll-ms", "150"], { ...env(), INIT_CWD: here });
    const said = await inHere("transcribe", "talk.wav", "--out", "words");
    expect(said.code, said.stderr).toBe(0);
    expect(said.stdout).toContain(`saved ${path.join(here, "words", "transcript.txt")}\n`);
    expect((await readdir(path.join(here, "words"))).sort()).toEqual([
      "notes.json",
      "notes.md",
      "transcript.json",
      "transcript.srt",
      "transcript.txt",
      "transcript.vtt",
    ]);
    const made = await inHere("generate", "a", "lamp", "--out", path.join(dir, "pics"));
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(`saved ${path.join(dir, "pics", "image_1.png")}\n`);
    const jobId = /^image-generation (\S+) completed/m.exec(made.stdout)?.[1] ?? "";
    const fetched = await inHere("download", jobId);
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stdout.trim()).toBe(path.join(here, jobId, "image_1.png"));
    const missing = await inHere("transcribe", "cli.md");
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`error: ${path.join(here, "cli.md")} does not exist`);
  }, 90_000);

  it("transcribe refuses a wrong language code before uploading the file", async () => {
    const wav = path.join(dir, "talk.wav");
    await writeFile(wav, Buffer.alloc(64_000, 1));
    const before = await uploads();
    const r = await cli("transcribe", wav, "--language", "klingon");
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim()).toMatch(/^error: --language: must be one of AssemblyAI's language codes/);
    expect(await uploads()).toEqual(before);
  }, 60_000);

  it("ends quietly with exit 0 when the reader of its output stops early (| head -1)", async () => {
    // Enough jobs that `jobs list --json` is far larger than a pipe holds: head is gone before it is written.
    for (let i = 0; i < 60; i++) await heldJob();
    const big = runShell("set -o pipefail; cg jobs list --limit 100 --json | head -1", env());
    expect(await big.exited, big.stderr()).toBe(0);
    expect(big.stdout()).toBe("{\n");
    expect(big.stderr()).toBe("");
    const lines = runShell("set -o pipefail; cg assets images | head -1", env());
    expect(await lines.exited, lines.stderr()).toBe(0);
    expect(lines.stdout().split("\n")).toHaveLength(2);
    expect(lines.stderr()).toBe("");
  }, 60_000);

  it("stops waiting at once on SIGTERM (143) and SIGINT (130), leaving the job to run", async () => {
    for (const [signal, code] of [
      ["SIGTERM", 143],
      ["SIGINT", 130],
    ] as const) {
      const jobId = await heldJob();
      const waiting = runShell(`exec ${cgCommand} jobs wait ${jobId}`, env());
      await waitFor(() => /queued/.test(waiting.stderr()) || undefined, 30_000, `the CLI to wait: ${waiting.stderr()}`);
      waiting.child.kill(signal);
      expect(await waiting.exited, waiting.stderr()).toBe(code);
      expect(waiting.stderr()).toMatch(new RegExp(`stopped \\(${signal}\\)`));
      expect((await w.api.deps.jobs.get(jobId))?.status).toBe("queued");
    }
    // A job waited on that ends canceled fails the wait, as it fails generate.
    const jobId = await heldJob();
    expect((await cli("jobs", "cancel", jobId)).stdout.trim()).toBe(`${jobId} canceled`);
    const waited = await cli("jobs", "wait", jobId);
    expect(waited.code).toBe(1);
    expect(waited.stderr.trim()).toBe(`error: job ${jobId} canceled: canceled by its owner`);
  }, 60_000);

  it("prints completion scripts for bash, zsh and fish that their shells read", async () => {
    for (const shell of ["bash", "zsh", "fish"]) {
      const r = await cli("completion", shell);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain("generate");
      expect(r.stdout).toContain("--lora-scale".slice(shell === "fish" ? 2 : 0));
      const file = path.join(dir, `cg.${shell}`);
      await writeFile(file, r.stdout);
      const present = await run("sh", ["-c", `command -v ${shell}`]).then(
        () => true,
        () => false,
      );
      // Where the shell is installed, it parses the script; bash always is.
      if (present || shell === "bash") await expect(run(shell, ["-n", file])).resolves.toBeDefined();
    }
    // bash completes from the script: the commands, generate's flags and --size's presets.
    const complete = async (line: string) => {
      const words = line.split(" ");
      const script = `source ${path.join(dir, "cg.bash")}; COMP_WORDS=(${words.map((x) => `'${x}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _cg; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return (await run("bash", ["-c", script])).stdout.trim().split("\n");
    };
    expect(await complete("cg gen")).toEqual(["generate"]);
    expect(await complete("cg generate x --lora")).toEqual(["--lora", "--lora-scale"]);
    expect(await complete("cg generate x --size land")).toEqual(["landscape_4_3", "landscape_16_9"]);
    expect(await complete("cg jobs w")).toEqual(["wait", "watch"]);
    // zsh, where it is installed, runs the script's function with its completion builtins stood in for
    // (they only work inside an interactive completion), each printing what it was offered.
    const zsh = await run("sh", ["-c", "command -v zsh"]).then(
      () => true,
      () => false,
    );
    if (zsh) {
      const driver = path.join(dir, "drive.zsh");
      await writeFile(
        driver,
        [
          "compdef() { : }",
          `source ${path.join(dir, "cg.zsh")}`,
          'compadd() { [[ $1 == -- ]] && shift; print -l -- "$@" }',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh's own expansions, for the shell to read
          "_describe() { local arr=${@[-1]}; print -l -- ${${(P)arr}%%:*} }",
          '_files() { print -- "<files $*>" }',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh's own expansions, for the shell to read
          "words=(${=1}); CURRENT=${#words}",
          "_cg",
        ].join("\n"),
      );
      // The shell keeps what begins with the word being typed; so does this.
      const completeZsh = async (line: string) =>
        (await run("zsh", ["-f", driver, line])).stdout
          .trim()
          .split("\n")
          .filter((c) => c.startsWith(line.split(" ").at(-1) ?? "") || c.startsWith("<files"));
      expect(await completeZsh("cg gen")).toEqual(["generate"]);
      expect(await completeZsh("cg generate x --lora")).toEqual(["--lora", "--lora-scale"]);
      expect(await completeZsh("cg generate x --size land")).toEqual(["landscape_4_3", "landscape_16_9"]);
      expect(await completeZsh("cg jobs --status f")).toEqual(["failed"]);
      expect(await completeZsh("cg transcribe me")).toEqual(["<files >"]);
    }
    // fish, where it is installed, completes from its script the same way.
    const fish = await run("sh", ["-c", "command -v fish"]).then(
      () => true,
      () => false,
    );
    if (fish) {
      const completeFish = async (line: string) =>
        (await run("fish", ["-c", `source ${path.join(dir, "cg.fish")}; complete -C'${line}'`])).stdout
          .trim()
          .split("\n")
          .map((l) => l.split("\t")[0]);
      expect(await completeFish("cg generate x --lora")).toEqual(["--lora", "--lora-scale"]);
      expect(await completeFish("cg jobs w")).toEqual(["wait", "watch"]);
    }
  }, 60_000);
});
