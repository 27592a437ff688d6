import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { platformUserId } from "../../shared/chat/actor.js";
import { workspaces } from "../../shared/db/sql/schema.js";
import { useChatStack } from "../helpers/chat.js";
import { waitFor } from "../helpers/processes.js";
import { storedMeeting } from "../helpers/stored-meetings.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };

/** The message as searchable text: JSON without its escapes and Discord's markdown escapes. */
const textOf = (msg: unknown) =>
  JSON.stringify(msg ?? {})
    .replaceAll("\\\\", "")
    .replaceAll('\\"', '"');

/** Discord's `/search`: deferred ephemerally, then the hits as links to their moment. */
describe("Discord /search across the server's meetings", () => {
  const s = useChatStack();

  const search = async (query: string) => {
    const sent = s.discord.slashCommand({
      name: "search",
      guildId: ACME,
      channelId: GENERAL,
      user: ann,
      options: { query },
    });
    const answer = await waitFor(
      async () => {
        const msg = s.discord.original(sent.token);
        return /Meetings saying|No meeting/.test(textOf(msg)) ? msg : undefined;
      },
      20_000,
      "the /search answer",
    );
    return { sent, answer: answer as Record<string, unknown> };
  };

  it("answers the asker alone with each hit's time, speaker, recording and quote, linked to that moment", async () => {
    await search("anything");
    const [acme] = await s.api.deps.sql.db
      .select()
      .from(workspaces)
      .where(and(eq(workspaces.platform, "discord"), eq(workspaces.externalId, ACME)));
    if (!acme) throw new Error("no workspace for the Discord server");
    const meeting = await storedMeeting(
      s.api,
      { workspaceId: acme.id, userId: platformUserId("discord", ann.id) },
      [
        ["A", "Welcome to the weekly sync."],
        ["B", "We agreed the pricing for next quarter."],
      ],
      { fileName: "weekly.wav" },
    );
    const { sent, answer } = await search('pricing "next quarter"');
    const deferral = s.discord.calls.find((c) => c.path.startsWith(`/interactions/${sent.id}/`));
    expect(deferral?.status).toBeLessThan(300);
    expect(Number(answer.flags ?? 0) & 64).toBe(64);
    const said = textOf(answer);
    expect(said).toContain('Meetings saying “pricing "next quarter"”');
    expect(said).toContain(`0:02 · Speaker B · weekly.wav — “We agreed the pricing for next quarter.”](`);
    expect(said).toContain(`/app/jobs/${meeting.jobId}#t=2)`);
  }, 90_000);
});
