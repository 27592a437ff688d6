import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { RequestStore } from "./request-store.js";
import type { FalFake } from "./handle.js";
import type { FakeRequest } from "./requests.js";
import { falRoutes } from "./routes.js";
import type { FalState } from "./state.js";
import { scheduleDelivery, webhookKey } from "./webhooks.js";

export type { FalFake } from "./handle.js";

/**
 * A local stand-in for fal.ai's queue API (submit, status with logs, result, cancel, webhooks),
 * producing real PNGs. The real @fal-ai/client talks to it through a base-URL override. It is as
 * strict as fal: each endpoint's input is validated against its schema (endpoints.ts), and it
 * fails in each documented way when a test asks it to.
 */

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
    videos: new Map<string, Buffer>(),
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
    videoClip: "as-asked",
    hugeVideoPadding: 200 * 1024 * 1024,
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
