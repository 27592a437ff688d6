import type { TranscriptRequest } from "./transcript-request.js";
import type { Outcome } from "./transcription.js";

/** What the emulator keeps of each transcript, on disk too when it has a data directory. */
export interface FakeTranscript {
  id: string;
  /** Order of submission, for the list (two transcripts may share a millisecond). */
  seq: number;
  /** The request as accepted (webhook_url, speech_models, language_code, ...). */
  request: TranscriptRequest;
  /** The audio URL as sent, which is the one downloaded. */
  audioUrl: string;
  /** The audio URL as the API answers it: as sent, unless the test set `echoAudioUrl`. */
  echoedAudioUrl: string;
  speakerLabels: boolean;
  /** What the request asked for in `speech_models`, as sent. */
  speechModels?: string[];
  submittedAt: number;
  /** Set by failTranscripts: the transcript ends with `status: "error"` and this text. */
  failWith?: string;
  outcome?: Outcome;
  /** Translations added to the finished transcript through the LLM Gateway's /v1/understanding, each with whether utterances got theirs. */
  addedTranslations?: Array<{ language: string; perUtterance: boolean }>;
  webhook?: { url: string; header?: string; value?: string; attempts: number; delivered: number; statusCode?: number; settled: boolean };
}
