import { z } from "zod";
import type { Config } from "../config.js";
import { providerCallSeconds, providerErrors } from "../metrics/process.js";
import { PRICES } from "../pricing.js";

/**
 * AssemblyAI's LLM Gateway (`POST /v1/chat/completions`, OpenAI-shaped), called with fetch: the
 * `assemblyai` SDK has no helper for it. The key goes as-is in `authorization`, as for the v2 API.
 */

/** An error answer of the gateway: its status and the `error.message` of its body. */
export class LlmGatewayError extends Error {
  override name = "LlmGatewayError";
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`AssemblyAI's LLM Gateway answered ${status}: ${detail}`);
  }
}

const completion = z.object({
  request_id: z.string().nullish(),
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }), finish_reason: z.string().nullish() })).min(1),
  usage: z.object({ input_tokens: z.number().int().nonnegative(), output_tokens: z.number().int().nonnegative() }),
});

export interface Completion {
  content: string;
  finishReason: string | undefined;
  requestId: string | undefined;
  usage: { input_tokens: number; output_tokens: number };
  model: string;
}

export interface GatewayRequest {
  system: string;
  user: string;
  maxTokens: number;
}

const TIMEOUT_MS = 120_000;

export async function chatCompletion(
  providers: Pick<Config["providers"], "assemblyAiKey" | "assemblyAiLlmGatewayUrl">,
  request: GatewayRequest,
  operation: string,
): Promise<Completion> {
  const model = PRICES.llmGateway.model;
  const stop = providerCallSeconds.startTimer({ provider: "assemblyai-llm", operation });
  const outcome = (name: string) => {
    stop({ outcome: name });
    if (name !== "ok") providerErrors.inc({ provider: "assemblyai-llm", operation, outcome: name });
  };
  let res: Response;
  try {
    res = await fetch(new URL("/v1/chat/completions", providers.assemblyAiLlmGatewayUrl), {
      method: "POST",
      headers: { authorization: providers.assemblyAiKey ?? "", "content-type": "application/json" },
      body: JSON.stringify({
        model,
        messages: [
          { role: "system", content: request.system },
          { role: "user", content: request.user },
        ],
        max_tokens: request.maxTokens,
        // The answers are checked against the transcript: the least invention wanted.
        temperature: 0,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    outcome(err instanceof Error && err.name === "TimeoutError" ? "timeout" : "network_error");
    throw err;
  }
  const text = await res.text();
  if (!res.ok) {
    outcome(res.status >= 500 ? "server_error" : "client_error");
    let detail = text.slice(0, 500) || res.statusText;
    try {
      const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
      if (typeof message === "string") detail = message;
    } catch {
      // Not JSON (a proxy's page): the text is all there is.
    }
    throw new LlmGatewayError(res.status, detail);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = completion.safeParse(body);
  if (!parsed.success) {
    outcome("server_error");
    throw new LlmGatewayError(res.status, `an answer of an unknown shape: ${parsed.error.message.slice(0, 300)}`);
  }
  outcome("ok");
  const [choice] = parsed.data.choices;
  return {
    content: choice?.message.content ?? "",
    finishReason: choice?.finish_reason ?? undefined,
    requestId: parsed.data.request_id ?? undefined,
    usage: parsed.data.usage,
    model,
  };
}
