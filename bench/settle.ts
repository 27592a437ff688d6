import pg from "pg";

/**
 * After a bulk load into the embedded store: VACUUM (ANALYZE) of its PostgreSQL database, which
 * autovacuum would otherwise start within a minute of the load, in the middle of the figures
 * (measured here, the API's one-caller read fell from about 700 to 480 req/s while it ran), and
 * the statistics without which PostgreSQL guesses a workspace holds a few dozen rows and sorts
 * all of them instead of reading the newest through the sort index.
 */
export async function settleDocsStore(docsSqlUrl: string | undefined): Promise<void> {
  if (!docsSqlUrl) return;
  const client = new pg.Client({ connectionString: docsSqlUrl });
  await client.connect();
  try {
    await client.query("vacuum (analyze)");
  } finally {
    await client.end();
  }
}
