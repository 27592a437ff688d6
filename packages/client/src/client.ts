import { type TRPCClient, createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import type { AppRouter, Job } from "./router.js";
import { type DownloadOptions, type UploadOptions, downloadJobFiles, uploadFile } from "./transfer.js";
import { type WaitOptions, waitForJob } from "./wait.js";

export interface ClientOptions {
  /** The API's base URL, e.g. `http://localhost:3000` (without /trpc). */
  url: string;
  /** An API key (`npm run cli -- keys create` on the server, or the gallery's settings). */
  apiKey: string;
  /** Per-call limit of queries and mutations in ms; default 30 000. Subscriptions are not limited. */
  timeoutMs?: number;
  /** Another fetch for queries and mutations (a proxy agent, a test double); default the global one. */
  fetch?: typeof fetch;
}

/** The helpers that sit beside the procedures on a client. */
export interface ClientHelpers {
  /** Uploads a local file through a presigned PUT; returns the key jobs.create takes. */
  uploadFile(file: string, opts?: UploadOptions): Promise<{ uploadKey: string }>;
  /** Resolves with the job once it is completed, failed or canceled; reports each change before. */
  waitForJob(jobId: string, opts?: WaitOptions): Promise<Job>;
  /** Saves a job's files (by default the latest version's) into a folder; returns their paths. */
  downloadJobFiles(job: string | Job, dir: string, opts?: DownloadOptions): Promise<string[]>;
}

/** Every procedure (`client.jobs.create.mutate(…)`, `client.jobs.watch.subscribe(…)`) and the helpers. */
export type Client = TRPCClient<AppRouter> & ClientHelpers;

// A helper's name must never hide a procedure of the same name.
type Clash = keyof ClientHelpers & keyof AppRouter["_def"]["record"];
const noClash: [Clash] extends [never] ? true : never = true;
void noClash;

/**
 * A typed client of the API with one key. Queries and mutations go over HTTP; subscriptions
 * (jobs.watch) over server-sent events with the `eventsource` package, whose fetch sends the key
 * (a browser's EventSource cannot send headers).
 */
export function createClient(options: ClientOptions): Client {
  if (!/^https?:\/\//.test(options.url ?? ""))
    throw new TypeError(`createClient: url must be the API's http(s) base URL, got ${JSON.stringify(options.url)}`);
  if (!options.apiKey) throw new TypeError("createClient: apiKey is required (a key made with `npm run cli -- keys create` on the server)");
  const base = `${options.url.replace(/\/+$/, "")}/trpc`;
  const authorization = `Bearer ${options.apiKey}`;
  const baseFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const api = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: base,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input: string | URL, init?: RequestInit) =>
              fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization } }),
          }),
        }),
        false: httpLink({
          url: base,
          headers: { authorization },
          fetch: (input, init) => baseFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) }),
        }),
      }),
    ],
  });
  const helpers: ClientHelpers = {
    uploadFile: (file, opts) => uploadFile(api, file, opts),
    waitForJob: (jobId, opts) => waitForJob(api, jobId, opts),
    downloadJobFiles: (job, dir, opts) => downloadJobFiles(api, job, dir, opts),
  };
  // The tRPC client answers every property name with a procedure path; the helpers' names come first.
  return new Proxy(api, {
    get: (target, prop, receiver) =>
      Object.hasOwn(helpers, prop) ? helpers[prop as keyof ClientHelpers] : Reflect.get(target, prop, receiver),
  }) as Client;
}
