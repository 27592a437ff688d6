import pg from "pg";
import { JOBS_COLLECTION } from "./jobs-collection.js";
import { PASSAGES_COLLECTION } from "./meeting-passages.js";
import { WEBHOOKS_COLLECTION } from "./provider-webhooks.js";

/**
 * FerretDB v1 on PostgreSQL keeps a collection as a table of one jsonb column, `_jsonb`, and sends
 * an equality filter on a top-level field as containment: `_jsonb -> '_id' @> '"job_…"'`. The
 * btree indexes it makes for a collection's declared indexes cannot serve `@>`, so without more
 * every read, and every update (it reads the document first), scans the table. A GIN index on
 * the same expression serves it. These are the fields the repositories filter on by equality:
 * the scope and the narrowing of job lists (a picture's children by `parentJobId` among them), and the job of a webhook. `_id` has none: the embedded
 * FerretDB compares a string `_id` with `=` (infra/ferretdb/point-id-btree.patch), which the
 * collection's own unique btree index serves, and a GIN index on it only cost every insert and
 * update an entry more. Filters FerretDB does not send to PostgreSQL gain nothing from an index:
 * dotted paths (`provider.requestId`), `$in` (but on `_id`: infra/ferretdb/id-in-btree.patch), `$all`,
 * `null` and anything under `$and` or `$or`.
 */
export const embeddedEqualityFields: Readonly<Record<string, readonly string[]>> = {
  [JOBS_COLLECTION]: ["workspaceId", "userId", "type", "status", "parentJobId"],
  [WEBHOOKS_COLLECTION]: ["jobId"],
  // `terms` is an array: containment of one word matches a passage whose array holds it.
  [PASSAGES_COLLECTION]: ["workspaceId", "terms", "jobId"],
};

/** A sort as the repositories ask for it: fields with 1 (ascending) or -1 (descending). */
export type EmbeddedSort = ReadonlyArray<readonly [field: string, direction: 1 | -1]>;

/**
 * The sorts the repositories' finds ask for: a page of a job list newest first (oldest first reads
 * the same index backwards) or most used first, and the quietest live jobs. The embedded FerretDB runs with sort pushdown (infra/ferretdb/sort-pushdown.patch), so
 * PostgreSQL orders the rows and the find stops at its limit; a btree index on the patch's sort
 * expressions lets it read the first rows in order instead of sorting every matching one.
 */
export const embeddedSorts: Readonly<Record<string, readonly EmbeddedSort[]>> = {
  [JOBS_COLLECTION]: [
    [
      ["createdAt", -1],
      ["jobId", -1],
    ],
    [
      ["uses", -1],
      ["createdAt", -1],
      ["jobId", -1],
    ],
    [["updatedAt", 1]],
  ],
  // The search across meetings: newest meeting first, a meeting's passages in order.
  [PASSAGES_COLLECTION]: [
    [
      ["createdAt", -1],
      ["_id", 1],
    ],
  ],
};

/**
 * Sort indexes over some documents only: a choice list that reads a few documents of one kind,
 * newest first, among many of other kinds. The gallery offers the newest finished LoRAs on every
 * page (jobs/lora-options.ts); in a workspace of 100,000 jobs one in 33 is a LoRA, and the full
 * sort index was read past thousands of other jobs for them (or PostgreSQL fetched every LoRA of
 * the workspace and sorted it). For the embedded store only: on MongoDB the declared
 * { workspaceId, type, createdAt, jobId } index serves the same read.
 */
export const embeddedPartialSorts: Readonly<Record<string, ReadonlyArray<{ sort: EmbeddedSort; only: Readonly<Record<string, string>> }>>> =
  {
    [JOBS_COLLECTION]: [
      {
        sort: [
          ["createdAt", -1],
          ["jobId", -1],
        ],
        only: { type: "lora-training", status: "completed" },
      },
    ],
  };

/**
 * The ORDER BY terms the sort pushdown patch sends for one field, the same expressions so that
 * PostgreSQL matches them to the index: the BSON type's rank, strings by bytes, the rest as jsonb.
 */
function sortTerms(field: string, direction: 1 | -1): string[] {
  const key = `'${field.replaceAll("'", "''")}'`;
  const type = `_jsonb -> '$s' -> 'p' -> ${key} ->> 't'`;
  const order = direction === -1 ? " desc" : "";
  return [
    `(case ${type} when 'double' then 3 when 'int' then 3 when 'long' then 3 when 'string' then 4 ` +
      `when 'object' then 5 when 'array' then 6 when 'binData' then 7 when 'objectId' then 8 ` +
      `when 'bool' then 9 when 'date' then 10 when 'timestamp' then 11 when 'regex' then 12 else 2 end)${order}`,
    `((case when ${type} in ('string', 'objectId') then _jsonb ->> ${key} end) collate "C")${order}`,
    `(nullif(_jsonb -> ${key}, 'null'))${order}`,
  ];
}

/** FerretDB's equality on a top-level string field, `(_jsonb -> 'type') @> '"lora-training"'`: a partial index's condition. */
function containsTerm(field: string, value: string): string {
  const quote = (v: string) => `'${v.replaceAll("'", "''")}'`;
  return `((_jsonb -> ${quote(field)}) @> ${quote(JSON.stringify(value))}::jsonb)`;
}

/**
 * Each collection's sort indexes: `key` names the index (its md5, so an index made by an earlier
 * version under the same columns keeps its name), `definition` follows `create index … on table`.
 */
function sortIndexDefinitions(): Record<string, Array<{ key: string; definition: string }>> {
  const collections = new Set([...Object.keys(embeddedSorts), ...Object.keys(embeddedPartialSorts)]);
  const columnsOf = (sort: EmbeddedSort) => sort.flatMap(([f, d]) => sortTerms(f, d)).join(", ");
  return Object.fromEntries(
    [...collections].map((collection) => [
      collection,
      [
        ...(embeddedSorts[collection] ?? []).map((sort) => ({ key: columnsOf(sort), definition: `(${columnsOf(sort)})` })),
        ...(embeddedPartialSorts[collection] ?? []).map(({ sort, only }) => {
          const where = Object.entries(only)
            .map(([f, v]) => containsTerm(f, v))
            .join(" and ");
          return { key: `${columnsOf(sort)} where ${where}`, definition: `(${columnsOf(sort)}) where ${where}` };
        }),
      ],
    ]),
  );
}

const METADATA_TABLE = "_ferretdb_database_metadata";
const ROW_TRIGGER = "cg_embedded_gin";
const EVENT_TRIGGER = "cg_embedded_gin_metadata";

/**
 * The indexes are made by PostgreSQL itself whenever FerretDB makes a collection, so they exist
 * however the collection came to be (a test's own database, a collection dropped and made again)
 * and no client has to remember a step: FerretDB records each collection as a row of the
 * metadata table of its database's schema, a row trigger on that table indexes the collection's
 * new table, and an event trigger puts the row trigger on the metadata table of every schema
 * FerretDB makes later. jsonb_path_ops is the smaller GIN operator class and serves `@>`;
 * fastupdate is off so an update's index entries are in place when the next read looks (a
 * pending list is scanned by every read until a vacuum merges it).
 */
function functionsSql(fields: string, sorts: string): string {
  return `
create or replace function public.cg_embedded_gin_fields(collection text) returns text[]
  language sql immutable
  as $fn$
    -- Any other collection (tests make their own) is read and written by _id, through its own index.
    select case when ${fields}::jsonb ? collection
      then array(select jsonb_array_elements_text(${fields}::jsonb -> collection))
      else array[]::text[]
    end
  $fn$;

create or replace function public.cg_embedded_sort_indexes(collection text) returns setof jsonb
  language sql immutable
  as $fn$
    select jsonb_array_elements(coalesce(${sorts}::jsonb -> collection, '[]'::jsonb))
  $fn$;

create or replace function public.cg_embedded_gin_indexes(schema_name text, table_name text, collection text) returns integer
  language plpgsql
  set search_path = pg_catalog
  as $fn$
  declare
    field text;
    sort_index jsonb;
    index_name text;
    created integer := 0;
  begin
    -- Earlier versions gave _id a GIN index too; point reads no longer use it and every write paid for it.
    execute format('drop index if exists %I.%I', schema_name, left(table_name, 30) || '__id_' || left(md5('_id'), 6) || '_gin');
    foreach field in array public.cg_embedded_gin_fields(collection) loop
      index_name := left(table_name, 30) || '_' || left(regexp_replace(lower(field), '[^a-z0-9]+', '_', 'g'), 20)
        || '_' || left(md5(field), 6) || '_gin';
      if not exists (
        select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = schema_name and c.relname = index_name
      ) then
        execute format('create index %I on %I.%I using gin ((_jsonb -> %L) jsonb_path_ops) with (fastupdate = off)',
          index_name, schema_name, table_name, field);
        created := created + 1;
      end if;
    end loop;
    -- The planner picks the sort index only when it knows how many rows a filter matches; by
    -- default a table is re-analyzed after 10% of it changed, so a member's first thousands of
    -- jobs in a large collection went unseen and their page was sorted in full. 2% keeps it current.
    -- A job with FerretDB's type schema is about 2.5 KB of jsonb, over PostgreSQL's 2 KB threshold,
    -- so by default every write compressed it and every index expression (each index is one on
    -- _jsonb) and every read decompressed it again: about 40% of an update's time in PostgreSQL.
    -- toast_tuple_target = 8160 keeps documents up to a page uncompressed, in line.
    execute format('alter table %I.%I set (autovacuum_analyze_scale_factor = 0.02, autovacuum_analyze_threshold = 200, toast_tuple_target = 8160)', schema_name, table_name);
    for sort_index in select * from public.cg_embedded_sort_indexes(collection) loop
      index_name := left(table_name, 30) || '_' || left(md5(sort_index ->> 'key'), 12) || '_sort';
      if not exists (
        select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = schema_name and c.relname = index_name
      ) then
        execute format('create index %I on %I.%I %s', index_name, schema_name, table_name, sort_index ->> 'definition');
        created := created + 1;
      end if;
    end loop;
    return created;
  end
  $fn$;

create or replace function public.cg_embedded_gin_on_collection() returns trigger
  language plpgsql
  set search_path = pg_catalog
  as $fn$
  begin
    -- Index changes rewrite the row too; only a new or renamed collection needs indexes.
    if tg_op = 'INSERT' or (old._jsonb ->> '_id') is distinct from (new._jsonb ->> '_id') then
      begin
        perform public.cg_embedded_gin_indexes(tg_table_schema, new._jsonb ->> 'table', new._jsonb ->> '_id');
      exception when others then
        -- A collection without these indexes still works (it scans); one FerretDB cannot create would not.
        raise warning 'no GIN indexes for collection %.%: %', tg_table_schema, new._jsonb ->> '_id', sqlerrm;
      end;
    end if;
    return null;
  end
  $fn$;

create or replace function public.cg_embedded_gin_on_ddl() returns event_trigger
  language plpgsql
  set search_path = pg_catalog
  as $fn$
  declare
    made record;
  begin
    for made in select objid from pg_event_trigger_ddl_commands() where command_tag = 'CREATE TABLE' and object_type = 'table' loop
      if (select relname from pg_class where oid = made.objid) = '${METADATA_TABLE}' then
        execute format('create trigger ${ROW_TRIGGER} after insert or update on %s for each row execute function public.cg_embedded_gin_on_collection()',
          made.objid::regclass);
      end if;
    end loop;
  end
  $fn$;
`;
}

export interface EmbeddedIndexesResult {
  /** GIN indexes made now on collections that existed before. */
  created: number;
  /** Whether collections FerretDB makes from now on get theirs at once (needs a superuser). */
  automatic: boolean;
}

/**
 * Installs the triggers above in FerretDB's PostgreSQL database and indexes the collections
 * already there. Idempotent; for the embedded FerretDB only (MongoDB keeps its declared indexes).
 * Only a superuser may create the event trigger: without one, collections made later get their
 * indexes at the next start.
 */
export async function ensureEmbeddedIndexes(databaseUrl: string): Promise<EmbeddedIndexesResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("begin");
    // Two starts at once on one database would otherwise race on `create or replace`.
    await client.query("select pg_advisory_xact_lock(hashtext('cg_embedded_gin'))");
    await client.query(
      functionsSql(
        client.escapeLiteral(JSON.stringify(embeddedEqualityFields)),
        client.escapeLiteral(JSON.stringify(sortIndexDefinitions())),
      ),
    );
    const superuser =
      (await client.query<{ rolsuper: boolean }>("select rolsuper from pg_roles where rolname = current_user")).rows[0]?.rolsuper === true;
    if (superuser) {
      const exists = await client.query("select 1 from pg_event_trigger where evtname = $1", [EVENT_TRIGGER]);
      if (exists.rowCount === 0) {
        await client.query(
          `create event trigger ${EVENT_TRIGGER} on ddl_command_end when tag in ('CREATE TABLE') execute function public.cg_embedded_gin_on_ddl()`,
        );
      }
    }
    const schemas = await client.query<{ schema: string }>(
      "select n.nspname as schema from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relname = $1 and c.relkind = 'r'",
      [METADATA_TABLE],
    );
    let created = 0;
    for (const { schema } of schemas.rows) {
      const metadata = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(METADATA_TABLE)}`;
      const hasTrigger = await client.query("select 1 from pg_trigger where tgname = $1 and tgrelid = $2::regclass", [
        ROW_TRIGGER,
        metadata,
      ]);
      if (hasTrigger.rowCount === 0) {
        await client.query(
          `create trigger ${ROW_TRIGGER} after insert or update on ${metadata} for each row execute function public.cg_embedded_gin_on_collection()`,
        );
      }
      const made = await client.query<{ n: number }>(
        `select coalesce(sum(public.cg_embedded_gin_indexes($1, _jsonb ->> 'table', _jsonb ->> '_id')), 0)::int as n from ${metadata}`,
        [schema],
      );
      created += made.rows[0]?.n ?? 0;
    }
    await client.query("commit");
    return { created, automatic: superuser };
  } catch (err) {
    await client.query("rollback").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
