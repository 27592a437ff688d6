import type { JsonWebKey, KeyObject } from "node:crypto";
import type { FalFake } from "./handle.js";
import type { FalRequestError, FakeRequest } from "./requests.js";
import type { RequestStore } from "./request-store.js";

/** What one running emulator holds: its requests, their pictures, the failures a test asked for, and the test's handle. */
export interface FalState {
  /** The emulator's own origin, known once it listens. */
  readonly origin: string;
  /** The handle the test holds, whose settings the emulator reads as it answers. */
  readonly fake: FalFake;
  readonly requests: Map<string, FakeRequest>;
  /** Each result picture's PNG by `<request id>/<n>`. */
  readonly pictures: Map<string, Buffer>;
  /** Each result clip's MP4 by request id. */
  readonly videos: Map<string, Buffer>;
  readonly store: RequestStore<FakeRequest>;
  submitFailures: { n: number; status: number };
  requestFailures: { n: number; error?: FalRequestError };
  readonly dropped: { n: number };
  /** The Ed25519 key webhooks are signed with; its public half is served as a JWKS. */
  readonly webhookKey: { privateKey: KeyObject; publicJwk: JsonWebKey };
}
