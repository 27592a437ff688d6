export * from "./bucket.js";
export * from "./client.js";
export * from "./keys.js";
export * from "./objects.js";
export * from "./presign.js";
export * from "./upload.js";
