import { userObject } from "../objects.js";
import type { DiscordState } from "../state.js";
import { botOnly, type DiscordApp, reply } from "./rest.js";

/** The bot's own user, and the DM channel it opens with a member (`dm<user id>`). */
export function usersRoutes(app: DiscordApp, state: DiscordState) {
  app.get("/users/@me", (c) => reply(c, 200, userObject(state.botUser, true)));

  app.post("/users/@me/channels", botOnly(state), (c) => {
    const recipient = String(c.get("body")?.recipient_id ?? "");
    return reply(c, 200, {
      id: `dm${recipient}`,
      type: 1,
      recipients: [userObject({ id: recipient, username: `user${recipient}` })],
      last_message_id: null,
    });
  });
}
