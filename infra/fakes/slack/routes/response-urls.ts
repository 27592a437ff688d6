import { messageProblem } from "../message-checks.js";
import type { SlackState } from "../state.js";
import type { SlackApp } from "./web-api.js";

/**
 * The response_url of a command, button or shortcut: five answers within its lifetime, each a
 * message Slack checks as it checks chat.postMessage. Slack answers in plain text: "ok", or the
 * error with a 4xx status.
 */
export function responseUrlRoutes(app: SlackApp, state: SlackState) {
  app.post("/response/:id", async (c) => {
    const raw = await c.req.text();
    const id = c.req.param("id");
    const text = (status: 200 | 400 | 404, body: string) => {
      if (status !== 200) state.refusedResponses.push({ id, error: body, at: Date.now() });
      return c.body(body, status, { "content-type": "text/plain" });
    };
    const issued = state.responseUrls.get(id);
    if (!issued) return text(404, "no_service");
    if (Date.now() - issued.issuedAt > state.settings.responseUrlLifetimeMs) return text(404, "expired_url");
    if (issued.uses >= 5) return text(404, "used_url");
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw || "{}") as Record<string, unknown>;
    } catch {
      return text(400, "invalid_payload");
    }
    const problem = await messageProblem(state, body, String(body.channel ?? ""), "response_url");
    if (problem) return text(400, problem.error);
    issued.uses++;
    state.responses.push({ id, body, at: Date.now() });
    // An in_channel answer is a message of the conversation the command came from, by the app.
    if (body.response_type === "in_channel" && issued.channel) {
      state.post({
        channel: issued.channel,
        ts: state.nextTs(),
        text: String(body.text ?? ""),
        blocks: (body.blocks as Array<Record<string, unknown>>) ?? [],
        updates: 0,
      });
    }
    return text(200, "ok");
  });
}
