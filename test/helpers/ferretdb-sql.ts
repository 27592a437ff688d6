import type pg from "pg";
import { JOBS_COLLECTION } from "../../shared/db/mongo/jobs-collection.js";

/** The PostgreSQL table FerretDB keeps the jobs collection in, schema-qualified and quoted for a statement. */
export async function embeddedJobsTable(sql: pg.Client, schema: string): Promise<string> {
  const { rows } = await sql.query<{ table: string }>(
    `select _jsonb ->> 'table' as table from ${sql.escapeIdentifier(schema)}._ferretdb_database_metadata where _jsonb ->> '_id' = $1`,
    [JOBS_COLLECTION],
  );
  const table = rows[0]?.table;
  if (!table) throw new Error(`FerretDB has no table for ${JOBS_COLLECTION}`);
  return `${sql.escapeIdentifier(schema)}.${sql.escapeIdentifier(table)}`;
}

/**
 * The ORDER BY terms FerretDB sends for one field with sort pushdown
 * (infra/ferretdb/sort-pushdown.patch), written out here as the patch writes them rather than
 * taken from the index definitions, so a plan test fails when the indexes stop matching it.
 */
export function pushedDownOrder(field: string, desc: boolean): string[] {
  const d = desc ? " desc" : "";
  const type = `_jsonb -> '$s' -> 'p' -> '${field}' ->> 't'`;
  return [
    `case ${type} when 'double' then 3 when 'int' then 3 when 'long' then 3 when 'string' then 4 when 'object' then 5 when 'array' then 6 when 'binData' then 7 when 'objectId' then 8 when 'bool' then 9 when 'date' then 10 when 'timestamp' then 11 when 'regex' then 12 else 2 end${d}`,
    `(case when ${type} in ('string', 'objectId') then _jsonb ->> '${field}' end) collate "C"${d}`,
    `nullif(_jsonb -> '${field}', 'null')${d}`,
  ];
}
