import { createHash } from "node:crypto";
import pg from "pg";
import { redactUrl } from "../config.js";
import { PostgresConnectError } from "../db/sql/client.js";

/** Another process already holds the bot's gateway: the one line it ends with. */
export class GatewayTakenError extends Error {
  override name = "GatewayTakenError";
}

export interface GatewayLock {
  release(): Promise<void>;
}

/** The advisory lock's key: the first 8 bytes of a hash of the bot's token, so the token never reaches the database. */
export function gatewayLockKey(token: string): bigint {
  return createHash("sha256").update(`discord-gateway:${token}`).digest().readBigInt64BE(0);
}

/**
 * One Discord gateway client per bot: Discord sends each interaction to every connected client,
 * so two (`npm start` and `npm run bot`, or two bot machines) would answer every command twice.
 * A PostgreSQL session advisory lock on the token's key, held on a connection of its own for as
 * long as the client runs, makes a second process refuse. The lock goes with its connection:
 * when the connection drops, `onLost` tells the holder, which must stop its client.
 */
export async function holdGatewayLock(databaseUrl: string, token: string, onLost: (err: Error) => void): Promise<GatewayLock> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  let released = false;
  client.on("error", (err) => {
    if (!released) onLost(err);
  });
  client.on("end", () => {
    if (!released) onLost(new Error("the connection holding the Discord gateway lock closed"));
  });
  try {
    await client.connect();
  } catch (err) {
    released = true;
    throw new PostgresConnectError(
      `DATABASE_URL: cannot reach ${redactUrl(databaseUrl)} (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const { rows } = await client.query<{ held: boolean }>("select pg_try_advisory_lock($1::bigint) as held", [
    gatewayLockKey(token).toString(),
  ]);
  if (!rows[0]?.held) {
    released = true;
    await client.end().catch(() => {});
    throw new GatewayTakenError(
      `another process already runs the Discord gateway client for this DISCORD_TOKEN (npm start or npm run bot on ${redactUrl(databaseUrl)}): stop it first, one client per bot`,
    );
  }
  return {
    async release() {
      if (released) return;
      released = true;
      await client.end().catch(() => {});
    },
  };
}
