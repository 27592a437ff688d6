import { type KeyOwner, ensureChatMember, ensureMember, findKeyOwner, touchApiKey } from "../../shared/db/sql/accounts.js";
import { USER_ID_RULE, isUserId } from "../../shared/user-id.js";
import type { AppDeps } from "../deps.js";
import type { Principal } from "../../jobs/principal.js";
import type { DependencyUnavailable } from "../../shared/dependency-down.js";
import type { RateLimited } from "./rate-limited.js";

/** Header a service or bot key uses to name the user it acts for (for a bot: the platform's user id). */
export const ACT_AS_HEADER = "x-act-as-user";
/** Header a bot key uses to name the guild or team it acts in. */
export const ACT_IN_HEADER = "x-act-in-workspace";
/** Optional display names a bot passes along (URI-encoded), stored when the member is created. */
export const ACT_AS_NAME_HEADER = "x-act-as-name";
export const ACT_IN_NAME_HEADER = "x-act-in-workspace-name";
/** A bot vouches that its chat user administers the guild or team (Discord's Manage Server; a Slack admin or owner). */
export const ACT_AS_ADMIN_HEADER = "x-act-as-admin";

const platformIdPattern = /^[A-Za-z0-9]{1,64}$/;

/**
 * A refusal is 401, or 429 when `limited` (the address guessed keys too often), or 400 when
 * `badRequest`: the key was right but the request named a user id no user may have, or 503 when
 * `unavailable`: the keys could not be read (PostgreSQL down).
 */
export type AuthResult =
  | { ok: true; principal: Principal /** The hits of `failuresBucket` in this window, when one was named. */; failures?: number }
  | { ok: false; reason: string; limited?: RateLimited; badRequest?: boolean; unavailable?: DependencyUnavailable };

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves `Authorization: Bearer <key>`. A user key is its member; a service key (a bot)
 * must name the member it acts for, who is added to the key's workspace on first use.
 * `failuresBucket` (the caller's address's failed key checks) is read in the key's own lookup.
 */
export async function authenticate(
  deps: Pick<AppDeps, "sql">,
  headers: Headers,
  opts: { failuresBucket?: string } = {},
): Promise<AuthResult> {
  const header = headers.get("authorization");
  if (!header) return { ok: false, reason: "send an API key as 'Authorization: Bearer <key>'" };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return { ok: false, reason: "the Authorization header must be 'Bearer <key>'" };
  const owner = await findKeyOwner(deps.sql.db, match[1], opts.failuresBucket);
  if (!owner) return { ok: false, reason: "the API key is unknown or revoked" };
  const failures = owner.bucketHits === undefined ? {} : { failures: owner.bucketHits };

  // Writing on every request would turn each read into a write; a minute's resolution is enough.
  if (!owner.lastUsedAt || Date.now() - owner.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    void touchApiKey(deps.sql.db, owner.keyId).catch(() => {});
  }

  if (owner.kind === "user") {
    if (!owner.userId) return { ok: false, reason: "the API key has no member" };
    return {
      ok: true,
      principal: {
        workspaceId: owner.workspaceId,
        workspaceSlug: owner.workspaceSlug,
        userId: owner.userId,
        keyId: owner.keyId,
        via: "user-key",
      },
      ...failures,
    };
  }
  if (owner.kind === "bot") {
    const bot = await authenticateBot(deps, owner, headers);
    return bot.ok ? { ...bot, ...failures } : bot;
  }
  const actAs = headers.get(ACT_AS_HEADER);
  if (!actAs) return { ok: false, reason: `a service key must name the user it acts for in '${ACT_AS_HEADER}'` };
  if (!isUserId(actAs)) return { ok: false, badRequest: true, reason: `'${ACT_AS_HEADER}' must be a user id: ${USER_ID_RULE}` };
  await ensureMember(deps.sql.db, owner.workspaceId, actAs);
  return {
    ok: true,
    principal: {
      workspaceId: owner.workspaceId,
      workspaceSlug: owner.workspaceSlug,
      userId: actAs,
      keyId: owner.keyId,
      via: "service-key",
    },
    ...failures,
  };
}

/** Chat members already ensured by this process: a chat user's requests cost one key lookup after the first. */
const knownChatMembers = new Map<string, { workspaceId: string; workspaceSlug: string; userId: string }>();
const KNOWN_CHAT_MEMBERS_MAX = 10_000;

function decodeName(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    return decodeURIComponent(value).slice(0, 100);
  } catch {
    return undefined;
  }
}

async function authenticateBot(deps: Pick<AppDeps, "sql">, owner: KeyOwner, headers: Headers): Promise<AuthResult> {
  const platform = owner.platform;
  const actIn = headers.get(ACT_IN_HEADER);
  const actAs = headers.get(ACT_AS_HEADER);
  if (!platform) return { ok: false, reason: "the bot key has no platform" };
  if (!actIn || !platformIdPattern.test(actIn) || !actAs || !platformIdPattern.test(actAs)) {
    return { ok: false, reason: `a bot key must name the ${platform} workspace in '${ACT_IN_HEADER}' and the user in '${ACT_AS_HEADER}'` };
  }
  const cacheKey = `${owner.keyId}:${actIn}:${actAs}`;
  let known = knownChatMembers.get(cacheKey);
  if (!known) {
    const { workspace, member } = await ensureChatMember(deps.sql.db, {
      platform,
      workspaceExternalId: actIn,
      workspaceName: decodeName(headers.get(ACT_IN_NAME_HEADER)),
      externalUserId: actAs,
      displayName: decodeName(headers.get(ACT_AS_NAME_HEADER)),
    });
    known = { workspaceId: workspace.id, workspaceSlug: workspace.slug, userId: member.userId };
    if (knownChatMembers.size >= KNOWN_CHAT_MEMBERS_MAX) knownChatMembers.clear();
    knownChatMembers.set(cacheKey, known);
  }
  const admin = headers.get(ACT_AS_ADMIN_HEADER) === "1";
  return {
    ok: true,
    principal: {
      ...known,
      keyId: owner.keyId,
      via: "bot-key",
      chat: { platform, workspaceExternalId: actIn, userExternalId: actAs, admin },
    },
  };
}
