import { AssemblyAI } from "assemblyai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AssemblyAiFake, startAssemblyAiFake } from "../infra/fakes/assemblyai.js";
import { utcTime } from "../queue/workers/transcription.js";

/**
 * Points of AssemblyAI's v2 contract the worker depends on, checked against the emulator that
 * the rest of the suite uses (source: AssemblyAI's API reference, "List transcripts").
 */
describe("AssemblyAI's transcript list", () => {
  let fake: AssemblyAiFake;
  beforeAll(async () => {
    fake = await startAssemblyAiFake({ processingMs: 50 });
  });
  afterAll(() => fake.close());

  it("writes `created` in UTC with microseconds and no zone, as the API does", async () => {
    const aai = new AssemblyAI({ apiKey: "k", baseUrl: fake.url });
    const before = Date.now();
    await aai.transcripts.submit({ audio_url: "https://example.com/a.wav", speech_models: ["universal-3-pro", "universal-2"] });
    const raw = (await (await fetch(`${fake.url}/v2/transcript?limit=1`, { headers: { authorization: "k" } })).json()) as { transcripts: Array<{ created: string }> };
    const created = raw.transcripts[0]?.created ?? "";
    expect(created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
    expect(Math.abs(utcTime(created) - before)).toBeLessThan(5_000);
    // Through the SDK, which makes a Date of it, the same moment.
    const listed = await aai.transcripts.list({ limit: 1 });
    expect(Math.abs(utcTime(listed.transcripts[0]?.created as Date) - before)).toBeLessThan(5_000);
  });

  it("is read as UTC in any zone the worker runs in, also after the SDK parsed it as local time", () => {
    const utc = Date.UTC(2023, 10, 2, 21, 49, 25, 586);
    const zone = process.env.TZ;
    try {
      for (const tz of ["UTC", "Asia/Kolkata", "America/Los_Angeles", "Pacific/Kiritimati"]) {
        process.env.TZ = tz;
        // What the SDK does with the list's string.
        expect(utcTime(new Date("2023-11-02T21:49:25.586965")), tz).toBe(utc);
        expect(utcTime("2023-11-02T21:49:25.586965"), tz).toBe(utc);
        expect(utcTime("2023-11-02T23:49:25.586+02:00"), tz).toBe(utc);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("refuses speech_models that are not a list of names", async () => {
    const res = await fetch(`${fake.url}/v2/transcript`, {
      method: "POST",
      headers: { authorization: "k", "content-type": "application/json" },
      body: JSON.stringify({ audio_url: "https://example.com/a.wav", speech_models: "universal-2" }),
    });
    expect(res.status).toBe(400);
  });
});
