import { type Collection, type Db, type Filter, MongoServerError } from "mongodb";
import {
  type JobDocument,
  type JobError,
  type JobStatus,
  type JobType,
  type JobVersion,
  type ProviderRef,
  type Visibility,
  finalStatuses,
  jobDocument,
} from "./job-schema.js";
import { typeOfVersion, versionUsage } from "../../jobs/usage.js";
import { ensureDeclaredIndexes } from "./declared-indexes.js";
import { type JobPage, type JobSort, cursorFilter, encodeCursor, sortSpec } from "./job-pages.js";
import { JOBS_COLLECTION, jobIndexes } from "./jobs-collection.js";
import { type NewJob, parentJobIds, queuedJobDocument } from "./new-job.js";
import { wrapNestedArrays } from "./nested-arrays.js";
import { MeetingPassages } from "./meeting-passages.js";
import { TranscriptRecords } from "./transcript-records.js";
import type { ProviderWebhook } from "./provider-webhooks.js";

/** What a page of jobs leaves in the store: a job's search terms and its chat delivery's credentials. */
const PAGE_PROJECTION = {
  searchTerms: 0,
  "delivery.interaction": 0,
  "delivery.responseUrl": 0,
  "delivery.responseUrlExpiresAt": 0,
} as const;

function isDuplicateKey(err: unknown): boolean {
  return err instanceof MongoServerError && err.code === 11000;
}

/**
 * The `jobs` collection, behind the reads and writes the product makes; nothing else touches it.
 * Writes of one job filter by its `_id` (the jobId), the key every server finds fastest.
 */
export class JobsRepository {
  readonly #db: Db;
  readonly #collection: Collection<JobDocument>;
  /** The search index across meetings, which follows its jobs' visibility and deletion. */
  readonly passages: MeetingPassages;
  /** A transcription's writes after its transcript: notes, translations, speaker names. */
  readonly transcripts: TranscriptRecords;

  constructor(db: Db) {
    this.#db = db;
    this.#collection = db.collection<JobDocument>(JOBS_COLLECTION);
    this.passages = new MeetingPassages(db);
    this.transcripts = new TranscriptRecords(this.#collection);
  }

  /** The declared indexes; on the embedded FerretDB the unique one only (see ensureDeclaredIndexes). */
  async ensureIndexes(): Promise<void> {
    await ensureDeclaredIndexes(this.#db, this.#collection, jobIndexes);
    await this.passages.ensureIndexes();
  }

  /**
   * Inserts a queued job. The jobId is the document's _id, so a second insert of the
   * same id (a retried create) returns the stored job instead of making another.
   */
  async create(job: NewJob, now = new Date()): Promise<{ job: JobDocument; created: boolean }> {
    const doc = queuedJobDocument(job, now);
    try {
      await this.#collection.insertOne({ ...doc, input: wrapNestedArrays(doc.input) as Record<string, unknown> });
      await this.countUse(parentJobIds(doc), 1);
      return { job: doc, created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const existing = await this.get(job.jobId);
      if (!existing) throw err;
      return { job: existing, created: false };
    }
  }

  async get(jobId: string): Promise<JobDocument | null> {
    // Every job document's _id is its jobId (older documents are re-keyed so, see rekeyJobs), the
    // key every server looks up fastest.
    const doc = await this.#collection.findOne({ _id: jobId });
    return doc ? jobDocument.parse(doc) : null;
  }

  /**
   * The workspace's jobs among these ids, as a page shows them, in no order: one query by `_id`,
   * which MongoDB and the embedded FerretDB (infra/ferretdb/id-in-btree.patch) both serve from the
   * `_id` index, a probe an id. The workspace goes under `$and`, which FerretDB checks itself
   * rather than sending it to PostgreSQL, where it chose to read the workspace's GIN index as well.
   */
  async getMany(workspaceId: string, jobIds: readonly string[]): Promise<JobDocument[]> {
    if (jobIds.length === 0) return [];
    const docs = await this.#collection
      .find({ _id: { $in: [...jobIds] }, $and: [{ workspaceId }] }, { projection: PAGE_PROJECTION })
      .toArray();
    return docs.map((d) => jobDocument.parse(d));
  }

  /** A page in the order asked for (newest first unless told), continuing after the cursor; each order is stable under inserts. */
  async page(
    filter: Filter<JobDocument>,
    opts: { limit: number; cursor?: string | null | undefined; sort?: JobSort | undefined },
  ): Promise<JobPage> {
    const sort = opts.sort ?? "newest";
    // The cursor's condition joins the filter's own $and, leaving the filter's equalities and the
    // cursor's bound at the top level: FerretDB sends only those to PostgreSQL (nothing under $and or $or).
    const query: Filter<JobDocument> = opts.cursor ? cursorFilter(filter, opts.cursor, sort) : filter;
    // A page shows neither a job's search terms (one per word of its prompt and transcript) nor
    // its chat delivery's credentials (the interaction token, the response_url): they stay in the store.
    const docs = await this.#collection
      .find(query, { projection: PAGE_PROJECTION })
      .sort(sortSpec(sort))
      .limit(opts.limit + 1)
      .toArray();
    const items = docs.slice(0, opts.limit).map((d) => jobDocument.parse(d));
    const last = items.at(-1);
    return { items, nextCursor: docs.length > opts.limit && last ? encodeCursor(last, sort) : null };
  }

  /**
   * The newest `limit` jobs the filter matches as their id and trigger word only (a LoRA's name):
   * the gallery's LoRA filter lists them on every page, where whole documents, each parsed and
   * shown as the API shows a job, cost several times the page's own list.
   */
  async triggerWords(filter: Filter<JobDocument>, limit: number): Promise<Array<{ jobId: string; triggerWord: string | null }>> {
    const docs = await this.#collection
      .find(filter, { projection: { jobId: 1, "input.triggerWord": 1 } })
      .sort(sortSpec("newest"))
      .limit(limit)
      .toArray();
    return docs.map((d) => ({ jobId: d.jobId, triggerWord: typeof d.input?.triggerWord === "string" ? d.input.triggerWord : null }));
  }

  /**
   * Adds `delta` to the uses of the jobs a job was made from: +1 when the job is written, -1 when
   * it is deleted or withdrawn, each once (the writes that call it change the job only once). A
   * crash between the two writes leaves a parent one off. Never below zero: a child written
   * before uses were counted may be deleted after. updatedAt stays: a use is not a change of the
   * parent, whose worker (if any) is its only writer of everything else.
   */
  async countUse(jobIds: readonly string[], delta: 1 | -1): Promise<void> {
    if (jobIds.length === 0) return;
    await Promise.all(
      jobIds.map((jobId) =>
        this.#collection.updateOne(delta > 0 ? { _id: jobId } : { _id: jobId, uses: { $gt: 0 } }, { $inc: { uses: delta } }),
      ),
    );
  }

  /** Removes a job that was written but could not be queued, unless something already started it. */
  async withdrawQueued(jobId: string): Promise<void> {
    // The whole document comes back: FerretDB v1 refuses a projection on findAndModify.
    const doc = await this.#collection.findOneAndDelete({ _id: jobId, status: "queued" });
    if (doc) await this.countUse(parentJobIds(doc), -1);
  }

  /** Every job the filter matches, with the fields a usage summary reads (no input, no provider). */
  async *summaries(
    filter: Filter<JobDocument>,
  ): AsyncGenerator<Pick<JobDocument, "jobId" | "type" | "status" | "userId" | "versions" | "workspaceId" | "createdAt" | "updatedAt">> {
    const cursor = this.#collection.find(filter, {
      projection: { jobId: 1, type: 1, status: 1, userId: 1, versions: 1, createdAt: 1, updatedAt: 1, workspaceId: 1 },
    });
    for await (const doc of cursor) yield { ...doc, versions: doc.versions ?? [] };
  }

  /** How many jobs there are of each type in each status: a gauge for /metrics. */
  async countByTypeAndStatus(): Promise<Array<{ type: string; status: string; count: number }>> {
    const groups = await this.#collection
      .aggregate<{ _id: { type: string; status: string }; n: number }>([
        { $group: { _id: { type: "$type", status: "$status" }, n: { $sum: 1 } } },
      ])
      .toArray();
    return groups.map((g) => ({ type: g._id.type, status: g._id.status, count: g.n }));
  }

  /** Live jobs (queued or running) of a workspace that nothing has written since `before`, the quietest first. */
  async quietLiveJobs(
    before: Date,
    limit: number,
  ): Promise<Array<Pick<JobDocument, "jobId" | "type" | "status" | "userId" | "workspaceId" | "requestId">>> {
    return this.#collection
      .find(
        { status: { $in: ["queued", "running"] }, deletedAt: null, workspaceId: { $exists: true }, updatedAt: { $lt: before } },
        { projection: { jobId: 1, type: 1, status: 1, userId: 1, workspaceId: 1, requestId: 1 } },
      )
      .sort({ updatedAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** Ids of the chat jobs that reached a final status since `since`. */
  async chatJobsFinishedSince(since: Date): Promise<string[]> {
    const docs = await this.#collection
      .find({ delivery: { $exists: true }, status: { $in: [...finalStatuses] }, finishedAt: { $gte: since } }, { projection: { jobId: 1 } })
      .toArray();
    return docs.map((d) => d.jobId);
  }

  /** The job, other than `exceptJobId`, that holds this provider request, if one does. */
  async holderOfRequest(provider: string, requestId: string, exceptJobId: string): Promise<string | undefined> {
    const doc = await this.#collection.findOne(
      { "provider.name": provider, "provider.requestId": requestId, jobId: { $ne: exceptJobId } },
      { projection: { jobId: 1 } },
    );
    return doc?.jobId;
  }

  /**
   * Shares a finished private job with its workspace (or takes it back). Only finished jobs are
   * shared, which no worker writes any more: the one-writer rule of a running job holds.
   */
  async setVisibility(jobId: string, visibility: Visibility, now = new Date()): Promise<JobDocument | null> {
    const doc = await this.#collection.findOneAndUpdate(
      { _id: jobId, deletedAt: null },
      { $set: { visibility, updatedAt: now } },
      { returnDocument: "after" },
    );
    if (doc) await this.passages.setPrivate(jobId, visibility === "private");
    return doc ? jobDocument.parse(doc) : null;
  }

  /** Hides a job from every read; returns false when it was already deleted. */
  async markDeleted(jobId: string, now = new Date()): Promise<boolean> {
    // Its parents are read from the document it was (no projection: FerretDB v1 refuses one on findAndModify).
    const doc = await this.#collection.findOneAndUpdate({ _id: jobId, deletedAt: null }, { $set: { deletedAt: now, updatedAt: now } });
    if (doc) await this.countUse(parentJobIds(doc), -1);
    // Also when it was deleted already: a delete that stopped half way leaves no passage behind.
    await this.passages.removeJob(jobId);
    return doc !== null;
  }

  /**
   * Moves a job to a new status unless it already reached a final one, so a late worker
   * can never turn a canceled job into a completed one. Returns the updated job, or null.
   */
  async setStatus(
    jobId: string,
    status: JobStatus,
    extra: { error?: JobError | null; progress?: number } = {},
    now = new Date(),
  ): Promise<JobDocument | null> {
    const set: Partial<JobDocument> = { status, updatedAt: now };
    if (extra.error !== undefined) set.error = extra.error;
    if (extra.progress !== undefined) set.progress = extra.progress;
    if (status === "running") set.startedAt = now;
    if (finalStatuses.includes(status)) set.finishedAt = now;
    const doc = await this.#collection.findOneAndUpdate(
      { _id: jobId, status: { $nin: [...finalStatuses] } },
      { $set: set },
      { returnDocument: "after" },
    );
    if (!doc) return null;
    return jobDocument.parse(doc);
  }

  /**
   * Updates progress and the provider's queue position and logs, field by field, so it never
   * overwrites what else is on the provider (its request id, a webhook mark).
   */
  async setProgress(
    jobId: string,
    progress: number,
    details: { queuePosition?: number | null; logs?: string[] } = {},
    now = new Date(),
  ): Promise<boolean> {
    const set: Record<string, unknown> = { progress: Math.max(0, Math.min(100, progress)), updatedAt: now };
    if (details.queuePosition !== undefined) set["provider.queuePosition"] = details.queuePosition;
    if (details.logs !== undefined) set["provider.logs"] = details.logs;
    const res = await this.#collection.updateOne({ _id: jobId, status: { $nin: [...finalStatuses] } }, { $set: set });
    return res.modifiedCount === 1;
  }

  /**
   * Reopens a completed LoRA training for another run, keeping its versions: the next run trains
   * version `versions.length + 1`. Returns null unless the job was completed.
   */
  async reopenForRetraining(jobId: string, input: Record<string, unknown>, now = new Date()): Promise<JobDocument | null> {
    const doc = await this.#collection.findOneAndUpdate(
      { _id: jobId, type: "lora-training", status: "completed", deletedAt: null },
      {
        $set: {
          status: "queued",
          input: wrapNestedArrays(input) as Record<string, unknown>,
          provider: null,
          error: null,
          progress: 0,
          finishedAt: null,
          updatedAt: now,
        },
      },
      { returnDocument: "after" },
    );
    return doc ? jobDocument.parse(doc) : null;
  }

  /** Replaces the job's provider reference: a new submission is announced with it (see submitAnnounced). */
  async setProvider(jobId: string, provider: ProviderRef, now = new Date()): Promise<void> {
    await this.#collection.updateOne({ _id: jobId }, { $set: { provider, updatedAt: now } });
  }

  /** Appends a version unless one with the same number exists, so a retried step adds it once. */
  async pushVersion(jobId: string, version: JobVersion & { version: number }, now = new Date()): Promise<boolean> {
    // The version's usage is added in the same write, so the sums assets.stats reads never miss a version or count one twice.
    const usage = versionUsage(typeOfVersion(version), version);
    const res = await this.#collection.updateOne(
      { _id: jobId, "versions.version": { $ne: version.version } },
      {
        $push: { versions: version },
        $set: { updatedAt: now },
        $inc: { "usage.files": usage.files, "usage.bytes": usage.bytes, "usage.costUsd": usage.costUsd },
      },
    );
    return res.modifiedCount === 1;
  }

  /**
   * Jobs, files, bytes and provider cost by type, and completed jobs, summed by the store over
   * the stored usage of the jobs the filter matches; `legacy` lists the matching jobs written
   * before usage was stored, for the caller to count from their versions.
   */
  async usageByType(filter: Filter<JobDocument>): Promise<{
    groups: Array<{ type: JobType; status: JobStatus; jobs: number; files: number; bytes: number; costUsd: number }>;
    legacy: AsyncGenerator<Pick<JobDocument, "jobId" | "type" | "status" | "userId" | "versions">>;
  }> {
    // One accumulator per pipeline: FerretDB v1 (the embedded store) answers 0 for every
    // accumulator of a $group after its first, so the four figures are four passes there and on
    // MongoDB alike, run at once.
    const match = { $match: { $and: [filter, { usage: { $exists: true } }] } };
    const sumOf = async (value: 1 | `$usage.${"files" | "bytes" | "costUsd"}`) =>
      this.#collection
        .aggregate<{ _id: { type: JobType; status: JobStatus }; v: number }>([
          match,
          { $group: { _id: { type: "$type", status: "$status" }, v: { $sum: value } } },
        ])
        .toArray();
    const [jobs, files, bytes, costUsd] = await Promise.all([
      sumOf(1),
      sumOf("$usage.files"),
      sumOf("$usage.bytes"),
      sumOf("$usage.costUsd"),
    ]);
    const key = (g: { _id: { type: JobType; status: JobStatus } }) => `${g._id.type}/${g._id.status}`;
    const valueIn = (rows: Array<{ _id: { type: JobType; status: JobStatus }; v: number }>, k: string) =>
      rows.find((r) => key(r) === k)?.v ?? 0;
    return {
      groups: jobs.map((g) => ({
        type: g._id.type,
        status: g._id.status,
        jobs: g.v,
        files: valueIn(files, key(g)),
        bytes: valueIn(bytes, key(g)),
        costUsd: valueIn(costUsd, key(g)),
      })),
      legacy: this.summaries({ $and: [filter, { usage: { $exists: false } }] }),
    };
  }

  /**
   * Stores the request id of the submission `nonce` names, unless the job already holds one.
   * Returns the job's request id afterwards, or undefined when the nonce is not the job's latest
   * submission.
   */
  async setSubmittedRequest(jobId: string, nonce: string, requestId: string, now = new Date()): Promise<string | undefined> {
    await this.#collection.updateOne(
      {
        _id: jobId,
        "provider.submission.nonce": nonce,
        $or: [{ "provider.requestId": null }, { "provider.requestId": { $exists: false } }],
      },
      { $set: { "provider.requestId": requestId, updatedAt: now } },
    );
    const doc = await this.#collection.findOne({ _id: jobId, "provider.submission.nonce": nonce }, { projection: { provider: 1 } });
    return doc?.provider?.requestId ?? undefined;
  }

  /** Forgets an announced submission the provider refused, so a retry submits without looking for it. */
  async withdrawSubmission(jobId: string, nonce: string, now = new Date()): Promise<void> {
    await this.#collection.updateOne(
      { _id: jobId, "provider.submission.nonce": nonce, "provider.requestId": null },
      { $set: { provider: null, updatedAt: now } },
    );
  }

  /** Notes on the job, once, that its provider's webhook came; written by the job's worker. */
  async markWebhook(jobId: string, hook: ProviderWebhook, now = new Date()): Promise<void> {
    await this.#collection.updateOne(
      { _id: jobId, "provider.requestId": hook.requestId, "provider.webhook": { $exists: false } },
      { $set: { "provider.webhook": { status: hook.status, receivedAt: hook.receivedAt }, updatedAt: now } },
    );
  }

  async addSearchTerms(jobId: string, terms: string[]): Promise<void> {
    if (terms.length === 0) return;
    await this.#collection.updateOne({ _id: jobId }, { $addToSet: { searchTerms: { $each: terms } } });
  }
}
