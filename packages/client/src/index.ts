export { TRPCClientError } from "@trpc/client";
export { type Client, type ClientHelpers, type ClientOptions, createClient } from "./client.js";
export type { AppRouter, CreateJobInput, Job, JobFile, RouterInputs, RouterOutputs } from "./router.js";
export { type DownloadOptions, TransferError, type TransferProgress, type UploadOptions } from "./transfer.js";
export type { WaitOptions } from "./wait.js";
