import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { RequestStore } from "./request-store.js";
import type { FakeRequest, FalRequestError } from "./requests.js";
import { falRoutes } from "./routes.js";
import type { FalState } from "./state.js";
import { scheduleDelivery, webhookKey } from "./webhooks.js";

/**
 * A local stand-in for fal.ai's queue API (submit, status with logs, result, cancel, webhooks),
 * producing real PNGs. The real @fal-ai/client talks to it through a base-URL override. It is as
 * strict as fal: each endpoint's input is validated against its schema (endpoints.ts), and it
 * fails in each documented way when a test asks it to.
 */

export interface FalFake {
  url: string;
  /** Every accepted submission, in order (those of earlier runs on the same data dir first): a test counts provider charges here. */
  submissions: FakeRequest[];
  /** How long a request takes from submission to COMPLETED. */
  processingMs: number;
  /** Answer the next n submissions with this HTTP status: 422 (validation detail[]), 429 (with Retry-After), 5xx. */
  failSubmissions(n: number, status: number): void;
  /** Accept the next n submissions and end each in this error, as fal's result (and webhook) report it. */
  failRequests(n: number, error: FalRequestError): void;
  /** Accept the next n submissions and cut the connection instead of answering. */
  dropAnswers(n: number): void;
  /** Forget a request, as fal does once its stored result expires: 404 from now on. */
  expire(requestId: string): void;
  /** Rewrites each successful result before it is answered (a result the client cannot read). */
  resultTransform: ((result: Record<string, unknown>) => unknown) | undefined;
  /** Report this request's images as NSFW. */
  flagNsfw: boolean;
  /** Serve result image URLs from this origin instead of the fake's own (to test the SSRF guard). */
  imageOrigin: string | undefined;
  /** Size of the .safetensors file a training produces. */
  loraSizeBytes: number;
  /** Throttles model downloads (0: as fast as possible), to make a download last long enough to interrupt. */
  modelBytesPerSecond: number;
  /** Times each webhook is delivered (fal retries; tests repeat it on purpose). */
  webhookRepeats: number;
  /** Further tries of a delivery our server did not answer with 2xx (1 s backoff doubling to 15 s). */
  webhookRetries: number;
  /** Runs after a submission is accepted and before it is answered: a test kills the submitter here. */
  beforeAnswer: ((request: FakeRequest) => void | Promise<void>) | undefined;
  /** Every webhook delivery and the status our server answered. */
  webhookDeliveries: Array<{ requestId: string; status: number }>;
  /** The JWKS URL our server verifies webhook signatures against. */
  jwksUrl: string;
  /** How many times a trained model file was downloaded. */
  modelDownloads: number;
  close(): Promise<void>;
}

export async function startFalFake(opts: { port?: number; processingMs?: number; dataDir?: string } = {}): Promise<FalFake> {
  let origin = "";
  const state: FalState = {
    get origin() {
      return origin;
    },
    get fake() {
      return fake;
    },
    requests: new Map<string, FakeRequest>(),
    pictures: new Map<string, Buffer>(),
    store: new RequestStore<FakeRequest>(opts.dataDir, () => origin),
    submitFailures: { n: 0, status: 500 },
    requestFailures: { n: 0 },
    dropped: { n: 0 },
    webhookKey: webhookKey(),
  };
  const app = falRoutes(state);

  const server: ServerType = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FalFake = {
    url: origin,
    submissions: [],
    processingMs: opts.processingMs ?? 300,
    flagNsfw: false,
    imageOrigin: undefined,
    loraSizeBytes: 4 * 1024 * 1024,
    modelDownloads: 0,
    modelBytesPerSecond: 0,
    webhookRepeats: 1,
    webhookRetries: 10,
    beforeAnswer: undefined,
    webhookDeliveries: [],
    jwksUrl: `${origin}/.well-known/jwks.json`,
    failSubmissions(n, status) {
      state.submitFailures = { n, status };
    },
    failRequests(n, error) {
      state.requestFailures = { n, error };
    },
    dropAnswers(n) {
      state.dropped.n = n;
    },
    expire(requestId) {
      state.requests.delete(requestId);
    },
    resultTransform: undefined,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  // The requests of earlier runs on the same data: answered, and their webhooks delivered, as before.
  for (const r of state.store.load().sort((a, b) => a.submittedAt - b.submittedAt)) {
    state.requests.set(r.id, r);
    fake.submissions.push(r);
    scheduleDelivery(state, r);
  }
  return fake;
}
