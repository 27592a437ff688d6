import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AssemblyAiFake, startAssemblyAiFake } from "../../infra/fakes/assemblyai/emulator.js";
import { llmGatewayCost, PRICES } from "../../shared/pricing.js";
import { askMeeting } from "../../shared/meeting/ask.js";
import { chatCompletion, LlmGatewayError } from "../../shared/meeting/gateway.js";
import { makeNotes } from "../../shared/meeting/notes.js";
import { lineOfQuote, type TranscriptLine, transcriptLines } from "../../shared/meeting/transcript-lines.js";

/**
 * AssemblyAI's LLM Gateway contract, checked against the emulator the suite runs on. Sources:
 * "Basic Chat Completions" (assemblyai.com/docs/llm-gateway/chat-completions: request fields,
 * response fields, the error body `{"error": {"code", "message", "metadata"}}` and its codes 400,
 * 401, 404), the API reference "Create a chat completion" (max_tokens ≥ 1, temperature 0–2, messages
 * or prompt) and the overview's model table (claude-haiku-4-5-20251001 among them).
 */

const MEETING: TranscriptLine[] = [
  { speaker: "Dana", start: 0, end: 4000, text: "Welcome to the pricing review. We looked at last quarter." },
  { speaker: "Eli", start: 4200, end: 9000, text: "We agreed to keep the starter plan at nine dollars. I will update the pricing page." },
  { speaker: "Dana", start: 9500, end: 14000, text: "Let's send the numbers to finance on Monday." },
  { speaker: "Eli", start: 30000, end: 36000, text: "Next topic is hiring for the support team." },
];

describe("the LLM Gateway, as the emulator speaks it", () => {
  let fake: AssemblyAiFake;
  const providers = () => ({ assemblyAiKey: "gateway-key", assemblyAiLlmGatewayUrl: fake.url });
  const post = (body: unknown, headers: Record<string, string> = { authorization: "gateway-key" }) =>
    fetch(`${fake.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const ok = { model: PRICES.llmGateway.model, messages: [{ role: "user", content: "What is the capital of France?" }], max_tokens: 100 };

  beforeAll(async () => {
    fake = await startAssemblyAiFake();
    fake.gatewayKey = "gateway-key";
  });
  afterAll(() => fake.close());

  it("answers the documented shape: choices[].message.content, finish_reason, the request echoed, usage tokens", async () => {
    const res = await post({ ...ok, temperature: 0.2 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      choices: [{ message: { role: "assistant", content: expect.any(String) }, finish_reason: "stop" }],
      request: { model: PRICES.llmGateway.model, max_tokens: 100, temperature: 0.2 },
      http_status_code: 200,
    });
    const usage = body.usage as { input_tokens: number; output_tokens: number; total_tokens: number };
    expect(usage.input_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
    // A plain `prompt` is taken in place of messages.
    expect((await post({ model: ok.model, prompt: "Hello" })).status).toBe(200);
  });

  it.each([
    ["no key", { ...ok }, {}, 401, /Unauthorized/],
    ["another key", { ...ok }, { authorization: "someone-else" }, 401, /Unauthorized/],
    ["no model", { messages: ok.messages }, undefined, 400, /missing required field 'model'/],
    ["a model the gateway does not list", { ...ok, model: "gpt-2" }, undefined, 404, /gpt-2/],
    ["empty messages", { ...ok, messages: [] }, undefined, 400, /messages/],
    ["neither messages nor prompt", { model: ok.model }, undefined, 400, /messages' or 'prompt/],
    ["a role it does not know", { ...ok, messages: [{ role: "robot", content: "x" }] }, undefined, 400, /role/],
    [
      "content parts of another type",
      { ...ok, messages: [{ role: "user", content: [{ type: "image", url: "x" }] }] },
      undefined,
      400,
      /parts/,
    ],
    ["max_tokens of 0", { ...ok, max_tokens: 0 }, undefined, 400, /max_tokens/],
    ["max_tokens not an integer", { ...ok, max_tokens: 1.5 }, undefined, 400, /max_tokens/],
    ["temperature above 2", { ...ok, temperature: 2.5 }, undefined, 400, /temperature/],
    ["a body that is not JSON", "{", undefined, 400, /JSON object/],
  ])("refuses %s with its status and error body", async (_, body, headers, status, message) => {
    const before = fake.gatewayCalls.filter((c) => c.status === 200).length;
    const res = await post(body, headers);
    expect(res.status).toBe(status);
    const answer = (await res.json()) as { error: { code: number; message: string; metadata: unknown } };
    expect(answer.error.code).toBe(status);
    expect(answer.error.message).toMatch(message);
    expect(answer.error.metadata).toEqual({});
    // A refusal bills nothing.
    expect(fake.gatewayCalls.filter((c) => c.status === 200).length).toBe(before);
  });

  it("refuses a prompt beyond the model's context, and cuts an answer at max_tokens with finish_reason length", async () => {
    const huge = await post({ ...ok, messages: [{ role: "user", content: "x".repeat(800_001) }] });
    expect(huge.status).toBe(400);
    const short = await post({ model: ok.model, messages: [{ role: "user", content: "[0-1000] A: We will ship it." }], max_tokens: 3 });
    const body = (await short.json()) as {
      choices: Array<{ message: { content: string }; finish_reason: string }>;
      usage: { output_tokens: number };
    };
    expect(body.choices[0]?.finish_reason).toBe("length");
    expect(body.usage.output_tokens).toBeLessThanOrEqual(3);
  });

  it("our client sends the key as-is and reads an error answer into its status and message", async () => {
    const answer = await chatCompletion(providers(), { system: "Be brief.", user: "Hello", maxTokens: 50 }, "test");
    expect(answer.model).toBe(PRICES.llmGateway.model);
    expect(answer.usage.input_tokens).toBeGreaterThan(0);
    const refused = await chatCompletion(
      { ...providers(), assemblyAiKey: "wrong" },
      { system: "s", user: "u", maxTokens: 5 },
      "test",
    ).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(LlmGatewayError);
    expect(refused).toMatchObject({ status: 401, detail: "Unauthorized - Invalid API key" });
  });

  it("notes from the emulator: action items and decisions quote real lines with speaker and time, and are priced by their tokens", async () => {
    const made = await makeNotes(providers(), MEETING, 1);
    if (!made.ok) throw new Error(made.reason);
    expect(made.file.promptVersion).toBe("notes.v1");
    expect(made.file.actionItems.map((a) => a.owner)).toEqual(["Eli", "Dana"]);
    for (const item of [...made.file.actionItems, ...made.file.decisions]) {
      if (item.quote) expect(lineOfQuote(item.quote, MEETING), item.text).toBeDefined();
    }
    expect(made.file.decisions[0]?.quote?.text).toBe("We agreed to keep the starter plan at nine dollars.");
    // A pause of more than 5 s starts a chapter.
    expect(made.file.chapters.map((c) => c.start)).toEqual([0, 30000]);
    expect(made.costUsd).toBeCloseTo(llmGatewayCost(made.usage), 12);
    expect(made.markdown).toContain('"Let\'s send the numbers to finance on Monday." (Dana, 0:09)');
  });

  it("a quote that is not a line of the transcript, or is another speaker's, is not found", () => {
    expect(lineOfQuote({ text: "I will update the pricing page", speaker: "Eli", start: 4200, end: 9000 }, MEETING)).toBeDefined();
    expect(lineOfQuote({ text: "I will update the pricing page", speaker: "Dana", start: 4200, end: 9000 }, MEETING)).toBeUndefined();
    expect(lineOfQuote({ text: "We doubled the price", speaker: "Eli", start: 4200, end: 9000 }, MEETING)).toBeUndefined();
    expect(lineOfQuote({ text: "I will update the pricing page", speaker: "Eli", start: 60000, end: 61000 }, MEETING)).toBeUndefined();
  });

  it("a question is answered with quotes of the lines it rests on; one the transcript does not answer, with none", async () => {
    const asked = await askMeeting(providers(), MEETING, "What did we decide about the starter plan pricing?");
    if (!asked.ok) throw new Error(asked.reason);
    expect(asked.quotes.length).toBeGreaterThan(0);
    for (const q of asked.quotes) expect(lineOfQuote(q, MEETING)).toBeDefined();
    expect(asked.quotes).toContainEqual({
      text: "We agreed to keep the starter plan at nine dollars.",
      speaker: "Eli",
      start: 4200,
      end: 9000,
    });
    const none = await askMeeting(providers(), MEETING, "Who won the football game?");
    if (!none.ok) throw new Error(none.reason);
    expect(none.quotes).toEqual([]);
  });

  it("lines are speaker turns, or without speaker labels the words' sentences", () => {
    const words = [
      { text: "Hello", start: 0, end: 100 },
      { text: "there.", start: 100, end: 200 },
      { text: "We", start: 300, end: 400 },
      { text: "ship.", start: 400, end: 500 },
    ];
    expect(transcriptLines({ words })).toEqual([
      { speaker: null, start: 0, end: 200, text: "Hello there." },
      { speaker: null, start: 300, end: 500, text: "We ship." },
    ]);
    expect(transcriptLines({ utterances: [{ speaker: "A", start: 0, end: 500, text: " Hello there. " }], words })).toEqual([
      { speaker: "A", start: 0, end: 500, text: "Hello there." },
    ]);
  });
});
