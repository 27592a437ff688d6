import { messageRefusal } from "../limits.js";
import { snowflake } from "../objects.js";
import type { DiscordState } from "../state.js";
import { type DiscordApp, noRoute, reply } from "./rest.js";

/**
 * An interaction token's webhook: follow-up messages, and reading, editing or deleting the
 * original response or a follow-up, for 15 minutes (`tokenLifetimeMs`) after the interaction.
 */
export function webhooksRoutes(app: DiscordApp, state: DiscordState) {
  app.all("/webhooks/:appId{[0-9]+}/:token/messages/:which", (c) => {
    const { appId, token: tok, which } = c.req.param();
    if (appId !== state.applicationId || !tok) return reply(c, 404, { message: "Unknown Webhook", code: 10015 });
    // An interaction token works for 15 minutes (tokenLifetimeMs), then every use is refused.
    const born = state.interactions.get(tok)?.createdAt;
    if (born !== undefined && Date.now() - born > state.settings.tokenLifetimeMs)
      return reply(c, 401, { message: "Invalid Webhook Token", code: 50027 });
    const current = which === "@original" ? state.originals.get(tok) : state.followUps.get(tok)?.find((x) => x.id === which);
    if (!current) return reply(c, 404, { message: "Unknown Message", code: 10008 });
    const method = c.req.method;
    if (method === "GET") return reply(c, 200, current);
    if (method === "DELETE") {
      if (which === "@original") state.originals.delete(tok);
      return reply(c, 204);
    }
    if (method !== "PATCH") return noRoute(c);
    const body = c.get("body");
    const refused = messageRefusal(body, { edit: true });
    if (refused) return reply(c, refused.status, refused.body);
    Object.assign(current, state.withAttachments(current.id, body ?? {}, c.get("uploads"), current.attachments as unknown[]), {
      edited_timestamp: new Date().toISOString(),
    });
    return reply(c, 200, current);
  });

  app.post("/webhooks/:appId{[0-9]+}/:token", (c) => {
    const tok = c.req.param("token");
    const interaction = state.interactions.get(tok);
    // Follow-ups come after the first answer: an interaction never answered has no webhook.
    if (!interaction?.acked) return reply(c, 404, { message: "Unknown Webhook", code: 10015 });
    const body = c.get("body");
    const refused = messageRefusal(body);
    if (refused) return reply(c, refused.status, refused.body);
    const id = snowflake();
    const msg = state.message(interaction.channelId, state.withAttachments(id, body ?? {}, c.get("uploads")), { id });
    state.followUps.set(tok, [...(state.followUps.get(tok) ?? []), msg]);
    return reply(c, 200, msg);
  });
}
