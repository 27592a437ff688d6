/** Ports of the embedded servers under `npm start`, so tools and the CLI can find them. */
export const LOCAL_MONGO_PORT = 27027;
export const LOCAL_S3_PORT = 7070;
