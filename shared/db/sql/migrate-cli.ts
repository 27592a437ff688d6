import { loadConfig } from "../../config.js";
import { exitWithError } from "../../fatal.js";
import { JobsRepository, connectMongo, rekeyJobs } from "../mongo/index.js";
import { connectSql, runMigrations } from "./client.js";

/**
 * `npm run migrate`: applies PostgreSQL migrations and, when MONGODB_URL is set, creates the
 * Mongo indexes. Both are idempotent; this is the release command of a deploy.
 */
async function main() {
  const config = loadConfig();
  const sql = await connectSql(config.databaseUrl);
  try {
    await runMigrations(sql);
    process.stdout.write("postgres migrations applied\n");
  } finally {
    await sql.close();
  }
  if (config.mongo.url) {
    const mongo = await connectMongo(config.mongo.url, config.mongo.db);
    try {
      await new JobsRepository(mongo.db).ensureIndexes();
      const rekeyed = await rekeyJobs(mongo.db);
      process.stdout.write(`mongo indexes ensured${rekeyed ? `, ${rekeyed} job documents keyed by their jobId` : ""}\n`);
    } finally {
      await mongo.close();
    }
  }
}

main().catch(exitWithError);
