import { type Collection, type Db, type Document, MongoServerError } from "mongodb";

/** An index a repository declares for its queries, as MongoDB's createIndex takes it. */
export interface DeclaredIndex {
  readonly key: Readonly<Record<string, 1 | -1>>;
  readonly name: string;
  readonly unique?: boolean;
}

/** FerretDB names its own version in buildInfo; MongoDB does not. A server that refuses buildInfo is taken for MongoDB: it then gets every index, and none is dropped. */
export async function isFerretDb(db: Db): Promise<boolean> {
  const info = await db
    .admin()
    .command({ buildInfo: 1 })
    .catch(() => ({}) as Document);
  return typeof info.ferretdbVersion === "string";
}

const codeOf = (err: unknown) => (err instanceof MongoServerError ? err.code : undefined);
/** MongoDB's codes, which FerretDB answers with too. */
const NAMESPACE_NOT_FOUND = 26;
const INDEX_NOT_FOUND = 27;

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
export async function ensureDeclaredIndexes<T extends Document>(
  db: Db,
  collection: Collection<T>,
  indexes: readonly DeclaredIndex[],
): Promise<void> {
  const ferretDb = await isFerretDb(db);
  for (const { key, ...options } of indexes) {
    if (!ferretDb || options.unique) await collection.createIndex({ ...key }, options);
  }
  if (!ferretDb) return;
  // A collection not made yet has no index to drop.
  const listed = await collection
    .listIndexes()
    .toArray()
    .catch((err: unknown) => {
      if (codeOf(err) === NAMESPACE_NOT_FOUND) return [] as Document[];
      throw err;
    });
  const present = new Set(listed.map((i) => String(i.name)));
  for (const { name, unique } of indexes) {
    if (unique || !present.has(name)) continue;
    // The web and worker processes start at once: the other one may have dropped it first.
    await collection.dropIndex(name).catch((err: unknown) => {
      if (codeOf(err) !== INDEX_NOT_FOUND) throw err;
    });
  }
}
