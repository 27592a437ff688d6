export * from "./client.js";
export * from "./job-schema.js";
export * from "./jobs-repository.js";
