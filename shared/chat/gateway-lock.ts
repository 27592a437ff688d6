import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
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

const taken = (databaseUrl: string) =>
  new GatewayTakenError(
    `another process already runs the Discord gateway client for this DISCORD_TOKEN (npm start or npm run bot on ${redactUrl(databaseUrl)}): stop it first, one client per bot`,
  );

/**
 * One Discord gateway client per bot: Discord sends each interaction to every connected client,
 * so two (`npm start` and `npm run bot`, or two bot machines) would answer every command twice.
 * A PostgreSQL session advisory lock on the token's key, held on a connection of its own for as
 * long as the client runs, makes a second process refuse.
 *
 * The lock goes with its connection, and a database restart or failover drops it: the holder
 * then reconnects and takes it again, serving on meanwhile (no other process can take it while
 * the database is away). `onLost` is called only if another process took it first once the
 * database was back; the holder must then stop its client.
 */
export async function holdGatewayLock(databaseUrl: string, token: string, onLost: (err: Error) => void): Promise<GatewayLock> {
  const key = gatewayLockKey(token).toString();
  let released = false;
  let current: pg.Client | undefined;

  /** A connection holding the lock, or undefined when another process holds it. */
  const lockOn = async (client: pg.Client): Promise<pg.Client | undefined> => {
    const { rows } = await client.query<{ held: boolean }>("select pg_try_advisory_lock($1::bigint) as held", [key]);
    if (rows[0]?.held) return client;
    await client.end().catch(() => {});
    return undefined;
  };
  const open = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
    // Both fire when the connection drops; only the connection that holds the lock matters.
    const dropped = () => {
      if (released || client !== current) return;
      current = undefined;
      void takeAgain();
    };
    client.on("error", dropped);
    client.on("end", dropped);
    await client.connect();
    return client;
  };
  const takeAgain = async () => {
    // A backend that was ended lets go of its locks a moment after its client hears of it, so a
    // refusal counts as another holder only when it is still refused after a few tries.
    let refusals = 0;
    for (let delay = 250; !released; delay = Math.min(delay * 2, 5_000)) {
      const client = await open().catch(() => undefined);
      const holding = client
        ? await lockOn(client).catch(() =>
            client.end().then(
              () => null,
              () => null,
            ),
          )
        : null;
      if (released) return void (await holding?.end().catch(() => {}));
      if (holding) {
        current = holding;
        return;
      }
      if (holding === undefined && ++refusals >= 3) {
        released = true;
        return onLost(taken(databaseUrl));
      }
      await sleep(delay);
    }
  };

  const first = await open().catch((err: unknown) => {
    throw new PostgresConnectError(
      `DATABASE_URL: cannot reach ${redactUrl(databaseUrl)} (${err instanceof Error ? err.message : String(err)})`,
    );
  });
  current = await lockOn(first);
  if (!current) throw taken(databaseUrl);
  return {
    async release() {
      if (released) return;
      released = true;
      await current?.end().catch(() => {});
    },
  };
}
