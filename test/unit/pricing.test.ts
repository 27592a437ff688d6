import { describe, expect, it } from "vitest";
import { PRICES, imageCost, transcriptionCost } from "../../shared/pricing.js";
import { versionUsage } from "../../shared/jobs/usage.js";

/**
 * The price table each recorded cost (and so each budget) comes from: a price per endpoint and
 * billed option, counted as the provider bills it, each with the page it was read on.
 */
describe("provider prices", () => {
  it("an ESRGAN upscale costs its own price, per output megapixel, not FLUX pro's: a 4096×4096 ×4 upscale is cents, not $0.84", () => {
    const cost = imageCost(4096, 4096, "fal-ai/esrgan");
    expect(cost).toBeCloseTo(16 * 0.0025, 6);
    expect(cost).toBeLessThan(0.05);
    // Pro rata: half a megapixel of output costs half.
    expect(imageCost(1024, 512, "fal-ai/esrgan")).toBeCloseTo(0.00125, 6);
  });

  it("FLUX endpoints bill each picture's megapixels rounded up, at least one, at the endpoint's own price", () => {
    expect(imageCost(1024, 768, "fal-ai/flux/dev")).toBeCloseTo(0.025, 6);
    expect(imageCost(1024, 1024, "fal-ai/flux/dev")).toBeCloseTo(0.025, 6);
    expect(imageCost(512, 512, "fal-ai/flux/dev")).toBeCloseTo(0.025, 6);
    // 1.5 megapixels are billed as 2.
    expect(imageCost(1536, 1024, "fal-ai/flux/dev")).toBeCloseTo(0.05, 6);
    expect(imageCost(2048, 2048, "fal-ai/flux/schnell")).toBeCloseTo(4 * 0.003, 6);
    expect(imageCost(1024, 768, "fal-ai/flux-lora")).toBeCloseTo(0.035, 6);
    expect(imageCost(1024, 768, "fal-ai/flux/dev/image-to-image")).toBeCloseTo(0.025, 6);
  });

  it("a FLUX Fill zoom-out, pan or region repaint bills each output megapixel, rounded up, at $0.05", () => {
    expect(imageCost(1024, 1024, "fal-ai/flux-pro/v1/fill")).toBeCloseTo(0.05, 6);
    // A 2× zoom-out of a 1024×1024 picture is 4 megapixels.
    expect(imageCost(2048, 2048, "fal-ai/flux-pro/v1/fill")).toBeCloseTo(0.2, 6);
    expect(imageCost(1536, 1024, "fal-ai/flux-pro/v1/fill")).toBeCloseTo(0.1, 6);
  });

  it("a Kontext edit is a flat price per picture, whatever its size", () => {
    expect(imageCost(512, 512, "fal-ai/flux-pro/kontext")).toBeCloseTo(0.04, 6);
    expect(imageCost(2048, 2048, "fal-ai/flux-pro/kontext")).toBeCloseTo(0.04, 6);
  });

  it("a picture from an endpoint the table does not know is counted at the dearest per-megapixel price, rounded up", () => {
    const dearest = Math.max(...Object.values(PRICES.image).map((p) => (p.per === "megapixel" ? p.usd : 0)));
    expect(imageCost(1024, 768, "fal-ai/some-other-model")).toBeCloseTo(dearest, 6);
    expect(imageCost(1024, 768)).toBeCloseTo(dearest, 6);
  });

  it("a transcript costs its speech model's hourly rate pro rata to the second, plus speaker labels when asked, not the retired $0.37/h", () => {
    expect(transcriptionCost(3600, { speechModel: "universal-2" })).toBeCloseTo(0.15, 6);
    expect(transcriptionCost(3600, { speechModel: "universal" })).toBeCloseTo(0.15, 6);
    expect(transcriptionCost(3600, { speechModel: "universal-3-pro" })).toBeCloseTo(0.21, 6);
    expect(transcriptionCost(1800, { speechModel: "universal-3-pro", speakerLabels: true })).toBeCloseTo((0.21 + 0.02) / 2, 6);
    // Not knowing which model ran, the dearest one.
    expect(transcriptionCost(3600)).toBeCloseTo(0.21, 6);
    expect(transcriptionCost(3600, { speechModel: "something-new" })).toBeCloseTo(0.21, 6);
  });

  it("each transcription option's add-on is billed per hour on top: speaker names, a vocabulary, PII redaction of text and audio", () => {
    const { addOns } = PRICES.transcription;
    const all = ["speakerIdentification", "keytermsPrompting", "piiRedaction", "piiAudioRedaction"] as const;
    const perHour = 0.15 + 0.02 + all.reduce((sum, a) => sum + addOns[a].usdPerHour, 0);
    expect(transcriptionCost(1800, { speechModel: "universal-2", speakerLabels: true, addOns: all })).toBeCloseTo(perHour / 2, 6);
    expect(transcriptionCost(3600, { speechModel: "universal-2", addOns: ["keytermsPrompting"] })).toBeCloseTo(
      0.15 + addOns.keytermsPrompting.usdPerHour,
      6,
    );
    for (const a of all) expect(addOns[a].source).toMatch(/assemblyai\.com\/pricing/);
  });

  it("a stored version's cost follows the same table (the figures assets.stats sums)", () => {
    const upscale = versionUsage("image-generation", {
      images: [{ url: "k", s3Key: "k", width: 4096, height: 4096, sizeBytes: 1 }],
      endpoint: "fal-ai/esrgan",
    });
    expect(upscale.costUsd).toBeCloseTo(0.04, 6);
    const transcript = versionUsage("transcription", {
      version: 1,
      transcriptUrl: "t",
      textUrl: "x",
      wordCount: 1,
      duration: 3600,
      speechModel: "universal-2",
      withSpeakerLabels: true,
    });
    expect(transcript.costUsd).toBeCloseTo(0.17, 6);
  });

  it("every price names the page it was read on and when", () => {
    const entries = [
      ...Object.values(PRICES.image),
      ...Object.values(PRICES.transcription.speechModels),
      ...Object.values(PRICES.transcription.addOns),
      PRICES.loraTrainingRun,
    ];
    for (const p of entries) {
      expect(p.source.length).toBeGreaterThan(0);
      expect(p.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof p.confirmed).toBe("boolean");
    }
  });
});
