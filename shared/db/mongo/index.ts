export * from "./client.js";
export * from "./job-schema.js";
export * from "./jobs-repository.js";
export * from "./legacy-jobs.js";
export * from "./provider-webhooks.js";
export * from "./declared-indexes.js";
