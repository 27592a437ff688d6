import { findWorkspace } from "../shared/db/sql/accounts.js";
import { listSessions, revokeSession, revokeSessionsOf } from "../shared/db/sql/web-sessions.js";
import { withSql } from "./admin.js";
import type { Args } from "./commands/context.js";
import { ApiError, UsageError } from "./errors.js";

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** `sessions list|revoke`: the gallery's sign-ins, on the database directly, for whoever runs the deployment. */
export async function sessions(a: Args, json: boolean): Promise<void> {
  const values = a.values as { workspace?: string; user?: string; all?: boolean; everyone?: boolean };
  const command = a.command.path[1];
  const sessionId = a.positionals[0];
  if (!values.workspace) throw new UsageError(`--workspace is required: cg sessions ${command} --workspace <slug>`);
  const slug = values.workspace;
  return withSql(async (sql) => {
    const ws = await findWorkspace(sql.db, slug);
    if (!ws) throw new ApiError(`workspace ${slug} does not exist`);
    if (command === "list") {
      const rows = await listSessions(sql.db, ws.id, { includeEnded: values.all === true });
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
    const chosen = [sessionId !== undefined, values.user !== undefined, values.everyone === true].filter(Boolean).length;
    if (chosen !== 1) throw new UsageError("name one session id, --user <userId> or --everyone");
    if (sessionId !== undefined) {
      const live = (await listSessions(sql.db, ws.id)).some((s) => s.id === sessionId);
      if (!live || !(await revokeSession(sql.db, sessionId))) throw new ApiError(`no live session ${sessionId} in ${ws.slug}`);
      return out(`revoked session ${sessionId}`);
    }
    const n = await revokeSessionsOf(sql.db, { workspaceId: ws.id, ...(values.user ? { userId: values.user } : {}) });
    return out(`revoked ${n} session${n === 1 ? "" : "s"}${values.user ? ` of ${values.user}` : ""} in ${ws.slug}`);
  });
}
