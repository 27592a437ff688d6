import { describe, expect, it } from "vitest";
import type { Api } from "../../bots/api-client.js";
import type { ChatRequest } from "../../bots/core/request.js";
import { checkVideo, prepareVideo } from "../../bots/core/video-command.js";
import { slackHelp } from "../../bots/slack/commands.js";
import { CommandInputError } from "../../shared/chat/input-error.js";
import { chatLocales } from "../../shared/chat/locale/languages.js";
import { inputText } from "../../shared/chat/locale/refusals.js";
import { slackVideoText, videoCommandText, videoModelText } from "../../shared/chat/locale/video-command.js";
import { chatVideoAspectRatios, chatVideoDurations, chatVideoModels } from "../../shared/chat/video-choices.js";
import { createJobInput } from "../../shared/jobs/input.js";

const CDN = "https://cdn.discordapp.com";
const rules = { allowedOrigins: [CDN], maxBytes: 2 * 1024 * 1024 };
const file = (name: string, contentType = "image/png", sizeBytes = 1000) => ({
  url: `${CDN}/attachments/1/2/${name}`,
  name,
  sizeBytes,
  contentType,
});

/** What a refusal says to its user in each language. */
function refusalOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (err) {
    if (err instanceof CommandInputError) return Object.fromEntries(chatLocales.map((l) => [l, err.say(inputText[l])]));
    throw err;
  }
  throw new Error("not refused");
}

/** An API that records the job asked for, and makes one upload key. */
function recordingApi() {
  const created: unknown[] = [];
  const api = {
    assets: { uploadUrl: { mutate: async () => ({ uploadKey: "temp/u/1/pic.png", url: `${CDN}/put`, headers: {} }) } },
    jobs: {
      create: {
        mutate: async (input: unknown) => {
          created.push(input);
          return { jobId: "j1", status: "queued" };
        },
      },
    },
  } as unknown as Api;
  const req = { api, invocationId: "discord:1", delivery: { channelId: "c" }, files: rules } as unknown as ChatRequest;
  return { req, created };
}

describe("/video's input, as chat asks for it", () => {
  it("offers what the video endpoints make: their lengths, the default text-to-video model's ratios, the models for a prompt or a picture", () => {
    expect(chatVideoDurations).toEqual([5, 6, 10]);
    expect(chatVideoAspectRatios).toEqual(["16:9", "9:16", "1:1"]);
    expect(chatVideoModels).toEqual(["kling-2.1", "kling-2.5-turbo", "hailuo-02"]);
    for (const model of chatVideoModels)
      for (const l of chatLocales) expect(videoModelText[model]?.[l].length ?? 0, `${model} in ${l}`).toBeGreaterThan(0);
  });

  it("makes a text-to-video of a prompt, and the job it asks the API for parses as the API's input", async () => {
    const { req, created } = recordingApi();
    await prepareVideo(rules, { prompt: "a paper boat", duration: 10, aspectRatio: "9:16", private: true })(req);
    expect(created).toEqual([
      {
        type: "video-generation",
        prompt: "a paper boat",
        duration: 10,
        aspectRatio: "9:16",
        visibility: "private",
        idempotencyKey: "discord:1",
        delivery: { channelId: "c" },
      },
    ]);
    expect(createJobInput.safeParse(created[0]).success).toBe(true);
  });

  it.each([
    [{ duration: 6 }, /^duration: Kling 2\.5 Turbo Pro .* makes clips of 5, 10 seconds\. Nothing was created\.$/],
    [{ model: "hailuo-02", aspectRatio: "16:9" }, /aspectRatio: MiniMax Hailuo 02 .* takes no aspectRatio/],
    [{ model: "kling-2.1" }, /model: kling-2\.1 has no text-to-video endpoint; choose kling-2\.5-turbo or hailuo-02/],
    [{ motion: "high" }, /motion: a text-to-video does not take motion/],
  ] as const)("refuses %o from a prompt as the API would, before any call", (asked, reason) => {
    const said = refusalOf(() => checkVideo({ prompt: "a fox", private: false, animate: false, ...asked }));
    expect(said.en).toMatch(reason);
    expect(said.de).toMatch(/^Abgelehnt, es wurde nichts erstellt\. Der Dienst sagt: „/);
    expect(said.fr).toMatch(/^Refusé, rien n'a été créé\. Le service répond : « /);
  });

  it("refuses an aspect ratio for a picture, which keeps its shape, before the picture is looked at", () => {
    expect(
      refusalOf(() => prepareVideo(rules, { prompt: "waves", aspectRatio: "1:1", private: false, picture: file("w.png") })).en,
    ).toMatch(/an animated clip has its picture's shape/);
    expect(refusalOf(() => prepareVideo(rules, { prompt: "waves", private: false, picture: file("w.gif", "image/gif") })).en).toMatch(
      /w\.gif is not a PNG, JPEG or WebP picture/,
    );
  });

  it("refuses a too-large picture naming only a smaller file, since /video takes no link, in every language", () => {
    expect(
      refusalOf(() => prepareVideo(rules, { prompt: "waves", private: false, picture: file("w.png", "image/png", 3 * 1024 * 1024) })),
    ).toEqual({
      en: "w.png is 3.0 MB; the limit is 2.0 MB. Send a smaller file.",
      de: "w.png hat 3.0 MB; die Grenze ist 2.0 MB. Schick eine kleinere Datei.",
      fr: "w.png fait 3.0 MB ; la limite est 2.0 MB. Envoyez un fichier plus petit.",
    });
  });

  it("takes a picture to animate without a prompt, on the picture model chosen, with its motion and length", () => {
    // Prepared without a call: the upload and the job come when it is started (the system test runs it).
    expect(
      typeof prepareVideo(rules, { prompt: "", model: "hailuo-02", motion: "high", duration: 10, private: false, picture: file("w.png") }),
    ).toBe("function");
    expect(refusalOf(() => checkVideo({ prompt: "", private: false, animate: false })).en).toMatch(
      /prompt: a text-to-video needs a prompt/,
    );
  });

  it("describes /video in every language within Discord's 100 characters, and Slack's /help lists it", () => {
    const texts = [videoCommandText.description, ...Object.values(videoCommandText.options), ...Object.values(videoModelText)];
    for (const t of texts) for (const l of chatLocales) expect(t?.[l].length ?? 0).toBeLessThanOrEqual(100);
    for (const l of chatLocales) {
      const listed = slackHelp(l).find((c) => c.name === "video");
      expect(listed).toMatchObject({ description: slackVideoText[l].description, usage: slackVideoText[l].usage });
      expect(listed?.usage).toContain("--image");
    }
  });
});
