import type { Context } from "hono";
import type { Principal } from "../../jobs/principal.js";
import type { ActiveSession } from "../../shared/db/sql/web-sessions.js";

/** Set per gallery request: the request id (by the app), and the session and its member once the cookie was read. */
export type WebEnv = {
  Variables: { requestId: string; session?: ActiveSession; principal?: Principal; clientAddress?: string };
};

export type WebContext = Context<WebEnv>;
