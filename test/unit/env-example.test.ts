import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseEnv } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { envSchema, loadConfig } from "../../shared/config.js";

const root = path.resolve(import.meta.dirname, "..", "..");
const template = readFileSync(path.join(root, ".env.example"), "utf8");
const page = readFileSync(path.join(root, "docs", "configuration.md"), "utf8");

/** Every variable the config reads: the keys of its one environment schema, but for those npm sets (not settings). */
const schema: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }> = envSchema.shape;
const setByNpm = ["INIT_CWD"];
const readByConfig = Object.keys(schema)
  .filter((name) => !setByNpm.includes(name))
  .sort();

interface TemplateLine {
  name: string;
  value: string;
  commented: boolean;
  /** The comment line just above it. */
  note: string;
}

/** The template's `NAME=value` lines, set or commented out (`# NAME=default`). */
const templateLines: TemplateLine[] = template.split("\n").flatMap((line, i, lines) => {
  const m = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
  return m ? [{ name: m[2] ?? "", value: m[3] ?? "", commented: m[1] !== undefined, note: lines[i - 1] ?? "" }] : [];
});

/** The rows of the page's variable tables: a name alone in the first cell, "required in production" in the last. */
const pageRows = page.split("\n").flatMap((line) => {
  const name = /^\| `([A-Z][A-Z0-9_]*)` \|/.exec(line)?.[1];
  return name ? [{ name, production: line.split("|").at(-2)?.trim() ?? "" }] : [];
});

/** What loadConfig names as missing in production: the required variables, from the code itself. */
function missingInProduction(env: Record<string, string>): string[] {
  try {
    loadConfig({ NODE_ENV: "production", ...env });
  } catch (err) {
    const listed = /^(.+) must be set when NODE_ENV=production$/.exec((err as Error).message)?.[1];
    if (listed) return listed.split(", ").sort();
    throw err;
  }
  return [];
}

const sorted = (names: string[]) => [...names].sort();

describe(".env.example and docs/configuration.md list every variable the config reads", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "env-example-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("finds the variables in the schema", () => {
    expect(readByConfig.length).toBeGreaterThan(50);
    expect(readByConfig).toContain("DATABASE_URL");
    for (const name of setByNpm) expect(Object.keys(schema), "a variable npm sets, read by the config").toContain(name);
  });

  it(".env.example names each of them exactly once", () => {
    const names = templateLines.map((l) => l.name);
    expect(sorted(names), "variables in .env.example").toEqual(readByConfig);
    expect(new Set(names).size, "a variable named twice in .env.example").toBe(names.length);
  });

  it("docs/configuration.md has one table row for each of them", () => {
    const names = pageRows.map((r) => r.name);
    expect(sorted(names), "variables in docs/configuration.md's tables").toEqual(readByConfig);
    expect(new Set(names).size, "a variable with two rows in docs/configuration.md").toBe(names.length);
  });

  it(".env.example comments out the variables that have a default, at that default, and leaves the others empty", () => {
    for (const { name, value, commented } of templateLines) {
      const field = schema[name];
      if (!field) continue;
      const byDefault = field.safeParse(undefined).data;
      if (commented) {
        expect(byDefault, `${name} is commented out, so it should have a default`).not.toBeUndefined();
        expect(field.safeParse(value).data, `${name}'s default in .env.example`).toEqual(byDefault);
      } else {
        expect({ name, value, byDefault }).toEqual({ name, value: "", byDefault: undefined });
      }
    }
  });

  it(".env.example loads as it stands", () => {
    const env = parseEnv(template);
    expect(Object.keys(env).length).toBeGreaterThan(0);
    expect(() => loadConfig({ ...env, DATA_DIR: dataDir })).not.toThrow();
  });

  it("both mark what production requires as the code does", () => {
    const required = missingInProduction({});
    const withOAuth = missingInProduction({ SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "secret" }).filter((n) => !required.includes(n));
    expect(required).toContain("LINK_SIGNING_SECRET");
    expect(withOAuth).toContain("SLACK_TOKEN_ENCRYPTION_KEY");
    const marked = (mark: string) => sorted(pageRows.filter((r) => r.production === mark).map((r) => r.name));
    expect(marked("yes")).toEqual(required);
    expect(marked("with Slack OAuth")).toEqual(sorted(withOAuth));
    expect(marked("no")).toEqual(readByConfig.filter((n) => !required.includes(n) && !withOAuth.includes(n)));
    expect(sorted(templateLines.filter((l) => l.note.includes("[prod]")).map((l) => l.name))).toEqual(required);
  });
});
