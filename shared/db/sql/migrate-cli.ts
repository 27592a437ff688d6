import { loadConfig } from "../../config.js";
import { exitWithError } from "../../fatal.js";
import { JobsRepository, connectMongo, rekeyJobs } from "../mongo/index.js";
import { backfillTranscripts } from "../../meeting-search/index-transcript.js";
import { createStorage } from "../../storage/index.js";
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
      const jobs = new JobsRepository(mongo.db);
      await jobs.ensureIndexes();
      const rekeyed = await rekeyJobs(mongo.db);
      process.stdout.write(`mongo indexes ensured${rekeyed ? `, ${rekeyed} job documents keyed by their jobId` : ""}\n`);
      // Transcriptions finished before the search across meetings existed get their passages once.
      const storage = createStorage(config.s3);
      try {
        const indexed = await backfillTranscripts(jobs, storage, jobs.transcripts.finishedTranscriptions(), (jobId, err) =>
          process.stderr.write(`transcript of ${jobId} not indexed for search: ${err instanceof Error ? err.message : String(err)}\n`),
        );
        if (indexed) process.stdout.write(`${indexed} finished transcriptions indexed for search\n`);
      } finally {
        storage.client.destroy();
      }
    } finally {
      await mongo.close();
    }
  }
}

main().catch(exitWithError);
