import { type REST, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiscordFake } from "../../infra/fakes/discord/index.js";
import { type SlackFake, startSlackFake } from "../../infra/fakes/slack/index.js";
import { FAKE_CHANNEL, discordWithChannel } from "../helpers/discord-rest.js";
import { makeWav } from "../helpers/media.js";

/** What members send the bots beyond text: files with a command, and what autocomplete answered them. */
describe("members' files and autocomplete in the local platforms", () => {
  let discord: DiscordFake;
  let rest: REST;
  let slack: SlackFake;
  const user = { id: "300000000000000007", username: "al" };

  beforeAll(async () => {
    ({ discord, rest } = await discordWithChannel());
    slack = await startSlackFake();
  });
  afterAll(async () => {
    await discord?.close();
    await slack?.close();
  });

  it("Discord: a file uploaded with a command is an attachment option resolved to its own CDN URL, named as the member's file", async () => {
    const wav = makeWav(1);
    const sent = (name: string) =>
      discord.slashCommand({
        name: "transcribe",
        guildId: "100000000000000001",
        channelId: FAKE_CHANNEL,
        user,
        attachments: { file: { fileName: name, contentType: "audio/wav", bytes: wav } },
      }).payload as {
        data: {
          options: Array<{ name: string; type: number; value: string }>;
          resolved: { attachments: Record<string, Record<string, unknown>> };
        };
      };
    const first = sent("standup.wav");
    const again = sent("standup.wav");
    const option = first.data.options.find((o) => o.name === "file");
    expect(option?.type).toBe(11);
    const attachment = first.data.resolved.attachments[option?.value ?? ""];
    expect(attachment).toMatchObject({ filename: "standup.wav", size: wav.length, content_type: "audio/wav" });
    const res = await fetch(String(attachment?.url));
    expect(Buffer.from(await res.arrayBuffer()).equals(wav)).toBe(true);
    // Two uploads of one name are two files.
    const other = Object.values(again.data.resolved.attachments)[0];
    expect(other?.url).not.toBe(attachment?.url);
  });

  it("Discord: keeps autocomplete's answer (type 8) for the member's client, and nothing for one it refused", async () => {
    const ask = () =>
      discord.autocomplete({
        name: "generate",
        guildId: "100000000000000001",
        channelId: FAKE_CHANNEL,
        user,
        options: { prompt: "x", lora: "ann" },
        focused: "lora",
      });
    const ac = ask();
    expect(discord.autocompleteChoices(ac.token)).toBeUndefined();
    await rest.post(Routes.interactionCallback(ac.id, ac.token), {
      body: { type: 8, data: { choices: [{ name: "annstyle (v1)", value: "job-1" }] } },
      auth: false,
    });
    expect(discord.autocompleteChoices(ac.token)).toEqual([{ name: "annstyle (v1)", value: "job-1" }]);
    const refused = ask();
    const many = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `v${i}` }));
    await expect(
      rest.post(Routes.interactionCallback(refused.id, refused.token), { body: { type: 8, data: { choices: many } }, auth: false }),
    ).rejects.toThrow();
    expect(discord.autocompleteChoices(refused.token)).toBeUndefined();
  });

  it("Slack: a shared file is the member's message in the conversation, and files.info gives its private download", async () => {
    const wav = makeWav(1);
    const shared = slack.shareFile({ channelId: "C0GENERAL", userId: "U0ANN", name: "standup.wav", mimetype: "audio/wav", bytes: wav });
    expect(shared.permalink).toMatch(new RegExp(`/files/U0ANN/${shared.id}/standup\\.wav$`));
    expect(slack.messages("C0GENERAL").find((m) => m.ts === shared.ts)).toMatchObject({ user: "U0ANN", files: [shared.id] });
    expect(slack.sharedFile(shared.id)).toEqual({ name: "standup.wav", mimetype: "audio/wav", size: wav.length, user: "U0ANN" });
    const info = (await (
      await fetch(`${slack.apiUrl}files.info`, {
        method: "POST",
        headers: { authorization: `Bearer ${slack.botToken}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ file: shared.id }),
      })
    ).json()) as { file: { url_private_download: string } };
    const download = await fetch(info.file.url_private_download, { headers: { authorization: `Bearer ${slack.botToken}` } });
    expect(Buffer.from(await download.arrayBuffer()).equals(wav)).toBe(true);
  });
});
