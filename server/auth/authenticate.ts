import { ensureMember, findKeyOwner, touchApiKey, userIdPattern } from "../../shared/db/sql/accounts.js";
import type { AppDeps } from "../deps.js";
import type { Principal } from "./principal.js";

/** Header a service key uses to name the chat user it acts for. */
export const ACT_AS_HEADER = "x-act-as-user";

export type AuthResult = { ok: true; principal: Principal } | { ok: false; reason: string };

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves `Authorization: Bearer <key>`. A user key is its member; a service key (a bot)
 * must name the member it acts for, who is added to the key's workspace on first use.
 */
export async function authenticate(deps: Pick<AppDeps, "sql">, headers: Headers): Promise<AuthResult> {
  const header = headers.get("authorization");
  if (!header) return { ok: false, reason: "send an API key as 'Authorization: Bearer <key>'" };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return { ok: false, reason: "the Authorization header must be 'Bearer <key>'" };
  const owner = await findKeyOwner(deps.sql.db, match[1]);
  if (!owner) return { ok: false, reason: "the API key is unknown or revoked" };

  // Writing on every request would turn each read into a write; a minute's resolution is enough.
  if (!owner.lastUsedAt || Date.now() - owner.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    void touchApiKey(deps.sql.db, owner.keyId).catch(() => {});
  }

  if (owner.kind === "user") {
    if (!owner.userId) return { ok: false, reason: "the API key has no member" };
    return {
      ok: true,
      principal: { workspaceId: owner.workspaceId, workspaceSlug: owner.workspaceSlug, userId: owner.userId, keyId: owner.keyId, via: "user-key" },
    };
  }
  const actAs = headers.get(ACT_AS_HEADER);
  if (!actAs || !userIdPattern.test(actAs)) {
    return { ok: false, reason: `a service key must name the user it acts for in '${ACT_AS_HEADER}'` };
  }
  await ensureMember(deps.sql.db, owner.workspaceId, actAs);
  return {
    ok: true,
    principal: { workspaceId: owner.workspaceId, workspaceSlug: owner.workspaceSlug, userId: actAs, keyId: owner.keyId, via: "service-key" },
  };
}
