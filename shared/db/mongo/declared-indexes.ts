import type { Collection, Db, Document } from "mongodb";

/** An index a repository declares for its queries, as MongoDB's createIndex takes it. */
export interface DeclaredIndex {
  readonly key: Readonly<Record<string, 1 | -1>>;
  readonly name: string;
  readonly unique?: boolean;
}

/** FerretDB names its own version in buildInfo; MongoDB does not. */
export async function isFerretDb(db: Db): Promise<boolean> {
  const info = await db.admin().command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === "string";
}

/**
 * Makes a collection's declared indexes, idempotently and one at a time (FerretDB v1 drops the
 * connection when a multi-index createIndexes names indexes that already exist).
 *
 * On FerretDB, the embedded store of `npm start` and of the tests, only the unique ones are made,
 * and the other declared ones an earlier version made there are dropped. FerretDB sends an
 * equality filter to PostgreSQL as jsonb containment and a sort as the expressions of
 * embedded-indexes.ts, and SQLite scans for every query, so the btree index FerretDB builds for a
 * declared index serves no query there, while every insert and update writes an entry in each
 * one: on PostgreSQL, leaving out the jobs collection's seven raised updates by _id by about a
 * fifth (`npm run bench -- store`). A unique index is a constraint, so it stays. MongoDB gets
 * them all.
 */
export async function ensureDeclaredIndexes<T extends Document>(db: Db, collection: Collection<T>, indexes: readonly DeclaredIndex[]): Promise<void> {
  const ferretDb = await isFerretDb(db);
  for (const { key, ...options } of indexes) {
    if (!ferretDb || options.unique) await collection.createIndex({ ...key }, options);
  }
  if (!ferretDb) return;
  const present = new Set((await collection.listIndexes().toArray().catch(() => [] as Document[])).map((i) => String(i.name)));
  for (const { name, unique } of indexes) {
    if (!unique && present.has(name)) await collection.dropIndex(name);
  }
}
