import { messageRefusal } from "../limits.js";
import { snowflake } from "../objects.js";
import type { DiscordState } from "../state.js";
import { botOnly, type DiscordApp, reply } from "./rest.js";

const missingAccess = { message: "Missing Access", code: 50001 };
const missingPermissions = { message: "Missing Permissions", code: 50013 };

/**
 * A channel's messages: the bot posts where it may see and write (and attach files, and read the
 * history it replies to), DMs a member who accepts them, and edits its own messages; a nonce with
 * `enforce_nonce` posts once.
 */
export function channelsRoutes(app: DiscordApp, state: DiscordState) {
  app.post("/channels/:channelId/messages", botOnly(state), (c) => {
    const channelId = c.req.param("channelId");
    const body = c.get("body");
    const uploads = c.get("uploads");
    const { settings } = state;
    if (settings.noAccess.has(channelId)) return reply(c, 403, missingAccess);
    if (settings.cannotSend.has(channelId)) return reply(c, 403, missingPermissions);
    if (uploads.length > 0 && state.denied.get(channelId)?.has("AttachFiles")) return reply(c, 403, missingPermissions);
    if (
      (body?.message_reference as { message_id?: string } | undefined)?.message_id &&
      state.denied.get(channelId)?.has("ReadMessageHistory")
    )
      return reply(c, 400, { message: "Cannot reply without permission to read message history", code: 160002 });
    if (channelId.startsWith("dm") && settings.dmsClosed.has(channelId.slice(2)))
      return reply(c, 403, { message: "Cannot send messages to this user", code: 50007 });
    const refused = messageRefusal(body);
    if (refused) return reply(c, refused.status, refused.body);
    const nonce = typeof body?.nonce === "string" ? `${channelId}:${body.nonce}` : undefined;
    if (nonce && body?.enforce_nonce && state.nonces.has(nonce))
      return reply(
        c,
        200,
        state.channels.get(channelId)?.find((x) => x.nonce === body?.nonce),
      );
    // A reply must name a message of the same channel, unless it asks not to fail without one.
    const ref = body?.message_reference as { message_id?: string; fail_if_not_exists?: boolean } | undefined;
    if (ref?.message_id && ref.fail_if_not_exists !== false && !state.channels.get(channelId)?.some((x) => x.id === ref.message_id)) {
      return reply(c, 400, {
        message: "Invalid Form Body",
        code: 50035,
        errors: { message_reference: { _errors: [{ code: "REPLIES_UNKNOWN_MESSAGE", message: "Unknown message" }] } },
      });
    }
    if (nonce) state.nonces.add(nonce);
    const id = snowflake();
    const msg = state.message(channelId, state.withAttachments(id, body ?? {}, uploads), { id });
    state.post(channelId, msg);
    return reply(c, 200, msg);
  });

  app.patch("/channels/:channelId/messages/:messageId{[0-9]+}", botOnly(state), (c) => {
    const { channelId, messageId } = c.req.param();
    const body = c.get("body");
    const uploads = c.get("uploads");
    // Editing its own message needs the bot to see the channel, not to be allowed to send there.
    if (state.settings.noAccess.has(channelId)) return reply(c, 403, missingAccess);
    if (uploads.length > 0 && state.denied.get(channelId)?.has("AttachFiles")) return reply(c, 403, missingPermissions);
    const current = [...(state.channels.get(channelId) ?? []), ...state.originals.values()].find(
      (x) => x.id === messageId && x.channel_id === channelId,
    );
    if (!current) return reply(c, 404, { message: "Unknown Message", code: 10008 });
    if ((Number(current.flags ?? 0) & 64) === 64) return reply(c, 404, { message: "Unknown Message", code: 10008 });
    const refused = messageRefusal(body, { edit: true });
    if (refused) return reply(c, refused.status, refused.body);
    Object.assign(current, state.withAttachments(current.id, body ?? {}, uploads, current.attachments as unknown[]), {
      edited_timestamp: new Date().toISOString(),
    });
    return reply(c, 200, current);
  });
}
