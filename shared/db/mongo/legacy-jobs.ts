import { type Db, type Filter, MongoServerError } from "mongodb";
import { searchTerms } from "../../search.js";
import type { JobDocument } from "./job-schema.js";
import { JOBS_COLLECTION } from "./jobs-collection.js";

/**
 * Gives job documents written before workspaces existed (no workspaceId) to a workspace, as
 * shared jobs, and fills in the fields newer documents always have. Returns how many changed.
 * An operator's one-off (the admin command `jobs adopt`), apart from the repository the product uses.
 */
export async function adoptLegacyJobs(db: Db, workspaceId: string, userId?: string): Promise<number> {
  const jobs = db.collection<JobDocument>(JOBS_COLLECTION);
  const filter: Filter<JobDocument> = { workspaceId: { $exists: false } };
  if (userId) filter.userId = userId;
  let adopted = 0;
  for await (const doc of jobs.find(filter)) {
    const prompt = doc.input?.prompt;
    const terms = new Set<string>([...(doc.searchTerms ?? []), ...searchTerms(typeof prompt === "string" ? prompt : undefined)]);
    const res = await jobs.updateOne({ _id: doc._id, workspaceId: { $exists: false } } as Filter<JobDocument>, {
      $set: {
        workspaceId,
        visibility: doc.visibility ?? "workspace",
        jobId: doc.jobId ?? String(doc._id),
        deletedAt: null,
        searchTerms: [...terms],
      },
    });
    adopted += res.modifiedCount;
  }
  await rekeyJobs(db);
  return adopted;
}

/**
 * Gives every job document whose `_id` is not its jobId (documents the earlier services wrote
 * with an ObjectId) its jobId as `_id`: the repository reads and writes a job by `_id` alone.
 * The old document first steps aside in the unique jobId index (`rekey:` before its jobId), a
 * copy goes in under the new key, then the old one is removed. Run again after an interruption,
 * it picks up where it stopped. Returns how many documents it re-keyed.
 */
export async function rekeyJobs(db: Db): Promise<number> {
  const jobs = db.collection<JobDocument>(JOBS_COLLECTION);
  let rekeyed = 0;
  for await (const doc of jobs.find({ _id: { $type: "objectId" }, jobId: { $type: "string" } } as Filter<JobDocument>)) {
    const jobId = doc.jobId.replace(/^rekey:/, "");
    await jobs.updateOne({ _id: doc._id }, { $set: { jobId: `rekey:${jobId}` } });
    try {
      await jobs.insertOne({ ...doc, _id: jobId, jobId });
    } catch (err) {
      // The copy is there already: an earlier run stopped before removing the old document.
      if (!(err instanceof MongoServerError && err.code === 11000)) throw err;
    }
    await jobs.deleteOne({ _id: doc._id });
    rekeyed++;
  }
  return rekeyed;
}
