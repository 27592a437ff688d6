import { localPorts } from "../infra/ports.js";
import { loadConfig } from "../shared/config.js";
import { adoptLegacyJobs, connectMongo } from "../shared/db/mongo/index.js";
import { createApiKey, ensureMember, ensureWorkspace, findWorkspace, listApiKeys, revokeApiKey } from "../shared/db/sql/accounts.js";
import { type Sql, connectSql, runMigrations } from "../shared/db/sql/client.js";
import type { Args } from "./commands/context.js";
import { ApiError, UsageError } from "./errors.js";

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export async function withSql<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const sql = await connectSql(config.databaseUrl);
  try {
    if (config.env !== "production") await runMigrations(sql);
    return await fn(sql);
  } finally {
    await sql.close();
  }
}

async function workspaceOrFail(sql: Sql, slug: string) {
  const ws = await findWorkspace(sql.db, slug);
  if (!ws) throw new ApiError(`workspace ${slug} does not exist`);
  return ws;
}

const workspaceOf = (a: Args): string => {
  const slug = a.values.workspace as string | undefined;
  if (!slug) throw new UsageError(`--workspace is required: cg ${a.command.path.join(" ")} --workspace <slug>`);
  return slug;
};
const str = (a: Args, name: string) => a.values[name] as string | undefined;

/** `keys create`: a user's, a service's or a chat bot's key, shown once on the last line. */
export async function keysCreate(a: Args): Promise<void> {
  const workspace = workspaceOf(a);
  const bot = str(a, "bot");
  const user = str(a, "user");
  const name = str(a, "name");
  if (bot === undefined && !a.values.service && !user) throw new UsageError("--user, --service or --bot is required");
  return withSql(async (sql) => {
    const ws = await ensureWorkspace(sql.db, { slug: workspace });
    if (bot !== undefined) {
      const platform = bot as "discord" | "slack";
      const { key, record } = await createApiKey(sql.db, {
        workspaceId: ws.id,
        memberId: null,
        kind: "bot",
        platform,
        name: name ?? `${bot} bot`,
      });
      out(`${bot} bot key ${record.prefix}… (shown once; store it now as ${bot.toUpperCase()}_BOT_API_KEY):`);
      return out(key);
    }
    if (a.values.service) {
      const { key, record } = await createApiKey(sql.db, { workspaceId: ws.id, memberId: null, kind: "service", name: name ?? "service" });
      out(`service key ${record.prefix}… for workspace ${ws.slug} (shown once; store it now):`);
      return out(key);
    }
    const member = await ensureMember(sql.db, ws.id, user as string);
    const { key, record } = await createApiKey(sql.db, {
      workspaceId: ws.id,
      memberId: member.id,
      kind: "user",
      name: name ?? member.userId,
    });
    out(`key ${record.prefix}… for ${member.userId} in workspace ${ws.slug} (shown once; store it now):`);
    return out(key);
  });
}

export async function keysList(a: Args): Promise<void> {
  const workspace = workspaceOf(a);
  return withSql(async (sql) => {
    const ws = await workspaceOrFail(sql, workspace);
    for (const k of await listApiKeys(sql.db, ws.id)) {
      const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active";
      out(
        `${k.id}  ${k.prefix}…  ${k.kind.padEnd(7)}  ${(k.userId ?? "-").padEnd(16)}  ${k.name}  ${state}  last used ${k.lastUsedAt?.toISOString() ?? "never"}`,
      );
    }
  });
}

export async function keysRevoke(a: Args): Promise<void> {
  const workspace = workspaceOf(a);
  const arg = a.positionals[0] as string;
  return withSql(async (sql) => {
    const ws = await workspaceOrFail(sql, workspace);
    const n = await revokeApiKey(sql.db, ws.id, arg.replace(/…$/, ""));
    if (n === 0) throw new ApiError(`no active key ${arg} in workspace ${workspace}`);
    out(`revoked ${n} key${n === 1 ? "" : "s"}`);
  });
}

/** `jobs adopt`: job documents from before workspaces, given to one. */
export async function jobsAdopt(a: Args): Promise<void> {
  const workspace = workspaceOf(a);
  return withSql(async (sql) => {
    const ws = await workspaceOrFail(sql, workspace);
    const config = loadConfig();
    const mongo = await connectMongo(config.mongo.url ?? `mongodb://127.0.0.1:${localPorts(config.dataDir).mongo}/`, config.mongo.db);
    try {
      const n = await adoptLegacyJobs(mongo.db, ws.id, str(a, "user"));
      out(`adopted ${n} job${n === 1 ? "" : "s"} into ${ws.slug}`);
    } finally {
      await mongo.close();
    }
  });
}
