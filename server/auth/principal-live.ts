import { and, eq, isNull } from "drizzle-orm";
import type { Principal } from "../../jobs/principal.js";
import { apiKeys } from "../../shared/db/sql/schema.js";
import { sessionIsLive } from "../../shared/db/sql/web-sessions.js";
import type { AppDeps } from "../deps.js";

/**
 * Whether the key or gallery session a call was authenticated with still stands. A call is
 * checked once when it starts; a long one (a jobs.watch stream) asks again as it goes, so
 * revoking a key or a session also ends the streams it opened.
 */
export async function principalIsLive(deps: Pick<AppDeps, "sql">, p: Principal): Promise<boolean> {
  if (p.via === "web-session") return sessionIsLive(deps.sql.db, p.keyId.replace(/^session:/, ""));
  const rows = await deps.sql.db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, p.keyId), isNull(apiKeys.revokedAt)))
    .limit(1);
  return rows.length > 0;
}
