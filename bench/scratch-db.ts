import { randomUUID } from "node:crypto";
import { dropDatabase, ensureDatabase, withDatabase } from "../shared/db/sql/ensure-database.js";

/** A PostgreSQL database for one benchmark on `baseUrl`'s server, dropped afterwards. */
export async function scratchDatabase(baseUrl: string, prefix: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const url = withDatabase(baseUrl, name);
  await ensureDatabase(url);
  return { name, url, drop: () => dropDatabase(url) };
}
