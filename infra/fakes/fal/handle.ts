import type { FakeRequest, FalRequestError } from "./requests.js";

/** What the emulator answers a clip with: as asked, or one a test wants the worker to refuse. */
export type VideoClipMode = "as-asked" | "corrupt" | "short" | "huge";

/** What a test holds of a running fal emulator: what it saw, and the settings that make it fail. */
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
  /** The clips the video endpoints answer with: as asked, not an MP4, half as long as asked, or padded to a huge file. */
  videoClip: VideoClipMode;
  /** Bytes of padding a huge clip carries after its MP4 (200 MB by default). */
  hugeVideoPadding: number;
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
