import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNotNull, isNull, lt, notExists, or, sql } from "drizzle-orm";
import { type SqlDb, preparedPerDb } from "./client.js";
import { apiKeys, webSessions, webSignInLinks, workspaces } from "./schema.js";

export type WebOrigin = (typeof webSignInLinks.$inferSelect)["origin"];
export type WebSession = typeof webSessions.$inferSelect;

/** A sign-in link is good for ten minutes and one use. */
export const SIGN_IN_LINK_TTL_MS = 10 * 60 * 1000;
/** A session lasts a week from sign-in, then the member asks for a new link. */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** `last_seen_at` is written at most this often, so reading pages does not turn into writes. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/** 256 random bits, base64url: the same strength as an API key, so a fast hash is safe to store. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const newToken = () => randomBytes(32).toString("base64url");
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSignInLink(
  db: SqlDb,
  who: { workspaceId: string; userId: string; origin: WebOrigin; keyId?: string | null },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK_TTL_MS);
  await db.insert(webSignInLinks).values({ tokenHash: hashToken(token), ...who, keyId: who.keyId ?? null, expiresAt, createdAt: now });
  return { token, expiresAt };
}

export type SignInLinkState =
  | { ok: true; workspaceId: string; workspaceName: string; userId: string; origin: WebOrigin; expiresAt: Date }
  | { ok: false; reason: "unknown" | "used" | "expired" };

/** What a link would sign in as, without using it: the confirmation page shows this. */
export async function peekSignInLink(db: SqlDb, token: string, now = new Date()): Promise<SignInLinkState> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: "unknown" };
  const [row] = await db
    .select({ link: webSignInLinks, workspaceName: workspaces.name, keyRevokedAt: apiKeys.revokedAt })
    .from(webSignInLinks)
    .innerJoin(workspaces, eq(workspaces.id, webSignInLinks.workspaceId))
    .leftJoin(apiKeys, eq(apiKeys.id, webSignInLinks.keyId))
    .where(eq(webSignInLinks.tokenHash, hashToken(token)))
    .limit(1);
  // A link from a key revoked since opens nothing, as if it never was.
  if (!row || row.keyRevokedAt) return { ok: false, reason: "unknown" };
  if (row.link.usedAt) return { ok: false, reason: "used" };
  if (row.link.expiresAt <= now) return { ok: false, reason: "expired" };
  const { workspaceId, userId, origin, expiresAt } = row.link;
  return { ok: true, workspaceId, workspaceName: row.workspaceName, userId, origin, expiresAt };
}

/**
 * Uses a link and opens its session, in one transaction: of two requests racing with the same
 * link, one gets a session and the other the reason it has none.
 */
export async function redeemSignInLink(
  db: SqlDb,
  token: string,
  opts: { userAgent?: string | null; now?: Date } = {},
): Promise<{ ok: true; sessionToken: string; session: WebSession } | { ok: false; reason: "unknown" | "used" | "expired" }> {
  const now = opts.now ?? new Date();
  if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: "unknown" };
  return db.transaction(async (tx) => {
    const [link] = await tx
      .update(webSignInLinks)
      .set({ usedAt: now })
      .where(
        and(
          eq(webSignInLinks.tokenHash, hashToken(token)),
          isNull(webSignInLinks.usedAt),
          gt(webSignInLinks.expiresAt, now),
          or(
            isNull(webSignInLinks.keyId),
            notExists(
              db
                .select({ one: sql`1` })
                .from(apiKeys)
                .where(and(eq(apiKeys.id, webSignInLinks.keyId), isNotNull(apiKeys.revokedAt))),
            ),
          ),
        ),
      )
      .returning();
    if (!link) {
      const state = await peekSignInLink(tx as unknown as SqlDb, token, now);
      return { ok: false as const, reason: state.ok ? ("used" as const) : state.reason };
    }
    const sessionToken = newToken();
    const [session] = await tx
      .insert(webSessions)
      .values({
        tokenHash: hashToken(sessionToken),
        csrfToken: newToken(),
        workspaceId: link.workspaceId,
        userId: link.userId,
        origin: link.origin,
        keyId: link.keyId,
        userAgent: opts.userAgent?.slice(0, 300) ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      })
      .returning();
    if (!session) throw new Error("web session could not be stored");
    return { ok: true as const, sessionToken, session };
  });
}

export type ActiveSession = WebSession & { workspaceSlug: string };

/**
 * Every gallery request (each picture too) finds its session, and an open event stream checks
 * that it is still live as it goes: both statements are prepared once per database handle.
 */
const sessionQueries = preparedPerDb((db) => {
  // Live: neither revoked nor expired, and its key (when it has one) not revoked.
  const live = and(isNull(webSessions.revokedAt), gt(webSessions.expiresAt, sql.placeholder("now")), isNull(apiKeys.revokedAt));
  return {
    isLive: db
      .select({ id: webSessions.id })
      .from(webSessions)
      .leftJoin(apiKeys, eq(apiKeys.id, webSessions.keyId))
      .where(and(eq(webSessions.id, sql.placeholder("id")), live))
      .limit(1)
      .prepare("web_session_is_live"),
    byToken: db
      .select({ session: webSessions, workspaceSlug: workspaces.slug })
      .from(webSessions)
      .innerJoin(workspaces, eq(workspaces.id, webSessions.workspaceId))
      .leftJoin(apiKeys, eq(apiKeys.id, webSessions.keyId))
      .where(and(eq(webSessions.tokenHash, sql.placeholder("tokenHash")), live))
      .limit(1)
      .prepare("web_session_by_token"),
  };
});

/** Whether a session still opens anything: an open event stream checks this as it goes. */
export async function sessionIsLive(db: SqlDb, sessionId: string, now = new Date()): Promise<boolean> {
  const rows = await sessionQueries(db).isLive.execute({ id: sessionId, now: now.toISOString() });
  return rows.length > 0;
}

/** The live session a cookie's token opens, or undefined (unknown, expired or revoked). */
export async function findSession(db: SqlDb, token: string, now = new Date()): Promise<ActiveSession | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const [row] = await sessionQueries(db).byToken.execute({ tokenHash: hashToken(token), now: now.toISOString() });
  if (!row) return undefined;
  if (now.getTime() - row.session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    void db
      .update(webSessions)
      .set({ lastSeenAt: now })
      .where(eq(webSessions.id, row.session.id))
      .catch(() => {});
  }
  return { ...row.session, workspaceSlug: row.workspaceSlug };
}

export async function revokeSession(db: SqlDb, sessionId: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(webSessions)
    .set({ revokedAt: now })
    .where(and(eq(webSessions.id, sessionId), isNull(webSessions.revokedAt)))
    .returning({ id: webSessions.id });
  return rows.length > 0;
}

/** Revokes every live session of one member (or of a whole workspace): the number revoked. */
export async function revokeSessionsOf(db: SqlDb, who: { workspaceId: string; userId?: string }, now = new Date()): Promise<number> {
  const rows = await db
    .update(webSessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(webSessions.workspaceId, who.workspaceId),
        who.userId === undefined ? undefined : eq(webSessions.userId, who.userId),
        isNull(webSessions.revokedAt),
      ),
    )
    .returning({ id: webSessions.id });
  return rows.length;
}

export async function listSessions(db: SqlDb, workspaceId: string, opts: { includeEnded?: boolean } = {}, now = new Date()) {
  return db
    .select({
      id: webSessions.id,
      userId: webSessions.userId,
      origin: webSessions.origin,
      userAgent: webSessions.userAgent,
      createdAt: webSessions.createdAt,
      lastSeenAt: webSessions.lastSeenAt,
      expiresAt: webSessions.expiresAt,
      revokedAt: webSessions.revokedAt,
    })
    .from(webSessions)
    .where(
      and(
        eq(webSessions.workspaceId, workspaceId),
        opts.includeEnded ? undefined : and(isNull(webSessions.revokedAt), gt(webSessions.expiresAt, now)),
      ),
    )
    .orderBy(desc(webSessions.createdAt));
}

/**
 * Deletes links and sessions that can no longer open anything, a day after they stopped (kept
 * that long so `sessions list --all` shows a recent sign-out): the number of rows deleted.
 */
export async function pruneWebSessions(db: SqlDb, now = new Date()): Promise<number> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const links = await db
    .delete(webSignInLinks)
    .where(or(lt(webSignInLinks.expiresAt, dayAgo), lt(webSignInLinks.usedAt, dayAgo)))
    .returning({ t: webSignInLinks.tokenHash });
  const sessions = await db
    .delete(webSessions)
    .where(or(lt(webSessions.expiresAt, dayAgo), and(isNotNull(webSessions.revokedAt), lt(webSessions.revokedAt, dayAgo))))
    .returning({ id: webSessions.id });
  return links.length + sessions.length;
}
