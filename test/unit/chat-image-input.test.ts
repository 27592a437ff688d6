import { describe, expect, it } from "vitest";
import type { Api } from "../../bots/api-client.js";
import { startTraining, startTranscription } from "../../bots/core/actions.js";
import type { ChatRequest } from "../../bots/core/request.js";
import { checkPlatformFile, isImageFile, uploadPlatformFile } from "../../bots/core/files.js";
import { checkBlend, prepareBlend, prepareDescribe, prepareReferenceGeneration, referenceFrame } from "../../bots/core/image-commands.js";
import { helpReply } from "../../bots/core/help.js";
import { discordCommands } from "../../bots/discord/commands/index.js";
import { commandHelp } from "../../bots/discord/commands/help.js";
import { slackHelp } from "../../bots/slack/commands.js";
import { parseNumber, takeQuotedFlag, withoutLinkLabels } from "../../bots/slack/parse.js";
import { messageRefusal } from "../../infra/fakes/discord/limits.js";
import { checkBlocks } from "../../infra/fakes/slack/blocks.js";
import { CommandInputError } from "../../shared/chat/input-error.js";
import { toDiscordMessage } from "../../shared/chat/discord-message.js";
import { escapeMrkdwn, toSlackMessage } from "../../shared/chat/slack-message.js";
import { helpText } from "../../shared/chat/locale/commands.js";
import { chatLocales } from "../../shared/chat/locale/languages.js";
import { inputText } from "../../shared/chat/locale/refusals.js";
import { videoButtonsText } from "../../shared/chat/locale/video-buttons.js";
import { MAX_PICTURE_BYTES } from "../../shared/jobs/picture-limits.js";

const CDN = "https://cdn.discordapp.com";
const rules = { allowedOrigins: [CDN], maxBytes: 2 * 1024 * 1024 };
const picture = (name: string, contentType: string | null = "image/png", sizeBytes = 1000) => ({
  file: { url: `${CDN}/attachments/1/2/${name}`, name, sizeBytes, contentType },
});

/** An API that fails the test if anything reaches it: a refusal here must come before any call. */
const untouchable = new Proxy(
  {},
  {
    get: () => {
      throw new Error("the API was called");
    },
  },
) as Api;
const request = { api: untouchable, invocationId: "test", delivery: { channelId: "c" }, files: rules } as unknown as ChatRequest;

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

describe("pictures from chat", () => {
  it("takes PNG, JPEG and WebP by their type or, untyped, by their name", () => {
    expect(isImageFile("a.png", "image/png")).toBe(true);
    expect(isImageFile("a.JPG", "application/octet-stream")).toBe(true);
    expect(isImageFile("a.webp", null)).toBe(true);
    expect(isImageFile("a.gif", "image/gif")).toBe(false);
    expect(isImageFile("notes.txt", "text/plain")).toBe(false);
    expect(isImageFile("talk.wav", "audio/wav")).toBe(false);
  });

  it("refuses a file that is not a picture, in every language, before anything is uploaded", async () => {
    const said = refusalOf(() => checkPlatformFile(picture("notes.txt", "text/plain").file, "image", rules, true));
    expect(said).toEqual({
      en: "notes.txt is not a PNG, JPEG or WebP picture (it is text/plain).",
      de: "notes.txt ist kein PNG-, JPEG- oder WebP-Bild (es ist text/plain).",
      fr: "notes.txt n'est pas une image PNG, JPEG ou WebP (c'est text/plain).",
    });
    await expect(uploadPlatformFile(untouchable, picture("notes.txt", "text/plain").file, "image", rules, true)).rejects.toThrow(
      /not a PNG, JPEG or WebP picture/,
    );
  });

  it("holds a picture to the API's picture size when the bots would take bigger files, and to the bots' own when smaller", () => {
    const big = picture("huge.png", "image/png", MAX_PICTURE_BYTES + 5 * 1024 * 1024).file;
    expect(refusalOf(() => checkPlatformFile(big, "image", { ...rules, maxBytes: 1024 ** 3 }, true)).en).toBe(
      "huge.png is 55 MB; the limit is 50 MB. Send a smaller file or a link.",
    );
    // A recording of that size is the bots' to take.
    expect(() =>
      checkPlatformFile({ ...big, name: "long.wav", contentType: "audio/wav" }, "media", { ...rules, maxBytes: 1024 ** 3 }, true),
    ).not.toThrow();
    expect(refusalOf(() => checkPlatformFile(picture("big.png", "image/png", 3 * 1024 * 1024).file, "image", rules, true)).en).toMatch(
      /the limit is 2\.0 MB/,
    );
  });

  it("offers a link for a too-large file only to a command that takes one: describe and a transcription do, /train does not", async () => {
    const big = picture("huge.png", "image/png", 3 * 1024 * 1024);
    expect(refusalOf(() => prepareDescribe(rules, { picture: big, private: false }))).toEqual({
      en: "huge.png is 3.0 MB; the limit is 2.0 MB. Send a smaller file or a link.",
      de: "huge.png hat 3.0 MB; die Grenze ist 2.0 MB. Schick eine kleinere Datei oder einen Link.",
      fr: "huge.png fait 3.0 MB ; la limite est 2.0 MB. Envoyez un fichier plus petit ou un lien.",
    });
    const said = async (start: Promise<unknown>) => {
      const err = await start.then(
        () => undefined,
        (e: unknown) => e,
      );
      if (!(err instanceof CommandInputError)) throw new Error(`not refused: ${String(err)}`);
      return Object.fromEntries(chatLocales.map((l) => [l, err.say(inputText[l])]));
    };
    const recording = { ...big.file, name: "talk.wav", contentType: "audio/wav" };
    expect((await said(startTranscription(request, { file: recording, private: false }))).en).toBe(
      "talk.wav is 3.0 MB; the limit is 2.0 MB. Send a smaller file or a link.",
    );
    const photos = { ...big.file, name: "photos.zip", contentType: "application/zip" };
    expect(await said(startTraining(request, { triggerWord: "fox", file: photos, private: false }))).toEqual({
      en: "photos.zip is 3.0 MB; the limit is 2.0 MB. Send a smaller file.",
      de: "photos.zip hat 3.0 MB; die Grenze ist 2.0 MB. Schick eine kleinere Datei.",
      fr: "photos.zip fait 3.0 MB ; la limite est 2.0 MB. Envoyez un fichier plus petit.",
    });
  });

  it("refuses a picture from another host than the platform's", () => {
    const elsewhere = { ...picture("a.png").file, url: "https://example.com/a.png" };
    expect(refusalOf(() => checkPlatformFile(elsewhere, "image", rules, true)).en).toBe("a.png is not hosted by the chat platform.");
  });
});

describe("the image commands, checked as the API takes them before any upload", () => {
  it("refuses a blend of 1 picture and of 5 with the API's own words", () => {
    expect(refusalOf(() => prepareBlend(rules, { pictures: [picture("a.png")], private: false })).en).toBe(
      "sources: blend needs at least 2 pictures. Nothing was created.",
    );
    const five = ["a", "b", "c", "d", "e"].map((n) => picture(`${n}.png`));
    expect(refusalOf(() => prepareBlend(rules, { pictures: five, private: false })).en).toBe(
      "sources: blend takes at most 4 pictures: FLUX Kontext multi, which blends them, has 4 image slots. Nothing was created.",
    );
    expect(refusalOf(() => checkBlend({ count: 5, private: false })).de).toMatch(
      /^Abgelehnt, es wurde nichts erstellt\. Der Dienst sagt: „sources: blend takes at most 4/,
    );
    expect(refusalOf(() => checkBlend({ count: 2, aspectRatio: "5:4", private: false })).en).toMatch(
      /^aspectRatio: blend takes one of 21:9/,
    );
    expect(() => checkBlend({ count: 3, prompt: "the fox in the lighthouse", aspectRatio: "16:9", private: false })).not.toThrow();
  });

  it("refuses a blend with one picture that is not a picture, whatever the others", () => {
    const pictures = [picture("a.png"), picture("notes.txt", "text/plain"), picture("c.jpg", "image/jpeg")];
    expect(refusalOf(() => prepareBlend(rules, { pictures, private: false })).en).toMatch(/^notes\.txt is not a PNG/);
  });

  it("passes a link through for the API to fetch, and refuses one that is not http(s) as the API does", async () => {
    expect(() => prepareDescribe(rules, { picture: { imageUrl: "https://example.com/a.png" }, private: false })).not.toThrow();
    expect(refusalOf(() => prepareDescribe(rules, { picture: { imageUrl: "ftp://example.com/a.png" }, private: false })).en).toBe(
      "imageUrl: must be an http(s) URL. Nothing was created.",
    );
    // Starting a prepared describe calls the API: nothing before.
    const start = prepareDescribe(rules, { picture: picture("a.png"), private: false });
    await expect(start(request)).rejects.toThrow("the API was called");
  });

  it("refuses reference combinations no endpoint takes, with the API's words", () => {
    const refs = (...roles: Array<"style" | "subject" | "composition">) =>
      roles.map((role) => ({ file: picture(`${role}.png`).file, role }));
    const generation = (a: Partial<Parameters<typeof prepareReferenceGeneration>[1]>) => () =>
      prepareReferenceGeneration(rules, { prompt: "a fox", references: refs("style"), private: false, ...a });
    expect(refusalOf(generation({ references: refs("style", "subject") })).en).toMatch(
      /^a style reference runs on FLUX Redux, which takes no other picture/,
    );
    expect(refusalOf(generation({ references: refs("subject"), weight: 0.5 })).en).toMatch(
      /^FLUX Kontext multi takes no weight per picture/,
    );
    expect(refusalOf(generation({ lora: "annstyle" })).en).toMatch(/^lora is not taken by FLUX Redux \(ultra\)/);
    expect(refusalOf(generation({ model: "flux-dev" })).en).toMatch(/^model is not taken by FLUX Redux/);
    expect(refusalOf(generation({ size: "1024x768" })).en).toMatch(
      /^width and height are not taken by FLUX Redux \(ultra\).*give aspectRatio/,
    );
    expect(refusalOf(generation({ weight: 1.5 })).en).toMatch(/^references\.0\.weight: must be at most 1/);
    expect(generation({ weight: 0.6, size: "16:9" })).not.toThrow();
    expect(generation({ references: refs("subject", "composition"), size: "Landscape 16:9" })).not.toThrow();
  });

  it("reads a size typed for a generation with references as the aspect ratio its endpoints take", () => {
    expect(referenceFrame("16:9")).toEqual({ aspectRatio: "16:9" });
    expect(referenceFrame("landscape_16_9")).toEqual({ aspectRatio: "16:9" });
    expect(referenceFrame("Hochformat 9:16")).toEqual({ aspectRatio: "9:16" });
    expect(referenceFrame("square_hd")).toEqual({ aspectRatio: "1:1" });
    expect(referenceFrame("1024x768")).toEqual({ width: 1024, height: 768 });
  });
});

describe("Slack's command text for the image commands", () => {
  it("reads links without their labels, and a quoted prompt as one value", () => {
    expect(withoutLinkLabels("<https://t.slack.com/files/U1/F1/a.png|my photo.png> <https://x.com/b.png> <@U1|ann>")).toBe(
      "<https://t.slack.com/files/U1/F1/a.png> <https://x.com/b.png> <@U1|ann>",
    );
    expect(takeQuotedFlag('<a> <b> --prompt "the fox, in the lighthouse" --aspect 16:9', "prompt")).toEqual({
      text: "<a> <b> --aspect 16:9",
      value: "the fox, in the lighthouse",
    });
    expect(takeQuotedFlag("<a> --prompt “à l'aube” --private", "prompt")).toEqual({ text: "<a> --private", value: "à l'aube" });
    expect(takeQuotedFlag("<a> --prompt dusk", "prompt")).toEqual({ text: "<a> --prompt dusk" });
    expect(parseNumber("0.6", "weight", 0, 1)).toBe(0.6);
    expect(refusalOf(() => parseNumber("2", "weight", 0, 1)).en).toBe("--weight must be a number from 0 to 1, such as 0.6.");
    expect(refusalOf(() => parseNumber("much", "weight", 0, 1)).fr).toBe("--weight doit être un nombre de 0 à 1, par exemple 0.6.");
  });
});

describe("/help with the image commands", () => {
  it.each(chatLocales)("fits Discord's message limits in %s, listing both message commands", (locale) => {
    const t = helpText[locale];
    const reply = helpReply(
      [...discordCommands.values()].map((c) => commandHelp(c, locale)),
      [
        { name: t.menuName, value: t.menu },
        { name: t.describeMenuName, value: t.describeMenu },
      ],
      locale,
    );
    const message = toDiscordMessage(reply) as unknown as Record<string, unknown>;
    expect(messageRefusal(message as never)).toBeUndefined();
    const text = JSON.stringify(message);
    for (const name of ["/describe", "/blend", "/video", t.describeMenuName]) expect(text).toContain(name);
    // The buttons' field names a picture's Animate and what a clip's Extend, Animate again and Download do.
    const v = videoButtonsText[locale];
    const buttons = reply.fields?.at(-1)?.value ?? "";
    for (const label of [v.buttons.animate.low, v.buttons.animate.high, v.result.extend, v.result.animateAgain, v.result.download])
      expect(buttons).toContain(label);
    expect(buttons.length).toBeLessThanOrEqual(1024);
  });

  it.each(chatLocales)(
    "lists every Slack command with its examples, 10 fields at most a section as Block Kit allows, in %s",
    async (locale) => {
      const commands = slackHelp(locale);
      expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(["describe", "blend", "video"]));
      const message = toSlackMessage(helpReply(commands, [], locale));
      const sections = message.blocks.map((b) => (b as { fields?: Array<{ text: string }> }).fields ?? []).filter((f) => f.length);
      for (const section of sections) expect(section.length).toBeLessThanOrEqual(10);
      const fields = sections.flat().map((f) => f.text);
      // Each command has a field of its own: none had to share one to fit.
      expect(fields.length).toBe(commands.length + 1);
      const shown = fields.join("\n");
      for (const c of commands) {
        expect(shown).toContain(`/${c.name}`);
        for (const e of c.examples) expect(shown).toContain(escapeMrkdwn(helpText[locale].example(e)));
      }
      expect(shown).toContain(helpText[locale].buttonsName);
      expect(shown).toContain(escapeMrkdwn(videoButtonsText[locale].result.extend));
      expect(await checkBlocks(message.blocks, { channel: "C1", canFetch: () => true, file: () => undefined })).toEqual([]);
    },
  );
});
