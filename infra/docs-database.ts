import pg from "pg";
import { redactUrl } from "../shared/config.js";
import { databaseNameOf, dropDatabase, ensureDatabase, withDatabase, withServer } from "../shared/db/sql/ensure-database.js";

/**
 * The PostgreSQL side of the embedded FerretDB: the database it keeps job documents in, on
 * DATABASE_URL's server, and the way there.
 */

/**
 * The database `npm start` keeps job documents in: DATABASE_URL's (or the data folder's) with
 * `_docs` appended, or `content_generation_docs` beside the server's `postgres` database, the
 * default of earlier versions. One server then holds all local state, and each checkout, with
 * its own database, gets its own store.
 */
export function docsDatabaseName(databaseUrl: string): string {
  const name = databaseNameOf(databaseUrl);
  return !name || name === "postgres" ? "content_generation_docs" : `${name.slice(0, 58)}_docs`;
}

/**
 * The Unix socket directory of DATABASE_URL's server when that server is this machine's and
 * takes this user through its socket too. Over loopback TCP every message costs kernel time on
 * both sides, and an update through FerretDB is two round trips, one carrying the whole document:
 * measured here, updates by _id went from 1,630 to 1,870 a second over the socket (6 rounds each,
 * 8 callers, 10k documents). The server's own socket for its port is the one probed, with the
 * URL's user and database, so a socket that refuses them (peer authentication, say) leaves TCP.
 */
export async function localSocketDir(databaseUrl: string): Promise<string | undefined> {
  const url = new URL(databaseUrl);
  if (url.searchParams.has("host") || !isLoopback(url.hostname) || url.hostname === "") return undefined;
  // Which server answers: a forwarded port or a second cluster on this machine may own the socket of that name.
  const whoSql =
    "select current_setting('unix_socket_directories') as dirs, current_setting('port') as port, pg_postmaster_start_time()::text as started, inet_server_addr() is null as local";
  type Who = { dirs: string; port: string; started: string; local: boolean };
  try {
    const tcp = await withClient(databaseUrl, async (client) => (await client.query<Who>(whoSql)).rows[0]);
    if (!tcp) return undefined;
    for (const dir of tcp.dirs
      .split(",")
      .map((d) => d.trim())
      .filter((d) => d.startsWith("/"))) {
      const viaSocket = new URL(databaseUrl);
      viaSocket.searchParams.set("host", dir);
      const socket = await withClient(viaSocket.toString(), async (client) => (await client.query<Who>(whoSql)).rows[0]).catch(
        () => undefined,
      );
      // inet_server_addr() is null only for a connection that came through a socket.
      if (socket?.local && socket.port === tcp.port && socket.started === tcp.started) return dir;
    }
  } catch {
    // TCP works, as the caller found: keep it.
  }
  return undefined;
}

/** A host on this machine: the loopback, or none (a Unix socket). */
export function isLoopback(hostname: string): boolean {
  return ["", "localhost", "127.0.0.1", "[::1]", "::1"].includes(hostname) || hostname.startsWith("127.");
}

async function withClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new Error(
      `DATABASE_URL: cannot reach ${redactUrl(databaseUrl)} (${reason}); the embedded MongoDB-wire server keeps its data there`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database when missing (or, for a throwaway one, anew); returns its URL. */
export async function prepareDocsDatabase(serverUrl: string, name: string, anew: boolean): Promise<string> {
  const url = withDatabase(serverUrl, name);
  await ensureDatabase(url, { anew, label: "the embedded MongoDB-wire server's PostgreSQL store" });
  return url;
}

export async function dropDocsDatabase(serverUrl: string, name: string): Promise<void> {
  await dropDatabase(withDatabase(serverUrl, name));
}

/** Whether FerretDB on PostgreSQL holds no collection yet (its database may not even exist). */
export async function docsStoreIsEmpty(serverUrl: string, name: string): Promise<boolean> {
  const exists = await withServer(serverUrl, async (client) => {
    return (await client.query("select 1 from pg_database where datname = $1", [name])).rowCount !== 0;
  });
  if (!exists) return true;
  return withClient(withDatabase(serverUrl, name), async (docs) => {
    const schemas = await docs.query<{ schema: string }>(
      "select n.nspname as schema from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relname = '_ferretdb_database_metadata' and c.relkind = 'r'",
    );
    for (const { schema } of schemas.rows) {
      const any = await docs.query(`select 1 from ${docs.escapeIdentifier(schema)}._ferretdb_database_metadata limit 1`);
      if (any.rowCount !== 0) return false;
    }
    return true;
  });
}
