import { describe, expect, it } from "vitest";
import { CommandInputError } from "../../bots/core/explain.js";
import {
  FormFieldError,
  formFromJob,
  parseSize,
  readForm,
  splitLoraField,
  splitModelOrLoraField,
} from "../../bots/core/generation-form.js";
import { inputText } from "../../shared/chat/locale/refusals.js";

describe("the generate form's fields", () => {
  it("reads a size as a preset (by value or name), WIDTHxHEIGHT, or an aspect ratio of about a megapixel in multiples of 64", () => {
    expect(parseSize("square_hd")).toEqual({ imageSize: "square_hd" });
    expect(parseSize("Landscape 16:9")).toEqual({ imageSize: "landscape_16_9" });
    expect(parseSize("1024x768")).toEqual({ width: 1024, height: 768 });
    expect(parseSize("1024 × 768")).toEqual({ width: 1024, height: 768 });
    expect(parseSize("16:9")).toEqual({ width: 1344, height: 768 });
    expect(parseSize("9:16")).toEqual({ width: 768, height: 1344 });
    expect(parseSize("1:1")).toEqual({ width: 1024, height: 1024 });
    expect(parseSize("21:9")).toEqual({ width: 1536, height: 640 });
    for (const bad of ["1000x701", "4096x4096", "13x7", "9:1", "wide"]) expect(() => parseSize(bad), bad).toThrow(CommandInputError);
    // A preset by its name in any of the bots' languages, as the localized forms and choices show it.
    expect(parseSize("Querformat 16:9")).toEqual({ imageSize: "landscape_16_9" });
    expect(parseSize("Carré HD (1024×1024)")).toEqual({ imageSize: "square_hd" });
  });

  it("says each mistake in the user's language, English by default", () => {
    const mistake = (form: Parameters<typeof readForm>[0]) => {
      try {
        readForm(form);
      } catch (err) {
        if (err instanceof FormFieldError) return err;
      }
      throw new Error("no mistake found");
    };
    const count = mistake({ prompt: "x", count: "9" });
    expect(count.message).toBe("The count must be a whole number from 1 to 4.");
    expect(count.say(inputText.de)).toBe("Die Anzahl muss eine ganze Zahl von 1 bis 4 sein.");
    expect(count.say(inputText.fr)).toBe("Le nombre doit être un entier de 1 à 4.");
    expect(mistake({ prompt: "x", size: "wide" }).say(inputText.fr)).toMatch(/^Donnez une taille parmi square_hd/);
  });

  it("names the field of each mistake, and takes blanks as unset", () => {
    expect(readForm({ prompt: " a fox ", size: "", count: " ", seed: "" })).toMatchObject({
      prompt: "a fox",
      size: undefined,
      count: undefined,
      seed: undefined,
    });
    const fieldOf = (form: Parameters<typeof readForm>[0]) => {
      try {
        readForm(form);
        return undefined;
      } catch (err) {
        return err instanceof FormFieldError ? err.field : "other";
      }
    };
    expect(fieldOf({ prompt: "  " })).toBe("prompt");
    expect(fieldOf({ prompt: "x", size: "1000x701" })).toBe("size");
    expect(fieldOf({ prompt: "x", count: "5" })).toBe("count");
    expect(fieldOf({ prompt: "x", seed: "18446744073709551616" })).toBe("seed");
    expect(fieldOf({ prompt: "x", lora: "annstyle", loraScale: "2.5" })).toBe("loraScale");
  });

  it("prefills from a result, and splits a one-line LoRA field into trigger word and strength", () => {
    expect(
      formFromJob({ input: { prompt: "a crane", width: 1344, height: 768, count: 2, seed: "7", lora: { jobId: "j1", scale: 0.8 } } }),
    ).toEqual({
      prompt: "a crane",
      size: "1344x768",
      count: "2",
      seed: undefined,
      lora: "j1",
      loraScale: "0.8",
    });
    expect(splitLoraField("annstyle:0.8")).toEqual({ lora: "annstyle", loraScale: "0.8" });
    expect(splitLoraField("annstyle")).toEqual({ lora: "annstyle", loraScale: undefined });
    expect(splitLoraField("")).toEqual({});
    // Discord's last field holds a model's name or a LoRA.
    expect(splitModelOrLoraField("flux-schnell")).toEqual({ model: "flux-schnell" });
    expect(splitModelOrLoraField("annstyle:0.8")).toEqual({ lora: "annstyle", loraScale: "0.8" });
    expect(readForm({ prompt: "x", model: "flux-dev" })).toMatchObject({ model: "flux-dev" });
    expect(() => readForm({ prompt: "x", model: "flux-ultra" })).toThrow(/The model must be one of flux-pro, flux-dev, flux-schnell/);
  });
});

describe("progress as chat shows it", () => {
  it("reads fal's tqdm bar of the model's steps as 10-95 %, and shows the queue, the bar and the latest readable log line", async () => {
    const { progressFromLogs } = await import("../../queue/workers/wait-for-fal.js");
    const { jobReply } = await import("../../shared/chat/job-reply.js");
    expect(progressFromLogs(["generating", " 50%|█████     | 14/28 [00:00<00:01, 10.00it/s]"])).toBe(53);
    expect(progressFromLogs(["generating", "100%|██████████| 28/28"])).toBe(95);
    expect(progressFromLogs(["generating"])).toBeUndefined();
    const job = {
      jobId: "j",
      type: "image-generation",
      status: "queued",
      visibility: "workspace",
      input: { prompt: "a fox" },
      progress: 0,
      provider: null,
      versions: [],
      files: [],
      createdAt: "",
      updatedAt: "",
      startedAt: null,
      finishedAt: null,
      error: null,
    } as never;
    expect(jobReply(job, { queuedAhead: 3 }).lines).toEqual(["Queued: 3 jobs ahead of yours."]);
    expect(jobReply(job, { queuedAhead: 0 }).lines).toEqual(["Queued: next in line."]);
    const running = {
      ...(job as object),
      status: "running",
      progress: 53,
      provider: { name: "fal", queuePosition: null, logs: ["loading weights", " 50%|█████     | 14/28"] },
    } as never;
    expect(jobReply(running).lines).toEqual(["Running ▰▰▰▰▰▱▱▱▱▱ 53% · loading weights"]);
  });
});
