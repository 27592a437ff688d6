import type { DeclaredIndex } from "./declared-indexes.js";

/** The collection job documents live in: the product reads and writes it through JobsRepository only. */
export const JOBS_COLLECTION = "jobs";

/** Indexes behind every query the repository makes; created at start, idempotently. */
export const jobIndexes: readonly DeclaredIndex[] = [
  { key: { jobId: 1 }, name: "jobId_unique", unique: true },
  { key: { userId: 1, createdAt: -1, jobId: -1 }, name: "user_recent" },
  { key: { userId: 1, type: 1, createdAt: -1, jobId: -1 }, name: "user_type_recent" },
  { key: { workspaceId: 1, createdAt: -1, jobId: -1 }, name: "workspace_recent" },
  { key: { workspaceId: 1, type: 1, createdAt: -1, jobId: -1 }, name: "workspace_type_recent" },
  // The gallery's "most used" order (oldest first reads the recent ones backwards).
  { key: { workspaceId: 1, uses: -1, createdAt: -1, jobId: -1 }, name: "workspace_uses" },
  { key: { workspaceId: 1, type: 1, uses: -1, createdAt: -1, jobId: -1 }, name: "workspace_type_uses" },
  { key: { searchTerms: 1 }, name: "search_terms" },
  // A picture's lineage: the jobs made from it (jobs.list's parentJobId).
  { key: { workspaceId: 1, parentJobId: 1, createdAt: -1, jobId: -1 }, name: "workspace_parent_recent" },
  { key: { status: 1, updatedAt: 1 }, name: "status_updated" },
  { key: { "provider.requestId": 1 }, name: "provider_request" },
];
