import { type Collection, type Db, MongoServerError } from "mongodb";
import { type DeclaredIndex, ensureDeclaredIndexes } from "./declared-indexes.js";

/**
 * Verified provider webhooks, one document per provider request (`_id` is `provider:requestId`).
 * The webhook route only inserts here and never writes a job document: the job's worker reads
 * them, so a job document has one writer while it runs (FerretDB v1 applies two concurrent
 * updates of one document as read-modify-write, and one of them is lost).
 */
export const WEBHOOKS_COLLECTION = "provider_webhooks";

export const webhookIndexes: readonly DeclaredIndex[] = [{ key: { jobId: 1 }, name: "webhook_job" }];

export interface ProviderWebhook {
  _id: string;
  provider: string;
  requestId: string;
  status: string;
  /** From the webhook URL: the job, and the nonce of the submission that asked for the webhook. */
  jobId?: string;
  submission?: string;
  receivedAt: Date;
}

/** The inbox of provider webhooks: written by the web process, read by the job's worker. */
export class ProviderWebhooks {
  readonly #db: Db;
  readonly #collection: Collection<ProviderWebhook>;

  constructor(db: Db) {
    this.#db = db;
    this.#collection = db.collection<ProviderWebhook>(WEBHOOKS_COLLECTION);
  }

  /** On the embedded FerretDB none: its GIN index on `jobId` (embedded-indexes.ts) serves the worker's reads. */
  async ensureIndexes(): Promise<void> {
    await ensureDeclaredIndexes(this.#db, this.#collection, webhookIndexes);
  }

  /** Records a verified webhook, once: a repeated delivery inserts nothing. Returns whether this delivery was the first. */
  async record(
    provider: string,
    requestId: string,
    status: string,
    ref: { jobId?: string | undefined; submission?: string | undefined } = {},
    now = new Date(),
  ): Promise<boolean> {
    try {
      await this.#collection.insertOne({
        _id: `${provider}:${requestId}`,
        provider,
        requestId,
        status,
        ...(ref.jobId ? { jobId: ref.jobId } : {}),
        ...(ref.submission ? { submission: ref.submission } : {}),
        receivedAt: now,
      });
      return true;
    } catch (err) {
      if (err instanceof MongoServerError && err.code === 11000) return false;
      throw err;
    }
  }

  /** The webhook fal or AssemblyAI sent when this request ended, if one came. */
  async forRequest(provider: string, requestId: string): Promise<ProviderWebhook | null> {
    return this.#collection.findOne({ _id: `${provider}:${requestId}` });
  }

  /** The webhook of the request the job's submission `nonce` made, if one came. */
  async forSubmission(provider: string, jobId: string, nonce: string): Promise<ProviderWebhook | null> {
    return this.#collection.findOne({ jobId, provider, submission: nonce });
  }

  /** Forgets webhooks received before `before`; returns how many. */
  async deleteReceivedBefore(before: Date): Promise<number> {
    return (await this.#collection.deleteMany({ receivedAt: { $lt: before } })).deletedCount;
  }
}
