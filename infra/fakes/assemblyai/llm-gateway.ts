import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { completionFor } from "./llm-answers.js";
import type { AssemblyAiState } from "./state.js";

/**
 * AssemblyAI's LLM Gateway, `POST /v1/chat/completions` (llm-gateway.assemblyai.com), as its docs
 * describe it: "Basic Chat Completions" (request and response fields, the error body
 * `{"error": {"code", "message", "metadata"}}` and its codes), the API reference "Create a chat
 * completion" (max_tokens ≥ 1, default 1000; temperature 0–2; messages or prompt), the overview's
 * model table, and "Estimate Input Token Costs" (about four characters to a token).
 */

/** The model ids the overview's tables list. */
export const GATEWAY_MODELS = new Set([
  "claude-opus-4-6",
  "claude-sonnet-4-6",
  "claude-haiku-4-5-20251001",
  "claude-opus-4-5-20251101",
  "claude-sonnet-4-5-20250929",
  "claude-opus-4-20250514",
  "claude-sonnet-4-20250514",
  "claude-3-haiku-20240307",
  "gpt-5.2",
  "gpt-5.1",
  "gpt-5",
  "gpt-5-nano",
  "gpt-5-mini",
  "gpt-4.1",
  "gpt-oss-120b",
  "gpt-oss-20b",
  "gemini-3-pro-preview",
  "gemini-3-flash-preview",
  "gemini-2.5-pro",
  "gemini-2.5-flash",
]);

/** The smallest context window among the listed models ("Claude Opus … under 200k tokens"). */
const CONTEXT_TOKENS = 200_000;
const ROLES = new Set(["user", "assistant", "system", "tool"]);

export const countTokens = (text: string) => Math.ceil(text.length / 4);

const refuse = (code: number, message: string) => Response.json({ error: { code, message, metadata: {} } }, { status: code });

type Checked = { ok: true; model: string; text: string; maxTokens: number; temperature?: number } | { ok: false; res: Response };

/** The request as the gateway checks it: the first refusal it would answer, or what it runs. */
function check(body: unknown): Checked {
  const bad = (message: string): Checked => ({ ok: false, res: refuse(400, `Invalid request: ${message}`) });
  if (typeof body !== "object" || body === null || Array.isArray(body)) return bad("the body must be a JSON object");
  const b = body as Record<string, unknown>;
  if (typeof b.model !== "string" || !b.model) return bad("missing required field 'model'");
  if (!GATEWAY_MODELS.has(b.model)) return { ok: false, res: refuse(404, `Model '${b.model}' not found`) };
  const texts: string[] = [];
  if (b.messages !== undefined) {
    if (!Array.isArray(b.messages) || b.messages.length === 0) return bad("'messages' must be a non-empty array");
    for (const [i, m] of b.messages.entries()) {
      const msg = (typeof m === "object" && m !== null ? m : {}) as Record<string, unknown>;
      if (typeof msg.role !== "string" || !ROLES.has(msg.role))
        return bad(`messages[${i}].role must be one of user, assistant, system, tool`);
      if (typeof msg.content === "string") texts.push(msg.content);
      else if (Array.isArray(msg.content) && msg.role === "user") {
        for (const part of msg.content as Array<Record<string, unknown>>) {
          if (part?.type !== "text" || typeof part.text !== "string")
            return bad(`messages[${i}].content parts must be {type: "text", text}`);
          texts.push(part.text);
        }
      } else return bad(`messages[${i}].content must be a string (or, for the user role, an array of text parts)`);
    }
  } else if (typeof b.prompt === "string" && b.prompt) texts.push(b.prompt);
  else return bad("either 'messages' or 'prompt' is required");
  const maxTokens = b.max_tokens ?? 1000;
  if (typeof maxTokens !== "number" || !Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens >= CONTEXT_TOKENS)
    return bad(`'max_tokens' must be an integer in [1, ${CONTEXT_TOKENS})`);
  if (b.temperature !== undefined && (typeof b.temperature !== "number" || b.temperature < 0 || b.temperature > 2))
    return bad("'temperature' must be a number in [0, 2]");
  const text = texts.join("\n");
  if (countTokens(text) + maxTokens > CONTEXT_TOKENS)
    return bad(`the prompt's ${countTokens(text)} tokens and max_tokens ${maxTokens} exceed the model's context of ${CONTEXT_TOKENS}`);
  return { ok: true, model: b.model, text, maxTokens, ...(typeof b.temperature === "number" ? { temperature: b.temperature } : {}) };
}

/** The gateway's routes, mounted on the emulator's origin (the real one has a host of its own). */
export function llmGatewayRoutes(state: AssemblyAiState): Hono {
  const app = new Hono();
  app.post("/v1/chat/completions", async (c) => {
    const started = process.hrtime.bigint();
    const key = c.req.header("authorization")?.replace(/^Bearer\s+/i, "");
    const expected = state.fake.gatewayKey;
    const record = (status: number, inputTokens = 0, outputTokens = 0, model = "") =>
      state.fake.gatewayCalls.push({ status, model, inputTokens, outputTokens });
    if (!key || (expected !== undefined && key !== expected)) {
      record(401);
      return refuse(401, "Unauthorized - Invalid API key");
    }
    const failure = state.fake.gatewayFailures.shift();
    if (failure !== undefined) {
      record(failure);
      return refuse(failure, failure === 503 ? "Service Unavailable" : "Internal server error");
    }
    const checked = check(await c.req.json().catch(() => undefined));
    if (!checked.ok) {
      record(checked.res.status);
      return checked.res;
    }
    const full = completionFor(checked.text);
    // An answer longer than max_tokens is cut there, as a model stops at the limit.
    const cut = countTokens(full) > checked.maxTokens;
    const content = cut ? full.slice(0, checked.maxTokens * 4) : full;
    const usage = { input_tokens: countTokens(checked.text), output_tokens: countTokens(content) };
    record(200, usage.input_tokens, usage.output_tokens, checked.model);
    return c.json({
      request_id: randomUUID(),
      choices: [{ message: { role: "assistant", content }, finish_reason: cut ? "length" : "stop" }],
      request: {
        model: checked.model,
        max_tokens: checked.maxTokens,
        ...(checked.temperature !== undefined ? { temperature: checked.temperature } : {}),
      },
      usage: { ...usage, total_tokens: usage.input_tokens + usage.output_tokens },
      http_status_code: 200,
      response_time: Number(process.hrtime.bigint() - started),
      llm_status_code: 200,
    });
  });
  return app;
}
