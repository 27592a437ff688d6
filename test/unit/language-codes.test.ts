import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { transcriptionParams } from "../../shared/jobs/input.js";
import { languageCodes } from "../../shared/jobs/language-codes.js";

/** languageCode takes what AssemblyAI takes: the `assemblyai` SDK's TranscriptLanguageCode, no more, no less. */
describe("transcription language codes", () => {
  const parse = (languageCode: string) =>
    transcriptionParams.safeParse({ type: "transcription", audioUrl: "https://example.com/a.wav", languageCode, languageDetection: false });

  it("takes every code the SDK lists, haw and yo as much as en_us", () => {
    for (const code of ["en", "en_us", "en_au", "de_ch", "haw", "yo", "jw"]) expect(parse(code).success, code).toBe(true);
  });

  it("refuses codes AssemblyAI does not take, with a reason", () => {
    for (const code of ["xx", "en_xx", "EN", "english", "e"]) {
      const parsed = parse(code);
      expect(parsed.success, code).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/AssemblyAI's language codes/);
    }
  });

  it("is the SDK's list exactly (read here from the SDK's declarations, as the typechecker holds it)", () => {
    const declarations = readFileSync(path.resolve("node_modules/assemblyai/dist/types/openapi.generated.d.ts"), "utf8");
    const union = /export type TranscriptLanguageCode = ([^;]+);/.exec(declarations)?.[1] ?? "";
    const sdk = [...union.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
    expect(sdk.length).toBeGreaterThan(90);
    expect([...languageCodes].sort()).toEqual([...sdk].sort());
  });
});
