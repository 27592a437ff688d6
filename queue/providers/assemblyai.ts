import { AssemblyAI, type BaseServiceParams, FileService, TranscriptService } from "assemblyai";
import type { Config } from "../../shared/config.js";

/**
 * An error answer from AssemblyAI's API: its HTTP status, the `error` text of its body and, on a
 * 429, how long it asked us to wait.
 */
export class AssemblyAiApiError extends Error {
  override name = "AssemblyAiApiError";
  constructor(
    readonly status: number,
    readonly error: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`AssemblyAI answered ${status}: ${error}`);
  }
}

/** Retry-After as seconds from now: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - now) / 1000));
}

/** The error of an answer with status 400 or more, read the way the SDK reads it: `error` of a JSON body, else the body, else the status line. */
async function apiError(res: Response): Promise<AssemblyAiApiError> {
  const text = await res.text().catch(() => "");
  let error = text || `HTTP Error: ${res.status} ${res.statusText}`;
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body?.error === "string" && body.error) error = body.error;
  } catch {
    // Not JSON (a gateway's page): the text is all there is.
  }
  return new AssemblyAiApiError(res.status, error, retryAfterSeconds(res.headers.get("retry-after")));
}

/*
 * The SDK's services send every request through BaseService.fetch, which throws a plain
 * `Error(body.error)` for an answer of 400 or more and so loses the status: a refused request
 * (400 for a bad language_code) cannot be told from an outage (500). The SDK takes no fetch of
 * our own, so these subclasses override that one method and throw AssemblyAiApiError instead;
 * everything else (URLs, headers, parsing) stays the SDK's.
 */

class Transcripts extends TranscriptService {
  protected override async fetch(input: string, init?: RequestInit): Promise<Response> {
    const res = await this.fetchResponse(input, init);
    if (res.status >= 400) throw await apiError(res);
    return res;
  }
}

class Files extends FileService {
  protected override async fetch(input: string, init?: RequestInit): Promise<Response> {
    const res = await this.fetchResponse(input, init);
    if (res.status >= 400) throw await apiError(res);
    return res;
  }
}

/** The SDK's client whose transcript and file calls throw AssemblyAiApiError for an error answer. */
class AssemblyAiClient extends AssemblyAI {
  constructor(params: BaseServiceParams) {
    super(params);
    // The SDK's constructor has normalised params.baseUrl (default, no trailing slash) by now.
    this.files = new Files(params);
    this.transcripts = new Transcripts(params, this.files);
  }
}

/**
 * The LLM Gateway (Speech Understanding) beside a configured API base URL: AssemblyAI's own hosts
 * pair `api[.eu].assemblyai.com` with `llm-gateway[.eu].assemblyai.com` (docs "Cloud Endpoints and
 * Data Residency", for the API and for the LLM Gateway); any other base URL (the
 * local emulator) serves both.
 */
export function llmGatewayUrlFor(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.hostname.endsWith(".assemblyai.com")) url.hostname = url.hostname.replace(/^api\./, "llm-gateway.");
  return url.origin;
}

/** AssemblyAI's client for the workers: the configured key and base URL (the local emulator outside production). */
export function createAssemblyAi(providers: Pick<Config["providers"], "assemblyAiKey" | "assemblyAiBaseUrl">): AssemblyAI {
  const baseUrl = providers.assemblyAiBaseUrl;
  return new AssemblyAiClient({
    apiKey: providers.assemblyAiKey ?? "",
    ...(baseUrl ? { baseUrl, llmGatewayBaseUrl: llmGatewayUrlFor(baseUrl) } : {}),
  });
}
