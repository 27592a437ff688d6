import { randomBytes } from "node:crypto";
import { describe, expect, it, onTestFinished } from "vitest";
import { blockActionBody, slashCommandBody } from "../../infra/fakes/slack/index.js";
import { postToSlackApp, useChatStack } from "../helpers/chat.js";
import { waitFor } from "../helpers/processes.js";

const ACME = "T0ACME";
const GENERAL = "C0GENERAL";

/** Slack takes a trigger id for 3 seconds (views.open: expired_trigger_id after); a slow Slack or API must not cost the form. */
describe("Slack forms open within their trigger's 3 seconds", () => {
  const s = useChatStack();

  const slowApi = (ms: number) => {
    s.apiDelay.ms = ms;
    onTestFinished(() => {
      s.apiDelay.ms = 0;
    });
  };
  const callFor = (method: string, pick: (args: Record<string, unknown>) => boolean) =>
    waitFor(async () => s.slack.calls.find((c) => c.method === method && pick(c.args)), 15_000, `the app's ${method}`);
  /** The views.open the app made for this trigger, which the fake took (no `expired_trigger_id`). */
  async function openedFor(triggerId: string) {
    const call = await callFor("views.open", (a) => a.trigger_id === triggerId);
    expect(call.error).toBeUndefined();
    return call.args.view as { blocks: Array<{ block_id: string; element: { initial_value?: string } }> };
  }
  const command = async (name: string, text: string, userId: string) => {
    const triggerId = s.slack.triggerId(userId);
    const body = slashCommandBody({
      command: `/${name}`,
      text,
      teamId: ACME,
      userId,
      channelId: GENERAL,
      triggerId,
      responseUrl: s.slack.responseUrl(GENERAL),
    });
    expect((await postToSlackApp(s, body)).status).toBe(200);
    return triggerId;
  };
  const click = async (actionId: string, userId: string) => {
    const triggerId = s.slack.triggerId(userId);
    const body = blockActionBody({
      actionId,
      teamId: ACME,
      userId,
      channelId: GENERAL,
      triggerId,
      responseUrl: s.slack.responseUrl(GENERAL),
    });
    expect((await postToSlackApp(s, body)).status).toBe(200);
    return triggerId;
  };

  it("/generate with flags and no prompt opens the form while users.info takes 3.5 seconds", async () => {
    s.slack.callDelays.set("users.info", 3_500);
    onTestFinished(() => void s.slack.callDelays.delete("users.info"));
    const view = await openedFor(await command("generate", "--private --count 2", "U0SLOWINFO"));
    expect(view.blocks.map((b) => b.block_id)).toContain("prompt");
    expect(s.slack.openedView("U0SLOWINFO", "generate:private")).toBeDefined();
  });

  it("/generate with no prompt opens the form while the API takes 3.5 seconds, then completes it with what the API said", async () => {
    slowApi(3_500);
    const view = await openedFor(await command("generate", "", "U0SLOWAPI"));
    expect(view.blocks.map((b) => b.block_id)).toContain("prompt");
    const opened = s.slack.openedView("U0SLOWAPI", "generate");
    const update = await callFor("views.update", (a) => a.view_id === opened?.id);
    expect(update.error).toBeUndefined();
  });

  it("Edit prompt & rerun opens the form while the API takes 3.5 seconds, then fills it from the result", async () => {
    const user = "U0SLOWREMIX";
    const job = await s
      .apiAs("slack", ACME, user)
      .jobs.create.mutate({ type: "image-generation", prompt: `a remixed heron ${randomBytes(2).toString("hex")}` });
    slowApi(3_500);
    const view = await openedFor(await click(`job:remix:${job.jobId}`, user));
    expect(view.blocks.find((b) => b.block_id === "prompt")?.element.initial_value).toBeUndefined();
    const opened = s.slack.openedView(user, `remix:${job.jobId}`);
    const update = await callFor("views.update", (a) => a.view_id === opened?.id);
    expect(update.error).toBeUndefined();
    const filled = (update.args.view as typeof view).blocks.find((b) => b.block_id === "prompt");
    expect(filled?.element.initial_value).toMatch(/^a remixed heron /);
  });

  it("the App Home's Generate images opens the form while the API takes 3.5 seconds", async () => {
    slowApi(3_500);
    const user = "U0SLOWHOME";
    const triggerId = s.slack.triggerId(user);
    const body = blockActionBody({ actionId: "home:generate", teamId: ACME, userId: user, channelId: "", triggerId, responseUrl: "" });
    expect((await postToSlackApp(s, body)).status).toBe(200);
    const view = await openedFor(triggerId);
    expect(view.blocks[0]?.block_id).toBe("channel");
  });
});
