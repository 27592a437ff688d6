import type { Collection } from "mongodb";
import type { Mongo } from "../../shared/db/mongo/client.js";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { JOBS_COLLECTION } from "../../shared/db/mongo/jobs-collection.js";
import { WEBHOOKS_COLLECTION, type ProviderWebhook } from "../../shared/db/mongo/provider-webhooks.js";

/** The jobs collection itself, for tests that count or plant documents behind the repository's back. */
export const rawJobs = (deps: { mongo: Mongo }): Collection<JobDocument> => deps.mongo.db.collection<JobDocument>(JOBS_COLLECTION);

/** The provider webhook inbox itself. */
export const rawWebhooks = (deps: { mongo: Mongo }): Collection<ProviderWebhook> =>
  deps.mongo.db.collection<ProviderWebhook>(WEBHOOKS_COLLECTION);
