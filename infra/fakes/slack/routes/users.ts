import type { SlackState } from "../state.js";
import { type SlackApp, webApiMethod } from "./web-api.js";

/** users.info: a member, an admin or not, with their locale when asked. */
export function usersRoutes(app: SlackApp, state: SlackState) {
  webApiMethod(app, "users.info", (c) => {
    const args = c.get("args");
    return c.json({
      ok: true,
      user: {
        id: args.user,
        name: `user-${String(args.user).toLowerCase()}`,
        real_name: "Fake User",
        team_id: c.get("grant").teamId ?? "T0FAKE",
        is_admin: state.settings.admins.has(String(args.user)),
        is_owner: false,
        // Slack gives the user's locale only when asked for it.
        ...(args.include_locale === true || args.include_locale === "true"
          ? { locale: state.settings.userLocales.get(String(args.user)) ?? "en-US" }
          : {}),
      },
    });
  });
}
