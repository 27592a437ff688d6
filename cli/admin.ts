import { parseArgs } from "node:util";
import { localPorts } from "../infra/ports.js";
import { loadConfig } from "../shared/config.js";
import { adoptLegacyJobs, connectMongo } from "../shared/db/mongo/index.js";
import { createApiKey, ensureMember, ensureWorkspace, findWorkspace, listApiKeys, revokeApiKey } from "../shared/db/sql/accounts.js";
import { type Sql, connectSql, runMigrations } from "../shared/db/sql/client.js";
import { UsageError } from "./client.js";

/** Commands that work on the databases directly, for whoever runs the deployment. */
export const adminUsage = `  keys create --workspace <slug> --user <userId> [--name <label>]   a user's key (prints it on the last line)
  keys create --workspace <slug> --service [--name <label>]          a service key, acting for members of its workspace
  keys create --workspace <slug> --bot discord|slack [--name <label>] a chat bot's key, acting in every guild or team
  keys list --workspace <slug>
  keys revoke --workspace <slug> <keyId|prefix>
  jobs adopt --workspace <slug> [--user <userId>]                    give older job documents to a workspace`;

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
  if (!ws) throw new UsageError(`workspace ${slug} does not exist`);
  return ws;
}

/** `keys …` and `jobs adopt`: run with DATABASE_URL (and MONGODB_URL), not through the API. */
export async function admin(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: "string" },
      user: { type: "string" },
      name: { type: "string" },
      service: { type: "boolean", default: false },
      bot: { type: "string" },
    },
  });
  const [group, command, arg] = positionals;
  const workspace = values.workspace;
  if (!workspace) throw new UsageError(`--workspace is required\n${adminUsage}`);

  if (group === "keys" && command === "create") {
    return withSql(async (sql) => {
      const ws = await ensureWorkspace(sql.db, { slug: workspace });
      if (values.bot !== undefined) {
        if (values.bot !== "discord" && values.bot !== "slack") throw new UsageError("--bot must be discord or slack");
        const { key, record } = await createApiKey(sql.db, {
          workspaceId: ws.id,
          memberId: null,
          kind: "bot",
          platform: values.bot,
          name: values.name ?? `${values.bot} bot`,
        });
        out(`${values.bot} bot key ${record.prefix}… (shown once; store it now as ${values.bot.toUpperCase()}_BOT_API_KEY):`);
        return out(key);
      }
      if (values.service) {
        const { key, record } = await createApiKey(sql.db, {
          workspaceId: ws.id,
          memberId: null,
          kind: "service",
          name: values.name ?? "service",
        });
        out(`service key ${record.prefix}… for workspace ${ws.slug} (shown once; store it now):`);
        return out(key);
      }
      if (!values.user) throw new UsageError("--user, --service or --bot is required");
      const member = await ensureMember(sql.db, ws.id, values.user);
      const { key, record } = await createApiKey(sql.db, {
        workspaceId: ws.id,
        memberId: member.id,
        kind: "user",
        name: values.name ?? values.user,
      });
      out(`key ${record.prefix}… for ${member.userId} in workspace ${ws.slug} (shown once; store it now):`);
      return out(key);
    });
  }
  if (group === "keys" && command === "list") {
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
  if (group === "keys" && command === "revoke") {
    if (!arg) throw new UsageError("name the key to revoke by its id or prefix");
    return withSql(async (sql) => {
      const ws = await workspaceOrFail(sql, workspace);
      const n = await revokeApiKey(sql.db, ws.id, arg.replace(/…$/, ""));
      if (n === 0) throw new UsageError(`no active key ${arg} in workspace ${workspace}`);
      out(`revoked ${n} key${n === 1 ? "" : "s"}`);
    });
  }
  if (group === "jobs" && command === "adopt") {
    return withSql(async (sql) => {
      const ws = await workspaceOrFail(sql, workspace);
      const config = loadConfig();
      const mongo = await connectMongo(config.mongo.url ?? `mongodb://127.0.0.1:${localPorts(config.dataDir).mongo}/`, config.mongo.db);
      try {
        const n = await adoptLegacyJobs(mongo.db, ws.id, values.user);
        out(`adopted ${n} job${n === 1 ? "" : "s"} into ${ws.slug}`);
      } finally {
        await mongo.close();
      }
    });
  }
  throw new UsageError(`unknown command: ${positionals.join(" ")}\n${adminUsage}`);
}
