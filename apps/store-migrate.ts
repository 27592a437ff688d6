import { StoreMigrateError, migrateSqliteStore } from "../infra/store-migrate.js";
import { loadConfig } from "../shared/config.js";
import { exitWithError } from "../shared/fatal.js";

/**
 * `npm run store:migrate`: moves the job documents an earlier version kept in the embedded
 * FerretDB's SQLite files (DATA_DIR/ferretdb) into PostgreSQL. It runs on the embedded servers'
 * files and DATABASE_URL, not through the API, so it is a process of its own and not a CLI command.
 */
async function main() {
  const config = loadConfig();
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
}

main().catch((err) => exitWithError(err instanceof StoreMigrateError ? new StoreMigrateError(`store migrate: ${err.message}`) : err));
