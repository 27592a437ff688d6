import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { slackSignature, slashCommandBody } from "../../infra/fakes/slack/index.js";
import { platformUserId } from "../../shared/chat/actor.js";
import { workspaces } from "../../shared/db/sql/schema.js";
import { postToSlackApp, useChatStack } from "../helpers/chat.js";
import { waitFor } from "../helpers/processes.js";
import { storedMeeting } from "../helpers/stored-meetings.js";

const ACME = "T0ACME";
const RIVALS = "T0RIVALS";
const ann = "U0ANN";
const eve = "U0EVE";

/** Slack's `/search`: acked at once, the hits only to the asker, as quotes with time and speaker linking to the moment; another team sees none. */
describe("Slack /search across the team's meetings", () => {
  const s = useChatStack();
  const textOf = (value: unknown) => JSON.stringify(value ?? {});

  async function search(text: string, teamId = ACME, userId = ann) {
    const channelId = teamId === ACME ? "C0GENERAL" : "C0RIVALS";
    const responseUrl = s.slack.responseUrl(channelId);
    const triggerId = `${Date.now()}.${randomBytes(4).toString("hex")}`;
    const body = slashCommandBody({ command: "/search", text, teamId, userId, channelId, triggerId, responseUrl });
    const started = Date.now();
    const ack = await postToSlackApp(s, body, slackSignature(s.slack.signingSecret, body));
    const ackMs = Date.now() - started;
    expect(ack.status).toBe(200);
    const id = responseUrl.split("/").pop() ?? "";
    const answer = await waitFor(async () => s.slack.responses.find((r) => r.id === id), 20_000, "the /search answer");
    return { ackMs, answer: answer.body as { response_type?: string; blocks?: unknown; text?: string } };
  }

  it("answers with the hits as links to their moment, to the asker alone; another team's member finds nothing", async () => {
    // The team's workspace and ann's membership come with her first command.
    await search("anything");
    const [acme] = await s.api.deps.sql.db
      .select()
      .from(workspaces)
      .where(and(eq(workspaces.platform, "slack"), eq(workspaces.externalId, ACME)));
    if (!acme) throw new Error("no workspace for the Slack team");
    const meeting = await storedMeeting(
      s.api,
      { workspaceId: acme.id, userId: platformUserId("slack", ann) },
      [
        ["A", "Welcome to the weekly sync."],
        ["B", "We agreed the pricing for next quarter."],
      ],
      { fileName: "weekly.wav" },
    );
    const { ackMs, answer } = await search('pricing "next quarter"');
    expect(ackMs).toBeLessThan(3000);
    expect(answer.response_type).toBe("ephemeral");
    const said = textOf(answer);
    expect(said).toContain('Meetings saying “pricing \\"next quarter\\"”');
    expect(said).toContain(`/app/jobs/${meeting.jobId}#t=2|0:02 · Speaker B · weekly.wav — “We agreed the pricing for next quarter.”`);

    const rival = await search("pricing", RIVALS, eve);
    expect(textOf(rival.answer)).toContain("No meeting of your team says that");
    expect(textOf(rival.answer)).not.toContain(meeting.jobId);
  }, 90_000);

  it("says why a query cannot be searched, to the asker alone", async () => {
    const { answer } = await search("? !");
    expect(answer.response_type).toBe("ephemeral");
    expect(textOf(answer)).toMatch(/at least 2 letters/);
  }, 30_000);
});
