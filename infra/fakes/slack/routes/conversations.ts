import type { SlackState } from "../state.js";
import { refuse, type SlackApp, webApiMethod } from "./web-api.js";

/**
 * conversations.open with `users`: one user id opens (or resumes) the bot's 1:1 DM with them, a
 * `D…` id the same each time; no users is `users_list_not_supplied`, and more than one asks for a
 * group DM, which a bot token's im:write does not open (mpim:write is a user token's).
 */
export function conversationsRoutes(app: SlackApp, state: SlackState) {
  webApiMethod(app, "conversations.open", (c) => {
    const args = c.get("args");
    const users = String(args.users ?? "")
      .split(",")
      .map((u) => u.trim())
      .filter(Boolean);
    if (users.length === 0) return refuse(c, "users_list_not_supplied");
    if (users.length > 1) return refuse(c, "missing_scope", { needed: "mpim:write" });
    const user = users[0] as string;
    if (!/^[UW][A-Z0-9]{2,}$/.test(user)) return refuse(c, "user_not_found");
    const already = state.dms.get(user);
    const id = already ?? `D${user.slice(1)}`;
    state.dms.set(user, id);
    return c.json({ ok: true, ...(already ? { already_open: true } : {}), channel: { id } });
  });
}
