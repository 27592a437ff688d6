import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { slashCommandBody } from "../../infra/fakes/slack/index.js";
import { postToSlackApp, recordedDelivered, useChatStack } from "../helpers/chat.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const ACME = "T0ACME";
const GENERAL = "C0GENERAL";
const textOf = (value: unknown) => JSON.stringify(value ?? {});

/** What users write reaching Slack through the app: shown as their text, never as Slack's markup. */
describe("user text in the Slack app's messages", () => {
  const s = useChatStack();

  function command(name: string, text: string, userId: string) {
    const triggerId = `${Date.now()}.${randomBytes(4).toString("hex")}`;
    const responseUrl = s.slack.responseUrl(GENERAL);
    const body = slashCommandBody({ command: `/${name}`, text, teamId: ACME, userId, channelId: GENERAL, triggerId, responseUrl });
    return { body, triggerId, responseId: responseUrl.split("/").pop() ?? "" };
  }
  const answerTo = (responseId: string, what: string) =>
    waitFor(async () => s.slack.responses.find((r) => r.id === responseId), 20_000, what);

  it("a prompt holding a disguised link and a channel mention shows as text in the result, its notification, /jobs and the App Home's recent pictures", async () => {
    const user = "U0MALLORY";
    const prompt = "a fox <https://evil.example/x|click me> <!channel>";
    const c = command("generate", prompt, user);
    expect((await postToSlackApp(s, c.body)).status).toBe(200);
    const job = await waitFor(
      async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey: `slack:${c.triggerId}` })) ?? undefined,
      20_000,
      "the job",
    );
    const result = await waitFor(
      async () => s.slack.messages(GENERAL).find((m) => textOf(m).includes(job.jobId) && textOf(m).includes("image_1.png")),
      60_000,
      "the result",
    );
    expect(result.text).toContain("a fox &lt;https://evil.example/x|click me&gt; &lt;!channel&gt;");

    const jobs = command("jobs", "", user);
    expect((await postToSlackApp(s, jobs.body)).status).toBe(200);
    expect(textOf(await answerTo(jobs.responseId, "/jobs"))).toContain(job.jobId);

    // The pictures section lists results whose pictures went to Slack, recorded before the result is counted delivered.
    await recordedDelivered(s, job.jobId);
    expect(await s.slack.openHome({ teamId: ACME, userId: user, eventsUrl: `${s.api.url}/slack/events` })).toBe(200);
    const home = await waitFor(
      async () => {
        const view = s.slack.homeView(user);
        return view && textOf(view).includes("Your recent pictures") ? view : undefined;
      },
      20_000,
      "the home view with the picture",
    );
    expect(textOf(home)).toContain("&lt;https://evil.example/x|click me&gt;");
    expect(s.slack.unescaped).toEqual([]);
  }, 120_000);

  it("/jobs whose prompts are heavy in & and < shows whole lines within Slack's 3000 characters and says how many more there are", async () => {
    const user = "U0AMPERSAND";
    const api = s.apiAs("slack", ACME, user);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const job = await api.jobs.create.mutate({ type: "image-generation", prompt: `${"&<".repeat(40)} ${i}`, visibility: "private" });
      ids.push(job.jobId);
    }
    const jobs = command("jobs", "", user);
    expect((await postToSlackApp(s, jobs.body)).status).toBe(200);
    const answer = await answerTo(jobs.responseId, "/jobs");
    const blocks = (answer.body.blocks ?? []) as Array<{ type: string; text?: { text: string } }>;
    const list = blocks.find((b) => b.type === "section")?.text?.text ?? "";
    expect(list.length).toBeLessThanOrEqual(3000);
    const lines = list.split("\n");
    const last = lines.pop() ?? "";
    const hidden = Number(/^…and (\d+) more, not shown here$/.exec(last)?.[1]);
    expect(hidden).toBeGreaterThan(0);
    expect(lines.length + hidden).toBe(10);
    // Each line shown is whole: it ends with its job's id, and holds no half-written escape.
    for (const line of lines) {
      expect(ids.some((id) => line.includes(id))).toBe(true);
      expect(line.replace(/&(amp|lt|gt);/g, "")).not.toMatch(/[&<>]/);
    }
    expect(s.slack.unescaped).toEqual([]);
  }, 60_000);
});
