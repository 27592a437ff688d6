import type { FakeTranscript } from "./transcript-record.js";

/** How a test makes a submission fail. */
export interface SubmissionFailure {
  status: number;
  /** The `error` text; AssemblyAI's documented one for the status when unset. 503 and 504 have no body. */
  error?: string;
  retryAfterSeconds?: number;
  /** Take the transcript, then answer the error anyway (a gateway losing the answer). */
  afterAccept?: boolean;
}

/** What a test holds of a running AssemblyAI emulator: what it saw, and the settings that make it fail. */
export interface AssemblyAiFake {
  url: string;
  /** Every transcript the emulator accepted, oldest first (after a restart, those it loaded too). */
  submissions: FakeTranscript[];
  /** The HTTP status of each answer to POST /v2/transcript this run, refusals included. */
  submitAnswers: number[];
  processingMs: number;
  /** How many successful deliveries each webhook gets (repeats are allowed by the API). */
  webhookRepeats: number;
  /** The first wait between failed webhook attempts, doubling up to 10 s. */
  webhookRetryMs: number;
  webhookDeliveries: Array<{ transcriptId: string; status: number }>;
  /** Every Speech Understanding request answered (POST /v1/understanding): what each is billed for. */
  understandings: Array<{ transcriptId: string; languages: string[] }>;
  /** Answer the next n submissions with this HTTP status (and AssemblyAI's body for it). */
  failSubmissions(n: number, status: number, opts?: Omit<SubmissionFailure, "status">): void;
  /** The next n accepted transcripts end with `status: "error"` and this `error` text. */
  failTranscripts(n: number, error: string): void;
  /** How the API writes back the audio_url it was sent (in answers and the list); unchanged when unset. */
  echoAudioUrl: ((sent: string) => string) | undefined;
  /**
   * What a test's audio says, by the SHA-256 (hex) of its bytes: the text it made the speech
   * from. The emulator hears these words (instead of its made-up ones) in such a file.
   */
  speech: Map<string, string>;
  /** The LLM Gateway's key: when set, any other gets 401 (unset, any key is taken). */
  gatewayKey: string | undefined;
  /** The statuses the next POST /v1/chat/completions calls answer instead (one each, in order), with the gateway's error body: an outage. */
  gatewayFailures: number[];
  /** Every POST /v1/chat/completions this run: its status, model and the tokens it billed. */
  gatewayCalls: Array<{ status: number; model: string; inputTokens: number; outputTokens: number }>;
  /** Runs after a submission is accepted (and stored) and before it is answered: a test kills the submitter here. */
  beforeAnswer: ((transcript: FakeTranscript) => void | Promise<void>) | undefined;
  close(): Promise<void>;
}
