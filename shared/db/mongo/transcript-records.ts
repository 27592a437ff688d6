import type { Collection } from "mongodb";
import { type SpeakerNames, speakerNameMap, speakerNamesField } from "../../jobs/speaker-names.js";
import { type JobDocument, type TranslatedFiles, jobDocument } from "./job-schema.js";

/**
 * The writes a finished or finishing transcription gets beside its versions: the notes revisions
 * of the LLM Gateway, translations added later, the names members give its speakers; and the
 * list the search backfill reads. Part of JobsRepository (its `transcripts`), on its collection.
 */
export class TranscriptRecords {
  readonly #jobs: Collection<JobDocument>;

  constructor(jobs: Collection<JobDocument>) {
    this.#jobs = jobs;
  }

  /** Every finished transcription still kept, with what indexing its passages reads: the search backfill's list. */
  async *finishedTranscriptions(): AsyncGenerator<
    Pick<JobDocument, "jobId" | "workspaceId" | "userId" | "visibility" | "createdAt" | "input" | "versions">
  > {
    const cursor = this.#jobs.find(
      { type: "transcription", status: "completed", deletedAt: null },
      { projection: { jobId: 1, workspaceId: 1, userId: 1, visibility: 1, createdAt: 1, input: 1, versions: 1 } },
    );
    for await (const doc of cursor) yield { ...doc, versions: doc.versions ?? [] };
  }

  /** The names the team gave the speakers of these jobs (one read, names only), by job: what search hits show. */
  async speakerNamesOf(workspaceId: string, jobIds: readonly string[]): Promise<Map<string, Record<string, string>>> {
    const named = new Map<string, Record<string, string>>();
    if (jobIds.length === 0) return named;
    const docs = await this.#jobs
      .find(
        { _id: { $in: [...jobIds] }, $and: [{ workspaceId }], "speakerNames.0": { $exists: true } },
        { projection: { speakerNames: 1 } },
      )
      .toArray();
    for (const d of docs) {
      const names = speakerNamesField.safeParse(d.speakerNames);
      if (names.success) named.set(String(d._id), speakerNameMap(names.data));
    }
    return named;
  }

  /** A finished transcription's speaker names, all of them at once; like sharing, only on a finished job, which no worker writes. */
  async setSpeakerNames(jobId: string, names: SpeakerNames, now = new Date()): Promise<JobDocument | null> {
    const doc = await this.#jobs.findOneAndUpdate(
      { _id: jobId, deletedAt: null, status: "completed" },
      { $set: { speakerNames: names, updatedAt: now } },
      { returnDocument: "after" },
    );
    return doc ? jobDocument.parse(doc) : null;
  }

  /**
   * Claims notes revision `revision` before the LLM Gateway is asked for it: only after the one
   * before it (or as the first), so two callers never make the same revision or pay for it twice.
   */
  async announceNotes(
    jobId: string,
    notes: { revision: number; promptVersion: string; model: string },
    now = new Date(),
  ): Promise<boolean> {
    const after = notes.revision === 1 ? { notes: { $exists: false } } : { "notes.revision": notes.revision - 1 };
    const res = await this.#jobs.updateOne({ _id: jobId, ...after }, { $set: { notes: { ...notes, requestedAt: now }, updatedAt: now } });
    return res.modifiedCount === 1;
  }

  /** Records the stored files of the announced notes revision, and adds the call's cost to the job's usage, once. */
  async storeNotes(jobId: string, revision: number, files: { md: string; json: string }, costUsd: number, now = new Date()) {
    const res = await this.#jobs.updateOne(
      { _id: jobId, "notes.revision": revision, "notes.md": { $exists: false } },
      { $set: { "notes.md": files.md, "notes.json": files.json, updatedAt: now }, $inc: { "usage.costUsd": costUsd } },
    );
    return res.modifiedCount === 1;
  }

  /**
   * Claims the translation of notes revision `revision` into `language` before the gateway is
   * asked: only once the revision's files are stored, and once per language.
   */
  async announceNotesTranslation(jobId: string, revision: number, language: string, promptVersion: string, now = new Date()) {
    const key = `notes.translations.${language}`;
    const res = await this.#jobs.updateOne(
      { _id: jobId, deletedAt: null, "notes.revision": revision, "notes.md": { $exists: true }, [key]: { $exists: false } },
      { $set: { [key]: { requestedAt: now, promptVersion }, updatedAt: now } },
    );
    return res.modifiedCount === 1;
  }

  /** Records the stored files of an announced notes translation, and adds the call's cost to the job's usage, once. */
  async storeNotesTranslation(
    jobId: string,
    revision: number,
    language: string,
    files: { md: string; json: string },
    costUsd: number,
    now = new Date(),
  ): Promise<boolean> {
    const key = `notes.translations.${language}`;
    const res = await this.#jobs.updateOne(
      { _id: jobId, "notes.revision": revision, [key]: { $exists: true }, [`${key}.md`]: { $exists: false } },
      {
        $set: { [`${key}.md`]: files.md, [`${key}.json`]: files.json, updatedAt: now },
        $inc: { "usage.costUsd": costUsd },
      },
    );
    return res.modifiedCount === 1;
  }

  /**
   * A translation added to a finished transcription's version, with its usage in the same write;
   * false when the version has that language already (a retry), which changes nothing.
   */
  async addTranslation(
    jobId: string,
    at: { index: number; version: number },
    language: string,
    files: TranslatedFiles,
    costUsd: number,
    now = new Date(),
  ): Promise<boolean> {
    // By the version's index, not a positional operator: the embedded store (FerretDB) takes plain paths only.
    const version = `versions.${at.index}`;
    const key = `${version}.s3Keys.translations.${language}`;
    const res = await this.#jobs.updateOne(
      { _id: jobId, status: "completed", deletedAt: null, [`${version}.version`]: at.version, [key]: { $exists: false } },
      {
        $set: { [key]: files, updatedAt: now },
        $inc: { "usage.files": 3, "usage.bytes": files.sizeBytes ?? 0, "usage.costUsd": costUsd },
      },
    );
    return res.modifiedCount === 1;
  }
}
