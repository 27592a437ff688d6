import type { JobDocument } from "../shared/db/mongo/job-schema.js";

/** Who is calling: a member of one workspace, through their own key, a bot's service key or a web gallery session. */
export interface Principal {
  workspaceId: string;
  workspaceSlug: string;
  userId: string;
  /** The API key's id, or for a web session `session:<id>`. */
  keyId: string;
  via: "user-key" | "service-key" | "bot-key" | "web-session";
  /** Set for a bot key: the platform, and the guild/team and user ids there. */
  chat?: { platform: "discord" | "slack"; workspaceExternalId: string; userExternalId: string; admin?: boolean };
}

/**
 * A job is visible inside its own workspace: to everyone there when shared, to its owner
 * when private. Documents without a workspace have not been adopted and are visible to no one.
 */
export function canSeeJob(p: Principal, job: Pick<JobDocument, "workspaceId" | "visibility" | "userId" | "deletedAt">): boolean {
  if (job.deletedAt) return false;
  if (!job.workspaceId || job.workspaceId !== p.workspaceId) return false;
  return job.visibility !== "private" || job.userId === p.userId;
}

export function ownsJob(p: Principal, job: Pick<JobDocument, "workspaceId" | "userId">): boolean {
  return job.workspaceId === p.workspaceId && job.userId === p.userId;
}

/** The Mongo filter matching exactly the jobs `canSeeJob` allows. */
export function visibleJobsFilter(p: Principal) {
  return {
    workspaceId: p.workspaceId,
    deletedAt: null,
    $or: [{ visibility: { $ne: "private" as const } }, { userId: p.userId }],
  };
}
