import { autocompleteRefusal } from "../command-limits.js";
import type { DiscordRefusal } from "../form-errors.js";
import { messageRefusal } from "../limits.js";
import { modalRefusal } from "../modal-limits.js";
import { userObject } from "../objects.js";
import type { DiscordState, Interaction } from "../state.js";
import { type DiscordApp, reply } from "./rest.js";

/**
 * An interaction's first answer (POST /interactions/:id/:token/callback): once, within 3 seconds;
 * a message (4, 7), a modal (9) or autocomplete's choices (8) within Discord's limits; a deferral (5) leaves an empty original
 * for the bot to edit. Types 4 and 5 make the original response the webhook routes then edit.
 */
export function interactionsRoutes(app: DiscordApp, state: DiscordState) {
  app.post("/interactions/:id{[0-9]+}/:token/callback", (c) => {
    const tok = c.req.param("token");
    const interaction = state.interactions.get(tok);
    // Discord forgets an interaction not answered within 3 seconds.
    if (!interaction || interaction.id !== c.req.param("id") || state.interactionFailed(tok))
      return reply(c, 404, { message: "Unknown interaction", code: 10062 });
    if (interaction.acked) return reply(c, 400, { message: "Interaction has already been acknowledged.", code: 40060 });
    const body = c.get("body");
    const type = Number(body?.type);
    const data = (body?.data ?? {}) as Record<string, unknown>;
    // A modal answers a command or a component, never another modal's submit.
    if (type === 9 && interaction.type === 5)
      return reply(c, 400, {
        message: "Invalid Form Body",
        code: 50035,
        errors: { type: { _errors: [{ code: "INTERACTION_RESPONSE_TYPE_INVALID", message: "A modal cannot answer a modal submit." }] } },
      });
    const refused: DiscordRefusal | undefined =
      type === 4 || type === 7
        ? messageRefusal(data, { edit: type === 7 })
        : type === 9
          ? modalRefusal(data)
          : type === 8
            ? autocompleteRefusal(data)
            : undefined;
    // A callback's fields are under `data`, and Discord names them so: `data.choices[0].name`.
    if (refused)
      return reply(c, refused.status, { ...refused.body, ...(refused.body.errors ? { errors: { data: refused.body.errors } } : {}) });
    interaction.acked = true;
    if (type === 8) interaction.choices = (data.choices as Interaction["choices"]) ?? [];
    if (type === 9)
      state.modals.set(`${interaction.user.id}:${String(data.custom_id)}`, {
        data,
        channelId: interaction.channelId,
        guildId: interaction.guildId,
        message: interaction.message,
      });
    interaction.ephemeral = (Number(data.flags ?? 0) & 64) === 64;
    if (type === 4 || type === 5) {
      state.originals.set(
        tok,
        state.message(interaction.channelId, type === 4 ? data : { content: "" }, {
          flags: Number(data.flags ?? 0),
          type: 20,
          interaction_metadata: {
            id: interaction.id,
            type: interaction.type,
            user: userObject(interaction.user),
            authorizing_integration_owners: { "0": interaction.guildId },
          },
        }),
      );
    }
    if (c.req.query("with_response") === "true") {
      return reply(c, 200, {
        interaction: {
          id: interaction.id,
          type: 2,
          response_message_loading: type === 5,
          response_message_ephemeral: interaction.ephemeral,
        },
        resource: { type, message: state.originals.get(tok) },
      });
    }
    return reply(c, 204);
  });
}
