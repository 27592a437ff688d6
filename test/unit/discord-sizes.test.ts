import { describe, expect, it } from "vitest";
import { generate } from "../../bots/discord/commands/generate.js";
import { sizeSuggestions } from "../../bots/discord/size-choices.js";
import { autocompleteRefusal, commandsRefusal } from "../../infra/fakes/discord/command-limits.js";
import { parseSize } from "../../shared/jobs/typed-choices.js";

describe("/generate's size on Discord: free text, as Slack and the CLI read it, with the presets suggested", () => {
  it("is registered with autocomplete and no choices (Discord allows no choices beside autocomplete), as Discord takes it", () => {
    const json = generate.data.toJSON() as { options: Array<{ name: string; autocomplete?: boolean; choices?: unknown[] }> };
    const size = json.options.find((o) => o.name === "size");
    expect(size?.autocomplete).toBe(true);
    expect(size?.choices ?? []).toEqual([]);
    expect(commandsRefusal([json])).toBeUndefined();
  });

  it("suggests the presets in the member's language and common ratios, what was typed first when it reads as a size", () => {
    const all = sizeSuggestions("", "en");
    expect(all.map((c) => c.value)).toEqual(expect.arrayContaining(["square_hd", "landscape_16_9", "16:9", "9:16", "3:2"]));
    expect(all.find((c) => c.value === "16:9")?.name).toBe("16:9 (1344×768)");
    expect(sizeSuggestions("", "de").find((c) => c.value === "landscape_16_9")?.name).toBe("Querformat 16:9");
    expect(sizeSuggestions("16:9", "en").map((c) => c.value)).toEqual(["landscape_16_9", "16:9"]);
    expect(sizeSuggestions("1536x640", "en")[0]).toEqual({ name: "1536x640 (1536×640)", value: "1536x640" });
    expect(sizeSuggestions("paysage", "fr").map((c) => c.value)).toEqual(["landscape_4_3", "landscape_16_9"]);
    expect(sizeSuggestions("13x7", "en")).toEqual([]);
    for (const typed of ["", "1", "16", "square", "1024x1024", "2:1"]) {
      const choices = sizeSuggestions(typed, "en");
      expect(choices.length).toBeLessThanOrEqual(25);
      expect(autocompleteRefusal({ choices })).toBeUndefined();
      // Every suggestion's value reads as a size when Discord sends it back.
      for (const c of choices) expect(() => parseSize(c.value)).not.toThrow();
    }
  });
});
