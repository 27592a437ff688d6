import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./schema.js";

/*
 * Favourites and boards live here rather than on the job documents: a picture is in any number of
 * boards and any number of members' favourites, a board's pictures are a page of its own rows in
 * the order they were added, and each view is a range of one btree index (board or member, then
 * the time added), which the embedded FerretDB could not serve (it sends no range or sort on a
 * non-unique index to PostgreSQL). Pictures are (job id, picture number): the number counts the
 * pictures of the job's latest version from 1, as the gallery's /app/images/:jobId/:n does. The
 * list indexes are ascending: read backwards they give ORDER BY … DESC exactly (a DESC index
 * column is NULLS LAST as drizzle writes it, which that ORDER BY is not, so PostgreSQL would sort).
 */

/** A member's favourite pictures, the newest favourite first. */
export const favourites = pgTable(
  "favourites",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    jobId: text("job_id").notNull(),
    picture: integer("picture").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId, t.jobId, t.picture] }),
    index("favourites_recent").on(t.workspaceId, t.userId, t.createdAt, t.jobId, t.picture),
    // A deleted job leaves every member's favourites.
    index("favourites_job").on(t.jobId),
  ],
);

/** A workspace's boards, shared by its members; a name is used once per workspace. */
export const boards = pgTable(
  "boards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("boards_workspace_name").on(t.workspaceId, sql`lower(${t.name})`)],
);

/** The pictures of a board, the last added first. */
export const boardPictures = pgTable(
  "board_pictures",
  {
    boardId: uuid("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    jobId: text("job_id").notNull(),
    picture: integer("picture").notNull(),
    addedBy: text("added_by").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.jobId, t.picture] }),
    index("board_pictures_recent").on(t.boardId, t.addedAt, t.jobId, t.picture),
    index("board_pictures_job").on(t.jobId),
  ],
);
