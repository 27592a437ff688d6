import { commandInputRefusal } from "./command-limits.js";
import type { Gateway } from "./gateway.js";
import type { DiscordFake, FakeUser, OptionValue, SlashOptions } from "./handle.js";
import { modalInputs } from "./modal-limits.js";
import { ALL_PERMISSIONS, snowflake, userObject } from "./objects.js";
import type { DiscordState } from "./state.js";

/** What members do in Discord that reaches the bot: interactions over the gateway, and messages in channels. */
export type MemberActions = Pick<
  DiscordFake,
  "slashCommand" | "autocomplete" | "clickButton" | "chooseOption" | "submitModal" | "userMessage" | "messageCommand"
>;

type Option = { name: string; type: number; value?: unknown; focused?: boolean; options?: Option[] };

export function memberActions(state: DiscordState, gateway: Gateway): MemberActions {
  /** A new interaction (or one Discord resends, by `id`): its token, and the fields every interaction payload carries. */
  function base(opts: { guildId: string; channelId: string; user: FakeUser; id?: string; type: number }) {
    const id = opts.id ?? snowflake();
    const tok = `interaction-token-${id}`;
    if (!state.interactions.has(tok))
      state.interactions.set(tok, {
        id,
        type: opts.type,
        user: opts.user,
        acked: false,
        ephemeral: false,
        channelId: opts.channelId,
        guildId: opts.guildId,
        createdAt: Date.now(),
      });
    return {
      id,
      token: tok,
      payload: {
        id,
        application_id: state.applicationId,
        token: tok,
        version: 1,
        guild_id: opts.guildId,
        channel_id: opts.channelId,
        channel: { id: opts.channelId, type: 0, guild_id: opts.guildId, name: "general", permissions: ALL_PERMISSIONS },
        member: {
          user: userObject(opts.user),
          roles: [],
          permissions: state.settings.memberPermissions.get(opts.user.id) ?? ALL_PERMISSIONS,
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
          nick: null,
          avatar: null,
          premium_since: null,
          pending: false,
        },
        app_permissions: ALL_PERMISSIONS,
        locale: state.settings.userLocales.get(opts.user.id) ?? "en-US",
        guild_locale: "en-US",
        entitlements: [],
        authorizing_integration_owners: { "0": opts.guildId },
        context: 0,
        attachment_size_limit: 26_214_400,
      } as Record<string, unknown>,
    };
  }

  /** Sends the interaction to the bot over the gateway, at once or `lagMs` after Discord made it. */
  function deliver(payload: Record<string, unknown>, lagMs = 0) {
    if (lagMs > 0) setTimeout(() => gateway.dispatch("INTERACTION_CREATE", payload), lagMs);
    else gateway.dispatch("INTERACTION_CREATE", payload);
  }

  /** A chat input command's data: its options, subcommands, and attachments resolved to files this fake serves. */
  function commandData(o: SlashOptions, focused?: string) {
    // Discord types each option as the command registered it: a NUMBER option (10) arrives as 10 even when its value is whole.
    const registered = state.commands.find((c) => c.name === o.name && (c.type === undefined || c.type === 1));
    const definitionsOf = (options: unknown) => (Array.isArray(options) ? options : []) as Array<Record<string, unknown>>;
    const optionOf = (name: string, value: OptionValue, definitions: Array<Record<string, unknown>>): Option => {
      const defined = definitions.find((d) => d.name === name)?.type;
      return {
        name,
        type: typeof defined === "number" ? defined : typeof value === "boolean" ? 5 : typeof value === "number" ? 4 : 3,
        value,
        ...(name === focused ? { focused: true } : {}),
      };
    };
    const top = definitionsOf(registered?.options);
    const options: Option[] = Object.entries(o.options ?? {}).map(([name, value]) => {
      if (typeof value !== "object") return optionOf(name, value, top);
      const sub = definitionsOf(top.find((d) => d.name === name)?.options);
      return { name, type: 1, options: Object.entries(value).map(([n, v]) => optionOf(n, v, sub)) };
    });
    const attachments: Record<string, unknown> = {};
    for (const [name, file] of Object.entries(o.attachments ?? {})) {
      const id = snowflake();
      // An upload with the command gets a CDN path of its own, as a member's message's files do.
      const url = file.bytes
        ? state.serveFile(`${id}-${file.fileName}`, file.bytes)
        : `${state.origin}/files/${encodeURIComponent(file.fileName)}`;
      const bytes = file.bytes ?? state.files.get(file.fileName);
      attachments[id] = {
        id,
        filename: file.fileName,
        size: file.size ?? bytes?.length ?? 0,
        url,
        proxy_url: url,
        content_type: file.contentType,
      };
      options.push({ name, type: 11, value: id });
    }
    return {
      id: snowflake(),
      name: o.name,
      type: 1,
      guild_id: o.guildId,
      options,
      ...(Object.keys(attachments).length ? { resolved: { attachments } } : {}),
    };
  }

  return {
    slashCommand(o) {
      // As submitModal: what the member's client would not send is the caller's mistake, thrown.
      const refusal = commandInputRefusal(state.commands, o.name, o.options);
      if (refusal) throw new Error(refusal);
      const b = base({ ...o, type: 2 });
      const payload = { ...b.payload, type: 2, data: commandData(o) };
      const sentAt = Date.now();
      deliver(payload, o.lagMs);
      return { id: b.id, token: b.token, sentAt, payload };
    },
    autocomplete(o) {
      const b = base({ ...o, type: 4 });
      gateway.dispatch("INTERACTION_CREATE", { ...b.payload, type: 4, data: commandData(o, o.focused) });
      return { id: b.id, token: b.token };
    },
    clickButton(o) {
      const b = base({ guildId: o.guildId, channelId: o.message.channel_id, user: o.user, type: 3 });
      const clicked = state.interactions.get(b.token);
      if (clicked) clicked.message = o.message;
      const sentAt = Date.now();
      deliver({ ...b.payload, type: 3, message: o.message, data: { custom_id: o.customId, component_type: 2 } }, o.lagMs);
      return { id: b.id, token: b.token, sentAt };
    },
    chooseOption(o) {
      const rows = (o.message.components ?? []) as Array<{ components?: Array<Record<string, unknown>> }>;
      const select = rows.flatMap((r) => r.components ?? []).find((c) => c.type === 3 && c.custom_id === o.customId);
      if (!select) throw new Error(`message ${o.message.id} has no select menu ${o.customId}`);
      const offered = new Set(((select.options ?? []) as Array<{ value: string }>).map((x) => x.value));
      const [min, max] = [Number(select.min_values ?? 1), Number(select.max_values ?? 1)];
      if (o.values.length < min || o.values.length > max || o.values.some((v) => !offered.has(v)))
        throw new Error(`Discord's client would not send ${JSON.stringify(o.values)} from ${o.customId}`);
      const b = base({ guildId: o.guildId, channelId: o.message.channel_id, user: o.user, type: 3 });
      const chosen = state.interactions.get(b.token);
      if (chosen) chosen.message = o.message;
      const sentAt = Date.now();
      deliver({ ...b.payload, type: 3, message: o.message, data: { custom_id: o.customId, component_type: 3, values: o.values } }, o.lagMs);
      return { id: b.id, token: b.token, sentAt };
    },
    submitModal(o) {
      const shown = state.modals.get(`${o.user.id}:${o.customId}`);
      if (!shown) throw new Error(`no modal ${o.customId} was shown to ${o.user.id}`);
      const inputs = modalInputs(shown.data);
      for (const input of inputs) {
        const value = o.values[input.customId] ?? "";
        if (
          (input.required && value.length === 0) ||
          (value.length > 0 && value.length < input.minLength) ||
          value.length > input.maxLength
        ) {
          throw new Error(`Discord's client would not submit ${input.customId}=${JSON.stringify(value)}`);
        }
      }
      state.modals.delete(`${o.user.id}:${o.customId}`);
      const b = base({ guildId: shown.guildId, channelId: shown.channelId, user: o.user, type: 5 });
      const sentAt = Date.now();
      gateway.dispatch("INTERACTION_CREATE", {
        ...b.payload,
        type: 5,
        ...(shown.message ? { message: shown.message } : {}),
        data: {
          custom_id: o.customId,
          // Each value in what held its input: a Label's `component`, or an action row's `components`.
          components: inputs.map((i) => {
            const input = { type: 4, custom_id: i.customId, value: o.values[i.customId] ?? "" };
            return i.inLabel ? { type: 18, component: input } : { type: 1, components: [input] };
          }),
        },
      });
      return { id: b.id, token: b.token, sentAt };
    },
    userMessage(o) {
      const attachments = (o.files ?? []).map((f) => {
        const url = state.serveFile(`${snowflake()}-${f.fileName}`, f.bytes);
        return { id: snowflake(), filename: f.fileName, size: f.bytes.length, url, proxy_url: url, content_type: f.contentType };
      });
      const msg = { ...state.message(o.channelId, { content: o.content ?? "" }), author: userObject(o.user), attachments };
      state.post(o.channelId, msg);
      return msg;
    },
    messageCommand(o) {
      const b = base({ guildId: o.guildId, channelId: o.message.channel_id, user: o.user, type: 2 });
      const sentAt = Date.now();
      gateway.dispatch("INTERACTION_CREATE", {
        ...b.payload,
        type: 2,
        data: { id: snowflake(), name: o.name, type: 3, target_id: o.message.id, resolved: { messages: { [o.message.id]: o.message } } },
      });
      return { id: b.id, token: b.token, sentAt };
    },
  };
}
