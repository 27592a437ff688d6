/** Ports of the embedded servers under `npm start`, so tools and the CLI can find them. */
export const LOCAL_MONGO_PORT = 27027;
export const LOCAL_S3_PORT = 7070;

/** Credentials of the embedded S3 server; it listens on loopback only and is never used in production. */
export const LOCAL_S3_CREDENTIALS = {
  accessKeyId: "local-dev-access-key",
  secretAccessKey: "local-dev-secret-key",
} as const;
