import pg from "pg";
import { redactUrl } from "../../config.js";
import { PostgresConnectError } from "./client.js";

/** The database a postgres:// URL names. */
export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** The same server and user, another database. */
export function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${encodeURIComponent(name)}`;
  return next.toString();
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? (err.message.split("\n")[0] ?? err.message) : String(err);
}

const codeOf = (err: unknown) => (err as { code?: string }).code;

/** Refusals of one database, not of the server: another database may still let us in. */
const DATABASE_REFUSALS = new Set(["3D000", "28000", "42501"]);

/**
 * Runs `fn` on a connection to the server of `url` through a database every server has (the
 * `postgres` maintenance database, else `template1`, else the URL's own), to create, drop or
 * look up databases. A server that cannot be reached is one line naming the URL.
 */
export async function withServer<T>(url: string, fn: (client: pg.Client) => Promise<T>, label = "DATABASE_URL"): Promise<T> {
  let refused: unknown;
  for (const name of ["postgres", "template1", databaseNameOf(url)]) {
    const client = new pg.Client({ connectionString: withDatabase(url, name), connectionTimeoutMillis: 5_000 });
    client.on("error", () => {});
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => {});
      if (!DATABASE_REFUSALS.has(codeOf(err) ?? "")) {
        throw new PostgresConnectError(
          `${label}: cannot reach ${redactUrl(url)} (${reasonOf(err)}); start PostgreSQL there, or set DATABASE_URL to a server that answers`,
        );
      }
      refused ??= err;
      continue;
    }
    try {
      return await fn(client);
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new PostgresConnectError(`${label}: ${redactUrl(url)} lets this user into no database (${reasonOf(refused)})`);
}

/**
 * Creates the database `url` names when it is missing (`anew`: drops it first); true when it
 * made it. A user who may not create databases gets one line saying what to do instead.
 */
export async function ensureDatabase(url: string, opts: { anew?: boolean; label?: string } = {}): Promise<boolean> {
  const name = databaseNameOf(url);
  const label = opts.label ?? "DATABASE_URL";
  return withServer(
    url,
    async (client) => {
      const quoted = client.escapeIdentifier(name);
      if (opts.anew) await client.query(`drop database if exists ${quoted} with (force)`);
      const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
      if (exists.rowCount !== 0) return false;
      try {
        await client.query(`create database ${quoted}`);
        return true;
      } catch (err) {
        // Another start made it in the meantime.
        if (codeOf(err) === "42P04") return false;
        if (codeOf(err) !== "42501") throw err;
        const parsed = new URL(url);
        const host = parsed.searchParams.get("host") ?? (parsed.hostname || "localhost");
        const user = decodeURIComponent(parsed.username) || "this user";
        throw new PostgresConnectError(
          `${label}: database ${name} does not exist and ${user} may not create it (${reasonOf(err)}); ` +
            `create it with \`createdb -h ${host} -p ${parsed.port || 5432} ${name}\` as a user who may, or grant CREATEDB to ${user}, or set DATABASE_URL to a database that exists`,
        );
      }
    },
    label,
  );
}

export async function dropDatabase(url: string): Promise<void> {
  await withServer(url, async (client) => {
    await client.query(`drop database if exists ${client.escapeIdentifier(databaseNameOf(url))} with (force)`);
  });
}
