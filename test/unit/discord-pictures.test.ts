import { type REST, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toDiscordMessage } from "../../shared/chat/discord-message.js";
import type { ChatReply } from "../../shared/chat/reply.js";
import type { DiscordFake, StoredMessage } from "../../infra/fakes/discord/index.js";
import { FAKE_CHANNEL, discordWithChannel } from "../helpers/discord-rest.js";

/** A four-picture result as the deliver worker renders it: links to our downloads, and the pictures as files. */
const result: ChatReply = {
  title: "Image generation: four foxes",
  tone: "success",
  lines: ["4 images ready."],
  images: [1, 2, 3, 4].map((n) => ({ url: `https://content.example/d/link${n}`, alt: `four foxes (${n} of 4)` })),
  links: [1, 2, 3, 4].map((n) => ({ label: `image_${n}.png`, url: `https://content.example/d/link${n}` })),
};
const pictures = [1, 2, 3, 4].map((n) => ({ name: `image_${n}.png`, data: Buffer.from(`picture ${n}`), contentType: "image/png" }));

/** What a member sees of a result with several pictures: every one of them, on Discord's documented terms. */
describe("a Discord result with four pictures", () => {
  let discord: DiscordFake;
  let rest: REST;

  beforeAll(async () => {
    ({ discord, rest } = await discordWithChannel());
  });
  afterAll(async () => {
    await discord?.close();
  });

  const post = async (body: Record<string, unknown>, files?: typeof pictures) =>
    (await rest.post(Routes.channelMessages(FAKE_CHANNEL), { body, ...(files ? { files } : {}) })) as StoredMessage;

  it("shows every picture when they go as files, each from Discord's CDN, none listed again as a file", async () => {
    const attached = pictures.map((p) => p.name);
    const message = await post(
      { ...toDiscordMessage(result, { attached }), attachments: pictures.map((p, id) => ({ id, filename: p.name })) },
      pictures,
    );
    const seen = discord.seen(message);
    expect(seen.pictures).toHaveLength(4);
    expect(seen.pictures.map((url) => discord.attachment(url)?.toString())).toEqual(["picture 1", "picture 2", "picture 3", "picture 4"]);
    expect(seen.files).toEqual([]);
    // The title and the text are the first embed's; the others are pictures alone.
    expect(seen.embeds[0]).toMatchObject({ title: "Image generation: four foxes" });
  });

  it("shows every picture when they go as links (Discord refused the files)", async () => {
    const seen = discord.seen(await post({ ...toDiscordMessage(result), attachments: [] }));
    expect(seen.pictures).toEqual(result.images?.map((i) => i.url));
  });

  it("a message whose embeds share a url shows only its first picture: the fold is no documented way to show more", async () => {
    const shared = {
      embeds: result.images?.map((img) => ({ url: "https://content.example/d/link1", image: { url: img.url } })),
    };
    expect(discord.seen(await post(shared)).pictures).toEqual(["https://content.example/d/link1"]);
  });
});
