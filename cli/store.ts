import { StoreMigrateError, migrateSqliteStore } from "../infra/store-migrate.js";
import { loadConfig } from "../shared/config.js";
import { UsageError } from "./client.js";

export const storeUsage = `  store migrate                                                      moves the job documents of an earlier SQLite store (DATA_DIR/ferretdb) into PostgreSQL`;

/** `store migrate`: on the embedded servers' files and DATABASE_URL, not through the API. */
export async function store(argv: string[]): Promise<void> {
  if (argv[0] !== "migrate" || argv.length > 1) throw new UsageError(`unknown command: store ${argv.join(" ")}\n${storeUsage}`);
  const config = loadConfig();
  try {
    const result = await migrateSqliteStore(config, { log: (m) => void process.stderr.write(`${m}\n`) });
    if (!result.moved) {
      process.stdout.write(`store migrate: nothing to move, ${result.reason}\n`);
      return;
    }
    for (const c of result.collections) {
      const unique = c.uniqueIndexes.length > 0 ? `, unique indexes ${c.uniqueIndexes.join(", ")}` : "";
      const documents = `${c.documents} document${c.documents === 1 ? "" : "s"}`;
      process.stdout.write(`${c.database}.${c.collection}: ${documents}, ${c.copied} copied, ${c.present} already there${unique}\n`);
    }
    process.stdout.write(
      `store migrate: done; the documents are in PostgreSQL database ${result.docsDatabase}, which npm start uses from now on. The SQLite files are kept in ${result.sqliteKeptIn}\n`,
    );
  } catch (err) {
    if (err instanceof StoreMigrateError) throw new UsageError(`store migrate: ${err.message}`);
    throw err;
  }
}
