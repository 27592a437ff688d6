import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseCommandLine } from "../../cli/args.js";
import { completionScripts } from "../../cli/completion/index.js";
import { waitingFlags } from "../../cli/commands/context.js";
import { sizeFlag } from "../../cli/commands/generate.js";
import { UsageError } from "../../cli/errors.js";
import { commandHelp, globalHelp } from "../../cli/help.js";
import { bytes, counted, table, usd } from "../../cli/format.js";
import { fromUserDir, userDir } from "../../cli/paths.js";
import { canRedraw } from "../../cli/progress.js";
import { runners } from "../../cli/runners.js";
import { commandName, commands, globalFlags } from "../../cli/spec/index.js";
import { closest } from "../../cli/suggest.js";
import { checkJobInput } from "../../cli/validate.js";
import { issueMessage } from "../../shared/validation.js";

/** The one-line refusal a command line gets, or "" when it parses. */
const refusal = (line: string[]): string => {
  try {
    parseCommandLine(line);
    return "";
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
};
const generateCommand = commands.find((c) => commandName(c) === "generate");

describe("the CLI's command table drives the parser, the help and the completions", () => {
  it("has code behind every command of the table, and no code for a command it does not list", () => {
    const names = commands.map(commandName);
    expect(names.filter((n) => !runners[n])).toEqual([]);
    expect(Object.keys(runners).filter((n) => !names.includes(n))).toEqual([]);
  });

  it("names each flag once per command, with a help text", () => {
    for (const c of commands) {
      const names = [...c.flags, ...globalFlags].map((f) => f.name);
      expect(new Set(names).size, commandName(c)).toBe(names.length);
      for (const f of c.flags) expect(f.help.length, `${commandName(c)} --${f.name}`).toBeGreaterThan(5);
    }
  });

  it("lists every flag of every command in cg --help and in the command's own --help", () => {
    const lines = globalHelp().split("\n");
    for (const c of commands) {
      // The overview's entry for the command: its line, and the indented lines of flags under it.
      const start = lines.findIndex((l) => l.startsWith(`  ${commandName(c)} `));
      expect(start, commandName(c)).toBeGreaterThan(0);
      const end = lines.findIndex((l, i) => i > start && !l.startsWith("      "));
      const entry = lines.slice(start, end).join("\n");
      const own = commandHelp(c);
      for (const f of c.flags) {
        expect(entry, `cg --help, ${commandName(c)}`).toContain(`--${f.name}`);
        expect(own, `cg ${commandName(c)} --help`).toContain(`--${f.name}`);
      }
      for (const f of globalFlags) expect(own).toContain(`--${f.name}`);
    }
    // The two the issue found missing.
    expect(commandHelp(generateCommand as never)).toMatch(/--steps <n> +inference steps/);
    expect(commandHelp(generateCommand as never)).toMatch(/--lora-scale <n> +the LoRA's strength/);
    expect(parseCommandLine(["generate", "--help"])).toMatchObject({ kind: "help", topic: generateCommand });
  });

  it("answers an unknown flag, a mistyped command and a mistyped subcommand in one line with the nearest", () => {
    expect(refusal(["generate", "a", "cat", "--sede", "5"])).toBe("unknown flag --sede for generate: did you mean --seed?");
    expect(refusal(["generate", "a", "cat", "--lora-scal", "1"])).toBe("unknown flag --lora-scal for generate: did you mean --lora-scale?");
    expect(refusal(["genrate", "a", "cat"])).toBe("unknown command genrate: did you mean generate?");
    expect(refusal(["jobs", "wiat", "x"])).toBe("unknown command jobs wiat: did you mean jobs wait?");
    expect(refusal(["generate", "a", "--zzzzzz"])).toBe("unknown flag --zzzzzz for generate; cg generate --help lists its flags");
    expect(refusal(["frobnicate"])).toBe("unknown command frobnicate; cg --help lists the commands");
    for (const line of [
      ["generate"],
      ["jobs", "get"],
      ["generate", "x", "--count", "two"],
      ["generate", "x", "--out"],
      ["upscale", "j", "--scale", "3"],
    ])
      expect(refusal(line).split("\n"), line.join(" ")).toHaveLength(1);
    const both = parseCommandLine(["generate", "x", "--no-wait", "--out", "dir"]);
    expect(() => both.kind === "run" && waitingFlags(both)).toThrow(/^--out saves the result, which --no-wait does not wait for/);
    expect(closest("jbos", ["jobs", "generate"])).toBe("jobs");
    expect(closest("xyz", ["jobs", "generate"])).toBeUndefined();
  });

  it("takes --seed -5 as the value it is, which the API's schema then refuses by the flag's name, in plain words", () => {
    const line = parseCommandLine(["generate", "a", "cat", "--seed", "-5"]);
    expect(line).toMatchObject({ kind: "run", values: { seed: "-5" }, positionals: ["a", "cat"] });
    const refused = (input: Record<string, unknown>) => () =>
      checkJobInput(generateCommand as never, { type: "image-generation", ...input });
    expect(refused({ prompt: "a cat", seed: "-5" })).toThrow(new UsageError("--seed: must be 0 or more (at most 18446744073709551615)"));
    expect(refused({ prompt: "a cat", seed: "x" })).toThrow(new UsageError("--seed: must be a whole number"));
    expect(refused({ prompt: "a cat", count: 9 })).toThrow(new UsageError("--count: must be at most 4"));
    expect(refused({ prompt: "a cat", guidance: 99 })).toThrow(/^--guidance: must be at most \d+$/);
    expect(refused({ prompt: "" })).toThrow(new UsageError("the prompt: must not be empty"));
  });

  it("says zod's bounds in plain words, and keeps a message a schema wrote itself", () => {
    const { issues } = z
      .object({
        n: z.number().max(4),
        s: z.string().min(3),
        l: z.array(z.number()).max(1),
        t: z.number().gt(0),
        w: z.string().min(2, "own words"),
        r: z.string(),
        i: z.number().int(),
      })
      .safeParse({ n: 9, s: "ab", l: [1, 2], t: 0, w: "x", i: 1.5 }).error ?? { issues: [] };
    expect(issues.map(issueMessage)).toEqual([
      "must be at most 4",
      "must be at least 3 characters",
      "must be at most 1 item",
      "must be more than 0",
      "own words",
      "is required",
      "must be a whole number",
    ]);
  });

  it("prints counts with the right noun, money in one way and columns aligned", () => {
    expect([counted(1, "member"), counted(2, "member"), counted(0, "job")]).toEqual(["1 member", "2 members", "0 jobs"]);
    expect([0, 1.5, 12.345, 0.004, 0.0001234, 0.005].map(usd)).toEqual(["$0.00", "$1.50", "$12.35", "$0.004", "$0.0001234", "$0.01"]);
    expect([512, 1536, 5 * 1024 * 1024].map(bytes)).toEqual(["512 B", "1.5 KB", "5.0 MB"]);
    expect(
      table(
        [
          ["", "jobs", "cost"],
          ["image-generation", "12", "$1.50"],
          ["total", "3", "$10.00"],
        ],
        [1, 2],
      ),
    ).toEqual(["                  jobs    cost", "image-generation    12   $1.50", "total                3  $10.00"]);
  });

  it("reads a command's file arguments and --out from the folder the command was typed in; a URL stays a URL", () => {
    const line = (argv: string[]) => {
      const l = parseCommandLine(argv);
      if (l.kind !== "run") throw new Error("not a command");
      return fromUserDir(l, "/home/pat/docs");
    };
    expect(line(["transcribe", "talk.wav", "--out", "words"])).toMatchObject({
      positionals: ["/home/pat/docs/talk.wav"],
      values: { out: "/home/pat/docs/words" },
    });
    expect(line(["transcribe", "https://example.com/a.mp3"]).positionals).toEqual(["https://example.com/a.mp3"]);
    expect(line(["generate", "../a", "cat", "--out", "/tmp/x"])).toMatchObject({ positionals: ["../a", "cat"], values: { out: "/tmp/x" } });
    expect(userDir("/from/npm")).toBe("/from/npm");
    expect(userDir(undefined)).toBe(process.cwd());
  });

  it("reads animate and video as the table says, and names the flag of a field the video endpoint refuses", () => {
    const l = parseCommandLine(["animate", "start.png", "--end-frame", "end.png", "--motion", "high", "--duration", "6"]);
    if (l.kind !== "run") throw new Error("not a command");
    expect(fromUserDir(l, "/home/pat")).toMatchObject({
      positionals: ["/home/pat/start.png"],
      values: { "end-frame": "/home/pat/end.png", motion: "high", duration: 6 },
    });
    expect(refusal(["animate", "a.png", "--motion", "wild"])).toMatch(/--motion/);
    expect(refusal(["video", "a", "boat", "--aspect-ratio", "1:1"])).toMatch(/^unknown flag --aspect-ratio for video/);
    const video = commands.find((c) => commandName(c) === "video");
    const animate = commands.find((c) => commandName(c) === "animate");
    expect(() => checkJobInput(video as never, { type: "video-generation", prompt: "a boat", aspectRatio: "4:3" })).toThrow(
      /^--aspect: .* takes aspectRatio 16:9, 9:16, 1:1$/,
    );
    expect(() =>
      checkJobInput(animate as never, {
        type: "video-generation",
        operation: "animate",
        source: { jobId: "j", image: 1 },
        endFrame: { jobId: "j", image: 2 },
      }),
    ).toThrow(/^--end-frame: .* takes no end frame/);
  });

  it("reads flags wherever they stand: --name=value, -n 2, global flags before the command, -- before dashed arguments", () => {
    expect(parseCommandLine(["--json", "generate", "--count=2", "a", "-n", "3", "--", "--not-a-flag"])).toMatchObject({
      kind: "run",
      values: { count: 3, json: true },
      positionals: ["a", "--not-a-flag"],
      globals: { json: true },
    });
    expect(parseCommandLine(["jobs"])).toMatchObject({ kind: "run", command: { path: ["jobs", "list"] } });
    expect(parseCommandLine(["jobs", "--status", "failed"])).toMatchObject({ kind: "run", values: { status: "failed" } });
  });

  it("reads --size as the bots do: an aspect ratio, WIDTHxHEIGHT or a preset", () => {
    expect(sizeFlag("16:9")).toEqual({ width: 1344, height: 768 });
    expect(sizeFlag("1024x768")).toEqual({ width: 1024, height: 768 });
    expect(sizeFlag("landscape_16_9")).toEqual({ imageSize: "landscape_16_9" });
    expect(() => sizeFlag("20:1")).toThrow(/^--size: An aspect ratio must be between 1:4 and 4:1/);
    expect(() => sizeFlag("1000x7")).toThrow(/^--size: Width and height must be multiples of 8/);
  });

  it("makes each shell's completion from the table: every command word and every flag of generate", () => {
    for (const [shell, make] of Object.entries(completionScripts)) {
      const script = make();
      for (const c of commands) for (const w of c.path) expect(script, `${shell}: ${w}`).toContain(w);
      for (const f of generateCommand?.flags ?? []) expect(script, `${shell}: --${f.name}`).toMatch(new RegExp(`(--|-l )${f.name}\\b`));
      expect(script).toContain("landscape_16_9");
    }
  });

  it("redraws progress only on a terminal that reports its width and can move the cursor", () => {
    const stream = (isTTY: boolean, columns: number, depth: number) =>
      ({ isTTY, columns, getColorDepth: () => depth }) as unknown as NodeJS.WriteStream;
    expect(canRedraw(stream(true, 80, 8))).toBe(true);
    expect(canRedraw(stream(true, 0, 8))).toBe(false);
    expect(canRedraw(stream(true, 80, 1))).toBe(false);
    expect(canRedraw(stream(false, 80, 8))).toBe(false);
  });
});
