import { parseArgs } from "node:util";
import { findWorkspace } from "../shared/db/sql/accounts.js";
import { listSessions, revokeSession, revokeSessionsOf } from "../shared/db/sql/web-sessions.js";
import { withSql } from "./admin.js";
import { UsageError } from "./client.js";

export const sessionsUsage = `  sessions list --workspace <slug> [--all]                           web gallery sessions (--all: ended ones too)
  sessions revoke --workspace <slug> <sessionId> | --user <userId> | --everyone   signs them out at once`;

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** `sessions list|revoke`: the gallery's sign-ins, on the database directly, for whoever runs the deployment. */
export async function sessions(argv: string[], json: boolean): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: "string" },
      user: { type: "string" },
      all: { type: "boolean", default: false },
      everyone: { type: "boolean", default: false },
    },
  });
  const [command, sessionId] = positionals;
  if (!values.workspace) throw new UsageError(`--workspace is required\n${sessionsUsage}`);
  const slug = values.workspace;
  return withSql(async (sql) => {
    const ws = await findWorkspace(sql.db, slug);
    if (!ws) throw new UsageError(`workspace ${slug} does not exist`);
    if (command === "list") {
      const rows = await listSessions(sql.db, ws.id, { includeEnded: values.all });
      if (json) return out(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return out(`no ${values.all ? "" : "live "}sessions in ${ws.slug}`);
      for (const r of rows) {
        const state = r.revokedAt ? "revoked" : r.expiresAt <= new Date() ? "expired" : "live";
        out(
          `${r.id}  ${r.userId}  ${r.origin}  ${state}  signed in ${r.createdAt.toISOString()}  last seen ${r.lastSeenAt.toISOString()}  ${r.userAgent ?? ""}`.trimEnd(),
        );
      }
      return;
    }
    if (command === "revoke") {
      const chosen = [sessionId !== undefined, values.user !== undefined, values.everyone].filter(Boolean).length;
      if (chosen !== 1) throw new UsageError(`name one session id, --user <userId> or --everyone\n${sessionsUsage}`);
      if (sessionId !== undefined) {
        const live = (await listSessions(sql.db, ws.id)).some((s) => s.id === sessionId);
        if (!live || !(await revokeSession(sql.db, sessionId))) throw new UsageError(`no live session ${sessionId} in ${ws.slug}`);
        return out(`revoked session ${sessionId}`);
      }
      const n = await revokeSessionsOf(sql.db, { workspaceId: ws.id, ...(values.user ? { userId: values.user } : {}) });
      return out(`revoked ${n} session${n === 1 ? "" : "s"}${values.user ? ` of ${values.user}` : ""} in ${ws.slug}`);
    }
    throw new UsageError(sessionsUsage);
  });
}
