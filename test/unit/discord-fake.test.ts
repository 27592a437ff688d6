import { readFileSync } from "node:fs";
import path from "node:path";
import { DiscordAPIError, type REST, Routes } from "discord.js";
import { BOT_PERMISSIONS, inviteUrl } from "../../bots/discord/permissions.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { discordCommands, discordMessageCommands } from "../../bots/discord/commands/index.js";
import { registerCommands } from "../../bots/discord/register-commands.js";
import type { DiscordFake } from "../../infra/fakes/discord/index.js";
import { FAKE_CHANNEL, discordWithChannel } from "../helpers/discord-rest.js";

/** What the local Discord refuses, as Discord does: the product's tests are only as strict as these. */
describe("the Discord fake's refusals", () => {
  let discord: DiscordFake;
  let rest: REST;

  beforeAll(async () => {
    ({ discord, rest } = await discordWithChannel());
  });
  afterAll(async () => {
    await discord?.close();
  });

  const refusal = async (call: Promise<unknown>) => {
    try {
      await call;
      return undefined;
    } catch (err) {
      if (!(err instanceof DiscordAPIError)) throw err;
      return { status: err.status, code: Number(err.code), errors: (err.rawError as { errors?: unknown }).errors };
    }
  };
  const post = (body: Record<string, unknown>, channel = FAKE_CHANNEL) => refusal(rest.post(Routes.channelMessages(channel), { body }));
  const button = (id: string, label = "Go") => ({ type: 2, style: 2, custom_id: id, label });

  it("refuses messages beyond Discord's limits with 50035 and the field that broke them", async () => {
    expect(await post({ content: "x".repeat(2000) })).toBeUndefined();
    expect(await post({ content: "x".repeat(2001) })).toEqual({
      status: 400,
      code: 50035,
      errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length." }] } },
    });
    expect((await post({ embeds: Array.from({ length: 11 }, () => ({ title: "t" })) }))?.errors).toHaveProperty("embeds");
    const big = await post({ embeds: [{ title: "t", description: "d".repeat(4000) }, { description: "d".repeat(2500) }] });
    expect(big?.errors).toEqual({
      embeds: { _errors: [{ code: "MAX_EMBED_SIZE_EXCEEDED", message: "Embed size exceeds maximum size of 6000" }] },
    });
    expect((await post({ embeds: [{ title: "t".repeat(257) }] }))?.errors).toHaveProperty(["embeds", "0", "title"]);
    expect((await post({ embeds: [{ fields: [{ name: "n", value: "v".repeat(1025) }] }] }))?.errors).toHaveProperty([
      "embeds",
      "0",
      "fields",
      "0",
      "value",
    ]);
    const rows = Array.from({ length: 6 }, (_, r) => ({ type: 1, components: [button(`b${r}`)] }));
    expect((await post({ content: "x", components: rows }))?.errors).toHaveProperty("components");
    expect((await post({ content: "x", components: [{ type: 1, components: [button("a".repeat(101))] }] }))?.errors).toHaveProperty([
      "components",
      "0",
      "components",
      "0",
      "custom_id",
    ]);
    expect((await post({ content: "x", components: [{ type: 1, components: [button("same"), button("same")] }] }))?.errors).toHaveProperty([
      "components",
      "0",
      "components",
      "1",
      "custom_id",
    ]);
    expect(await post({ content: "" })).toMatchObject({ status: 400, code: 50006 });
    // Nothing refused was posted; the two that fit were.
    expect(discord.channelMessages(FAKE_CHANNEL)).toHaveLength(1);
  });

  it("takes a link button with a url and no custom id, and refuses a link button without a url or with a custom id, and a url on any other button", async () => {
    const row = (c: Record<string, unknown>) => ({ content: "x", components: [{ type: 1, components: [c] }] });
    const at = ["components", "0", "components", "0"];
    const before = discord.channelMessages(FAKE_CHANNEL).length;
    expect((await post(row({ type: 2, style: 5, label: "Open" })))?.errors).toHaveProperty([...at, "url"]);
    expect((await post(row({ type: 2, style: 5, label: "Open", url: "javascript:alert(1)" })))?.errors).toHaveProperty([...at, "url"]);
    expect((await post(row({ type: 2, style: 5, label: "Open", url: `https://example.com/${"a".repeat(500)}` })))?.errors).toHaveProperty([
      ...at,
      "url",
    ]);
    expect((await post(row({ type: 2, style: 5, label: "Open", url: "https://example.com/", custom_id: "open" })))?.errors).toHaveProperty([
      ...at,
      "custom_id",
    ]);
    expect((await post(row({ ...button("go"), url: "https://example.com/" })))?.errors).toHaveProperty([...at, "url"]);
    expect((await post(row({ type: 2, style: 1, label: "Go" })))?.errors).toHaveProperty([...at, "custom_id"]);
    expect(discord.channelMessages(FAKE_CHANNEL)).toHaveLength(before);
    expect(await post(row({ type: 2, style: 5, label: "Open", url: "https://example.com/app/sign-in?token=t" }))).toBeUndefined();
    expect(discord.channelMessages(FAKE_CHANNEL)).toHaveLength(before + 1);
  });

  it("refuses a channel the bot cannot see (50001) or write in (50013), and a DM to a user who closed them (50007)", async () => {
    discord.noAccess.add("200000000000000007");
    discord.cannotSend.add("200000000000000008");
    discord.dmsClosed.add("300000000000000001");
    expect(await post({ content: "hi" }, "200000000000000007")).toMatchObject({ status: 403, code: 50001 });
    expect(await post({ content: "hi" }, "200000000000000008")).toMatchObject({ status: 403, code: 50013 });
    const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: "300000000000000001" } })) as { id: string };
    expect(await post({ content: "hi" }, dm.id)).toMatchObject({ status: 403, code: 50007 });
  });

  it("refuses files in a channel without Attach Files (50013) and a reply without Read Message History (160002)", async () => {
    const BARE = "200000000000000009";
    const undo = discord.deny(BARE, "AttachFiles", "ReadMessageHistory");
    try {
      const withFile = await refusal(
        rest.post(Routes.channelMessages(BARE), {
          body: { content: "a file", attachments: [{ id: 0, filename: "a.txt" }] },
          files: [{ name: "a.txt", data: Buffer.from("hello") }],
        }),
      );
      expect(withFile).toMatchObject({ status: 403, code: 50013 });
      const first = (await rest.post(Routes.channelMessages(BARE), { body: { content: "plain" } })) as { id: string };
      expect(await post({ content: "a reply", message_reference: { message_id: first.id } }, BARE)).toMatchObject({
        status: 400,
        code: 160002,
      });
    } finally {
      undo();
    }
    expect(
      await post({ content: "a reply", message_reference: { message_id: discord.channelMessages(BARE)[0]?.id } }, BARE),
    ).toBeUndefined();
  });

  it("takes a modal as an interaction's answer within Discord's limits, and refuses one that breaks them or answers a modal submit", async () => {
    const user = { id: "300000000000000005", username: "mo" };
    const sent = discord.slashCommand({
      name: "generate",
      guildId: "100000000000000001",
      channelId: FAKE_CHANNEL,
      user,
      options: { prompt: "x" },
    });
    const callback = (id: string, token: string, data: Record<string, unknown>) =>
      refusal(rest.post(Routes.interactionCallback(id, token), { body: { type: 9, data }, auth: false }));
    const input = (over: Record<string, unknown> = {}) => ({
      type: 1,
      components: [{ type: 4, custom_id: "instruction", label: "What should change?", style: 2, max_length: 2000, ...over }],
    });
    expect(await callback(sent.id, sent.token, { custom_id: "edit:1:1", title: "t".repeat(46), components: [input()] })).toMatchObject({
      status: 400,
      code: 50035,
      errors: { data: { title: expect.anything() } },
    });
    expect(
      await callback(sent.id, sent.token, { custom_id: "edit:1:1", title: "Edit", components: [input({ label: "l".repeat(46) })] }),
    ).toMatchObject({ code: 50035 });
    expect(await callback(sent.id, sent.token, { custom_id: "edit:1:1", title: "Edit", components: [] })).toMatchObject({ code: 50035 });
    expect(await callback(sent.id, sent.token, { custom_id: "edit:1:1", title: "Edit", components: [input()] })).toBeUndefined();
    const submit = discord.submitModal({ user, customId: "edit:1:1", values: { instruction: "make it night" } });
    expect(await callback(submit.id, submit.token, { custom_id: "again", title: "Again", components: [input()] })).toMatchObject({
      status: 400,
      code: 50035,
    });
    // Only a modal shown to that user can be submitted, once.
    expect(() => discord.submitModal({ user, customId: "edit:1:1", values: { instruction: "twice" } })).toThrow(/no modal/);
  });

  it("forgets an interaction not answered within 3 s: its first answer gets 10062, a follow-up 10015, and its member's client says it failed", async () => {
    const user = { id: "300000000000000008", username: "lo" };
    const sent = discord.slashCommand({
      name: "generate",
      guildId: "100000000000000001",
      channelId: FAKE_CHANNEL,
      user,
      options: { prompt: "x" },
    });
    const onTime = discord.slashCommand({
      name: "generate",
      guildId: "100000000000000001",
      channelId: FAKE_CHANNEL,
      user,
      options: { prompt: "y" },
    });
    const defer = (s: { id: string; token: string }) =>
      refusal(rest.post(Routes.interactionCallback(s.id, s.token), { body: { type: 5 }, auth: false }));
    expect(await defer(onTime)).toBeUndefined();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3_001 });
    try {
      expect(discord.interactionFailed(sent.token)).toBe(true);
      expect(await defer(sent)).toEqual({ status: 404, code: 10062, errors: undefined });
      const followUp = refusal(rest.post(Routes.webhook(discord.applicationId, sent.token), { body: { content: "late" }, auth: false }));
      expect(await followUp).toMatchObject({ status: 404, code: 10015 });
      // One answered in time is not failed, and keeps its 15 minutes.
      expect(discord.interactionFailed(onTime.token)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("takes a modal of Labels (type 18) holding text inputs, as Discord recommends, and refuses a Label beyond its limits", async () => {
    const user = { id: "300000000000000006", username: "lu" };
    const callback = (data: Record<string, unknown>) => {
      const sent = discord.slashCommand({ name: "generate", guildId: "100000000000000001", channelId: FAKE_CHANNEL, user, options: {} });
      return refusal(rest.post(Routes.interactionCallback(sent.id, sent.token), { body: { type: 9, data }, auth: false }));
    };
    const label = (over: Record<string, unknown> = {}, input: Record<string, unknown> = {}) => ({
      type: 18,
      label: "What should change?",
      description: "Say it as you would to a painter.",
      component: { type: 4, custom_id: "instruction", style: 2, max_length: 2000, ...input },
      ...over,
    });
    expect(
      await callback({ custom_id: "edit:2:1", title: "Edit", components: [label(), { type: 10, content: "Be specific." }] }),
    ).toBeUndefined();
    expect(await callback({ custom_id: "edit:3:1", title: "Edit", components: [label({ label: "l".repeat(46) })] })).toMatchObject({
      status: 400,
      code: 50035,
      errors: { data: { components: { "0": { label: expect.anything() } } } },
    });
    expect(
      (await callback({ custom_id: "edit:3:1", title: "Edit", components: [label({ description: "d".repeat(101) })] }))?.errors,
    ).toHaveProperty(["data", "components", "0", "description"]);
    expect(
      (await callback({ custom_id: "edit:3:1", title: "Edit", components: [label({}, { max_length: 4001 })] }))?.errors,
    ).toHaveProperty(["data", "components", "0", "component", "max_length"]);
    // The user's client holds the Label's input to its rules too, and submits the value in the Label.
    expect(() => discord.submitModal({ user, customId: "edit:2:1", values: { instruction: "" } })).toThrow(/would not submit/);
    expect(discord.submitModal({ user, customId: "edit:2:1", values: { instruction: "make it night" } }).token).toMatch(
      /^interaction-token-/,
    );
  });

  it("refuses an autocomplete answer beyond Discord's limits: more than 25 choices, a name outside 1-100, a value over 100", async () => {
    const user = { id: "300000000000000007", username: "al" };
    const answer = (choices: unknown) => {
      const ac = discord.autocomplete({
        name: "generate",
        guildId: "100000000000000001",
        channelId: FAKE_CHANNEL,
        user,
        options: { lora: "a" },
        focused: "lora",
      });
      return refusal(rest.post(Routes.interactionCallback(ac.id, ac.token), { body: { type: 8, data: { choices } }, auth: false }));
    };
    const choice = (name: string, value = "v") => ({ name, value });
    expect(await answer(Array.from({ length: 25 }, (_, i) => choice(`c${i}`)))).toBeUndefined();
    expect(await answer([])).toBeUndefined();
    expect(await answer(Array.from({ length: 26 }, (_, i) => choice(`c${i}`)))).toEqual({
      status: 400,
      code: 50035,
      errors: { data: { choices: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 25 or fewer in length." }] } } },
    });
    expect((await answer([choice("n".repeat(101))]))?.errors).toHaveProperty(["data", "choices", "0", "name"]);
    expect((await answer([choice("")]))?.errors).toHaveProperty(["data", "choices", "0", "name"]);
    expect((await answer([choice("ok", "v".repeat(101))]))?.errors).toHaveProperty(["data", "choices", "0", "value"]);
    expect(await answer([choice("ok", "v".repeat(100))])).toBeUndefined();
  });

  it("the setup guide's invite link asks for the permissions the bot's calls need", () => {
    const guide = readFileSync(path.resolve(import.meta.dirname, "../../docs/chat-bots.md"), "utf8");
    expect(guide).toContain(inviteUrl("<DISCORD_APPLICATION_ID>"));
    expect(Object.keys(BOT_PERMISSIONS).sort()).toEqual([
      "AttachFiles",
      "EmbedLinks",
      "ReadMessageHistory",
      "SendMessages",
      "SendMessagesInThreads",
      "ViewChannel",
    ]);
  });

  it("refuses command registrations that break Discord's naming and option rules, and takes the project's own", async () => {
    const put = (body: unknown) => refusal(rest.put(Routes.applicationCommands(discord.applicationId), { body }));
    const option = (name: string, required = false) => ({ type: 3, name, description: "an option", required });
    expect((await put([{ name: "Generate", description: "d" }]))?.errors).toHaveProperty(["0", "name"]);
    expect((await put([{ name: "generate", description: "d".repeat(101) }]))?.errors).toHaveProperty(["0", "description"]);
    expect(
      (await put([{ name: "generate", description: "d", options: Array.from({ length: 26 }, (_, i) => option(`o${i}`)) }]))?.errors,
    ).toHaveProperty(["0", "options"]);
    expect((await put([{ name: "generate", description: "d", options: [option("a"), option("b", true)] }]))?.errors).toHaveProperty([
      "0",
      "options",
      "1",
      "required",
    ]);
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    expect((await put([{ name: "generate", description: "d", options: [{ ...option("size"), choices }] }]))?.errors).toHaveProperty([
      "0",
      "options",
      "0",
      "choices",
    ]);
    // A context-menu command has a name only.
    expect((await put([{ name: "Transcribe", type: 3, description: "d" }]))?.errors).toHaveProperty(["0", "description"]);
    expect((await put([{ name: "Transcribe", type: 3, options: [option("a")] }]))?.errors).toHaveProperty(["0", "options"]);
    // Localizations: keyed by Discord's locales, each held to its field's rule.
    expect((await put([{ name: "generate", description: "d", description_localizations: { fr_FR: "générer" } }]))?.errors).toHaveProperty([
      "0",
      "description_localizations",
      "fr_FR",
    ]);
    expect(
      (await put([{ name: "generate", description: "d", description_localizations: { fr: "d".repeat(101) } }]))?.errors,
    ).toHaveProperty(["0", "description_localizations", "fr"]);
    expect(
      (await put([{ name: "generate", description: "d", options: [{ ...option("size"), description_localizations: { de: "" } }] }]))
        ?.errors,
    ).toHaveProperty(["0", "options", "0", "description_localizations", "de"]);
    expect((await put([{ name: "generate", description: "d", name_localizations: { de: "Erzeugen" } }]))?.errors).toHaveProperty([
      "0",
      "name_localizations",
      "de",
    ]);
    expect(
      (
        await put([
          {
            name: "generate",
            description: "d",
            options: [{ ...option("size"), choices: [{ name: "c", value: "c", name_localizations: { xx: "c" } }] }],
          },
        ])
      )?.errors,
    ).toHaveProperty(["0", "options", "0", "choices", "0", "name_localizations", "xx"]);
    // A choice's value is 100 characters at most; an option's lengths are 0-6000 (min) and 1-6000 (max).
    expect(
      (
        await put([
          { name: "generate", description: "d", options: [{ ...option("size"), choices: [{ name: "c", value: "v".repeat(101) }] }] },
        ])
      )?.errors,
    ).toHaveProperty(["0", "options", "0", "choices", "0", "value"]);
    expect(
      (await put([{ name: "generate", description: "d", options: [{ ...option("prompt"), max_length: 6001 }] }]))?.errors,
    ).toHaveProperty(["0", "options", "0", "max_length"]);
    expect((await put([{ name: "generate", description: "d", options: [{ ...option("prompt"), max_length: 0 }] }]))?.errors).toHaveProperty(
      ["0", "options", "0", "max_length"],
    );
    expect(
      (await put([{ name: "generate", description: "d", options: [{ ...option("prompt"), min_length: 6001 }] }]))?.errors,
    ).toHaveProperty(["0", "options", "0", "min_length"]);
    expect(
      await put([{ name: "generate", description: "d", options: [{ ...option("prompt"), min_length: 0, max_length: 6000 }] }]),
    ).toBeUndefined();
    // Option names are unique among their siblings; autocomplete and choices do not go together.
    expect((await put([{ name: "generate", description: "d", options: [option("seed"), option("seed")] }]))?.errors).toHaveProperty([
      "0",
      "options",
      "1",
      "name",
    ]);
    expect(
      (
        await put([
          {
            name: "generate",
            description: "d",
            options: [{ ...option("lora"), autocomplete: true, choices: [{ name: "c", value: "c" }] }],
          },
        ])
      )?.errors,
    ).toHaveProperty(["0", "options", "0", "autocomplete"]);
    // A whole command holds 8000 characters: names, descriptions, choice names and values, each localized field at its longest.
    const full = (n: number, localized: boolean) => ({
      ...option(`o${n}`),
      choices: Array.from({ length: 25 }, (_, j) => ({
        name: `c${j}`,
        value: `${j}`.padEnd(100, "v"),
        ...(localized ? { name_localizations: { de: "n".repeat(100) } } : {}),
      })),
    });
    const tooLarge = {
      status: 400,
      code: 50035,
      errors: { "0": { _errors: [{ code: "APPLICATION_COMMAND_TOO_LARGE", message: "Command exceeds maximum size (8000)" }] } },
    };
    // Three options of 25 choices: 3 x 25 x 103 characters and their names and descriptions fit; German names of 100 do not.
    expect(await put([{ name: "generate", description: "d", options: [0, 1, 2].map((n) => full(n, false)) }])).toBeUndefined();
    expect(await put([{ name: "generate", description: "d", options: [0, 1, 2].map((n) => full(n, true)) }])).toEqual(tooLarge);
    const registered = (await registerCommands({
      token: discord.token,
      applicationId: discord.applicationId,
      apiUrl: discord.apiUrl,
    })) as Array<{ name: string; type?: number }>;
    expect(registered).toHaveLength(discordCommands.size + discordMessageCommands.size);
    expect(registered.filter((c) => c.type === 3).map((c) => c.name)).toEqual(["Transcribe", "Describe this image"]);
    // Every command, option and choice is described in German and French too, in the registration Discord shows by the user's language.
    type Localizable = {
      name: string;
      description?: string;
      description_localizations?: Record<string, string>;
      name_localizations?: Record<string, string>;
      options?: Localizable[];
      choices?: Localizable[];
    };
    const payload = registered as Localizable[];
    const untranslated = (items: Localizable[] | undefined, at: string): string[] =>
      (items ?? []).flatMap((c) => {
        const where = `${at}/${c.name}`;
        const map = c.description !== undefined && c.description !== "" ? c.description_localizations : c.name_localizations;
        const missing = ["de", "fr"].filter((l) => !map?.[l]).map((l) => `${where} (${l})`);
        return [...missing, ...untranslated(c.options, where), ...untranslated(c.choices, where)];
      });
    expect(untranslated(payload, "")).toEqual([]);
    const generate = payload.find((c) => c.name === "generate");
    expect(generate?.description_localizations).toMatchObject({
      de: "Bilder aus einem Prompt erzeugen",
      fr: "Générer des images à partir d'un prompt",
    });
    expect(payload.find((c) => c.name === "Transcribe")?.name_localizations).toEqual({ de: "Transkribieren", fr: "Transcrire" });
    // /video's choices come from the video endpoints: every length some model makes, the default text-to-video model's aspect
    // ratios, the models with an endpoint for a prompt or a picture; each named in German and French, within the limits above.
    type Choice = { value: string | number; name_localizations?: Record<string, string> };
    const video = payload.find((c) => c.name === "video") as unknown as
      | { options: Array<{ name: string; choices?: Choice[] }> }
      | undefined;
    const choicesOf = (option: string) => video?.options.find((o) => o.name === option)?.choices ?? [];
    expect(video?.options.map((o) => o.name)).toEqual(["prompt", "image", "duration", "aspect", "model", "motion", "private"]);
    expect(choicesOf("duration").map((c) => c.value)).toEqual([5, 6, 10]);
    expect(choicesOf("duration")[0]?.name_localizations).toEqual({ de: "5 Sekunden", fr: "5 secondes" });
    expect(choicesOf("aspect").map((c) => c.value)).toEqual(["16:9", "9:16", "1:1"]);
    expect(choicesOf("model").map((c) => c.value)).toEqual(["kling-2.1", "kling-2.5-turbo", "hailuo-02"]);
    expect(choicesOf("motion").map((c) => c.name_localizations?.fr)).toEqual(["faible", "forte"]);
  });
});
