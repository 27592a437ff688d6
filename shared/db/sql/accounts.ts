import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import { type SqlDb, preparedPerDb } from "./client.js";
import { hitsNow } from "./rate-limit.js";
import { apiKeys, members, platformIdentities, workspaces } from "./schema.js";
import { type ChatActor, platformUserId } from "../../chat/actor.js";
import { USER_ID_RULE, isUserId } from "../../user-id.js";

export type Platform = "api" | "discord" | "slack";
export type Workspace = typeof workspaces.$inferSelect;
export type Member = typeof members.$inferSelect;
export type ApiKeyRecord = typeof apiKeys.$inferSelect;

/** Keys look like `cgk_<43 base64url chars>`: 256 random bits, so a fast hash is safe to store. */
const KEY_PREFIX = "cgk_";
const KEY_PATTERN = /^cgk_[A-Za-z0-9_-]{43}$/;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function isWellFormedApiKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export async function ensureWorkspace(
  db: SqlDb,
  ws: { slug: string; name?: string; platform?: Platform; externalId?: string | null },
): Promise<Workspace> {
  const platform = ws.platform ?? "api";
  await db
    .insert(workspaces)
    .values({ slug: ws.slug, name: ws.name ?? ws.slug, platform, externalId: ws.externalId ?? null })
    .onConflictDoNothing();
  const found =
    platform !== "api" && ws.externalId
      ? await db.query.workspaces.findFirst({
          where: and(eq(workspaces.platform, platform), eq(workspaces.externalId, ws.externalId)),
        })
      : await db.query.workspaces.findFirst({ where: eq(workspaces.slug, ws.slug) });
  if (!found) throw new Error(`workspace ${ws.slug} could not be created`);
  return found;
}

export async function findWorkspace(db: SqlDb, slugOrId: string): Promise<Workspace | undefined> {
  const byId = /^[0-9a-f-]{36}$/.test(slugOrId) ? eq(workspaces.id, slugOrId) : undefined;
  return db.query.workspaces.findFirst({ where: byId ? or(byId, eq(workspaces.slug, slugOrId)) : eq(workspaces.slug, slugOrId) });
}

export async function ensureMember(
  db: SqlDb,
  workspaceId: string,
  userId: string,
  opts: { displayName?: string; role?: Member["role"] } = {},
): Promise<Member> {
  if (!isUserId(userId)) throw new RangeError(`user id ${JSON.stringify(userId)} must be ${USER_ID_RULE}`);
  await db
    .insert(members)
    .values({ workspaceId, userId, displayName: opts.displayName ?? null, role: opts.role ?? "member" })
    .onConflictDoNothing();
  const found = await db.query.members.findFirst({ where: and(eq(members.workspaceId, workspaceId), eq(members.userId, userId)) });
  if (!found) throw new Error(`member ${userId} could not be created`);
  return found;
}

/**
 * The workspace and member of a chat user, created on first use from the guild/team and user
 * ids, with the platform identity linked so the same person maps to the same member.
 */
export async function ensureChatMember(db: SqlDb, actor: ChatActor): Promise<{ workspace: Workspace; member: Member }> {
  const workspace = await ensureWorkspace(db, {
    slug: `${actor.platform}-${actor.workspaceExternalId}`,
    name: actor.workspaceName ?? `${actor.platform} ${actor.workspaceExternalId}`,
    platform: actor.platform,
    externalId: actor.workspaceExternalId,
  });
  const member = await ensureMember(db, workspace.id, platformUserId(actor.platform, actor.externalUserId), {
    ...(actor.displayName ? { displayName: actor.displayName } : {}),
  });
  await linkPlatformIdentity(db, member.id, actor.platform, actor.externalUserId);
  return { workspace, member };
}

export async function findMember(db: SqlDb, workspaceId: string, userId: string): Promise<Member | undefined> {
  return db.query.members.findFirst({ where: and(eq(members.workspaceId, workspaceId), eq(members.userId, userId)) });
}

export async function linkPlatformIdentity(
  db: SqlDb,
  memberId: string,
  platform: "discord" | "slack",
  platformUserId: string,
): Promise<void> {
  await db.insert(platformIdentities).values({ memberId, platform, platformUserId }).onConflictDoNothing();
}

export interface CreatedApiKey {
  /** The only time the plain key exists outside the caller's hands. */
  key: string;
  record: ApiKeyRecord;
}

export async function createApiKey(
  db: SqlDb,
  opts: { workspaceId: string; memberId: string | null; kind: "user" | "service" | "bot"; name: string; platform?: "discord" | "slack" },
): Promise<CreatedApiKey> {
  if (opts.kind === "user" && !opts.memberId) throw new Error("a user key needs a member");
  if ((opts.kind === "bot") !== (opts.platform !== undefined)) throw new Error("a bot key, and only a bot key, names its platform");
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const [record] = await db
    .insert(apiKeys)
    .values({
      workspaceId: opts.workspaceId,
      memberId: opts.kind === "user" ? opts.memberId : null,
      kind: opts.kind,
      platform: opts.platform ?? null,
      name: opts.name,
      prefix: key.slice(0, 12),
      hash: hashApiKey(key),
    })
    .returning();
  if (!record) throw new Error("api key could not be stored");
  return { key, record };
}

export async function listApiKeys(db: SqlDb, workspaceId: string) {
  return db
    .select({
      id: apiKeys.id,
      prefix: apiKeys.prefix,
      name: apiKeys.name,
      kind: apiKeys.kind,
      platform: apiKeys.platform,
      userId: members.userId,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(members, eq(members.id, apiKeys.memberId))
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Revokes by id or by the prefix shown in listings; returns how many keys it revoked. */
export async function revokeApiKey(db: SqlDb, workspaceId: string, idOrPrefix: string): Promise<number> {
  const match = /^[0-9a-f-]{36}$/.test(idOrPrefix) ? eq(apiKeys.id, idOrPrefix) : eq(apiKeys.prefix, idOrPrefix);
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, workspaceId), match, isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length;
}

export interface KeyOwner {
  keyId: string;
  kind: "user" | "service" | "bot";
  platform: "discord" | "slack" | null;
  workspaceId: string;
  workspaceSlug: string;
  /** The member a user key belongs to; null for service and bot keys. */
  userId: string | null;
  lastUsedAt: Date | null;
}

function prepareKeyOwnerQueries(db: SqlDb) {
  const owner = {
    keyId: apiKeys.id,
    kind: apiKeys.kind,
    platform: apiKeys.platform,
    workspaceId: apiKeys.workspaceId,
    workspaceSlug: workspaces.slug,
    userId: members.userId,
    lastUsedAt: apiKeys.lastUsedAt,
  };
  const byHash = and(eq(apiKeys.hash, sql.placeholder("hash")), isNull(apiKeys.revokedAt));
  const ownerOf = eq(workspaces.id, apiKeys.workspaceId);
  const memberOf = eq(members.id, apiKeys.memberId);
  return {
    owner: db
      .select(owner)
      .from(apiKeys)
      .innerJoin(workspaces, ownerOf)
      .leftJoin(members, memberOf)
      .where(byHash)
      .limit(1)
      .prepare("api_key_owner"),
    withBucketHits: db
      .select({ ...owner, bucketHits: hitsNow(sql.placeholder("bucket")).mapWith(Number) })
      .from(apiKeys)
      .innerJoin(workspaces, ownerOf)
      .leftJoin(members, memberOf)
      .where(byHash)
      .limit(1)
      .prepare("api_key_owner_and_bucket_hits"),
  };
}

/** Every API request looks its key up. */
const keyOwnerQueries = preparedPerDb(prepareKeyOwnerQueries);

/**
 * Looks a presented key up by its hash; revoked and malformed keys find nothing. With a rate
 * limit bucket, that bucket's hits in the current window are read in the same statement (as
 * `bucketHits`): one round trip, not two.
 */
export async function findKeyOwner(
  db: SqlDb,
  key: string,
  hitsOfBucket?: string,
): Promise<(KeyOwner & { bucketHits?: number }) | undefined> {
  if (!isWellFormedApiKey(key)) return undefined;
  const queries = keyOwnerQueries(db);
  const hash = hashApiKey(key);
  const [row] =
    hitsOfBucket === undefined
      ? await queries.owner.execute({ hash })
      : await queries.withBucketHits.execute({ hash, bucket: hitsOfBucket });
  return row;
}

export async function touchApiKey(db: SqlDb, keyId: string, now = new Date()): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, keyId));
}
