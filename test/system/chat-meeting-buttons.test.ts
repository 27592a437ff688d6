import { WebClient } from "@slack/web-api";
import { describe, expect, it, onTestFinished } from "vitest";
import { useChatStack } from "../helpers/chat.js";
import { chatText, discordOriginal, jobOfCommand, transcribeOnDiscord, transcribeOnSlack } from "../helpers/chat-jobs.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };
const bob = { id: "300000000000000002", username: "bob" };
const SLACK_ACME = "T0ACME";
const SLACK_GENERAL = "C0GENERAL";
const SCRIPT = "We agreed to ship the harbour release on Friday. I will write the release notes.";

type Message = Record<string, unknown> & { id: string; channel_id: string };
type Component = { type: number; custom_id?: string; label?: string };
const textOf = chatText;
const buttonsOf = (m: Record<string, unknown> | undefined) =>
  ((m?.components ?? []) as Array<{ components: Component[] }>).flatMap((r) => r.components).filter((c) => c.type === 2);

/** A transcript's result in chat: Ask (a modal, then the answer to the asker alone), Chapters (moments in the gallery) and its files. */
describe("Ask, Chapters and (on Slack) action items on a transcript's chat result", () => {
  const s = useChatStack();

  const finalOriginal = (token: string, marker: RegExp) => discordOriginal(s, token, marker);

  it("Discord: Ask opens a modal whose question is answered to the clicker alone with quotes; Chapters links each chapter's moment", async () => {
    const sent = transcribeOnDiscord(s, { guildId: ACME, channelId: GENERAL, user: ann }, makeWav(4, 16_000, 335), SCRIPT);
    const result = (await finalOriginal(sent.token, /Action items/)) as Message;
    const job = await jobOfCommand(s, `discord:${sent.id}`);
    const buttons = buttonsOf(result);
    expect(buttons).toContainEqual(expect.objectContaining({ custom_id: `job:ask:${job.jobId}`, label: "Ask" }));
    expect(buttons).toContainEqual(expect.objectContaining({ custom_id: `job:chapters:${job.jobId}`, label: "Chapters" }));
    // The action items' menu is Slack's alone.
    expect(textOf(result)).not.toContain(`items:${job.jobId}`);
    // The transcript's files and the notes, reachable from the message itself.
    for (const name of ["transcript.txt", "transcript.srt", "transcript.vtt", "notes.md"]) expect(textOf(result)).toContain(name);

    const modalId = `ask:${job.jobId}`;
    const click = s.discord.clickButton({ message: result, customId: `job:ask:${job.jobId}`, user: bob, guildId: ACME });
    const modal = await waitFor(async () => s.discord.shownModal(bob.id, modalId), 10_000, "the Ask modal");
    expect(modal).toMatchObject({ title: "Ask the meeting" });
    // The modal is the click's first answer (type 9), within Discord's 3 seconds.
    expect(s.discord.calls.filter((c) => c.path.startsWith(`/interactions/${click.id}/`)).map((c) => c.body?.type)).toEqual([9]);
    const calls = s.aai.gatewayCalls.length;
    const asked = s.discord.submitModal({ user: bob, customId: modalId, values: { question: "when do we ship the harbour release?" } });
    const answer = await finalOriginal(asked.token, /Answer from the meeting/);
    expect(Number((answer as { flags?: number }).flags ?? 0) & 64).toBe(64);
    expect(textOf(answer)).toContain("0:00 unknown speaker: “We agreed to ship the harbour release on Friday.”");
    expect(s.aai.gatewayCalls.length).toBe(calls + 1);
    expect(s.discord.channelMessages(GENERAL).some((m) => textOf(m).includes("Answer from the meeting"))).toBe(false);
    // Discord's client sends no question shorter than the input's minimum.
    expect(() => s.discord.submitModal({ user: bob, customId: modalId, values: { question: "ok" } })).toThrow();

    s.discord.userLocales.set(bob.id, "de");
    const chapters = s.discord.clickButton({ message: result, customId: `job:chapters:${job.jobId}`, user: bob, guildId: ACME });
    const listed = await finalOriginal(chapters.token, /Kapitel/);
    expect(Number((listed as { flags?: number }).flags ?? 0) & 64).toBe(64);
    expect(textOf(listed)).toContain("0:00 · We agreed to ship the — We agreed to ship the harbour release on Friday.");
    const moment = /\]\((https?:[^)]+#t=[0-9.]+)\)/.exec(textOf(listed))?.[1];
    expect(moment).toBe(`${s.api.url}/app/jobs/${job.jobId}#t=0`);
  }, 150_000);

  it("Slack: Ask opens a modal (views.open), its submit closes it at once and the answer reaches the clicker alone; Chapters in German", async () => {
    const eventsUrl = `${s.api.url}/slack/events`;
    const r = await transcribeOnSlack(
      s,
      { teamId: SLACK_ACME, userId: "U0ANN", channelId: SLACK_GENERAL },
      makeWav(4, 16_000, 375),
      SCRIPT,
    );
    expect(r.status).toBe(200);
    const job = await jobOfCommand(s, `slack:${r.triggerId}`);
    const message = await waitFor(
      async () => s.slack.messages(SLACK_GENERAL).find((m) => textOf(m).includes(job.jobId) && /Action items/.test(textOf(m))),
      60_000,
      "the result in the channel",
    );
    expect(textOf(message.blocks)).toContain(`"action_id":"job:ask:${job.jobId}"`);
    expect(textOf(message.blocks)).toContain(`"action_id":"job:chapters:${job.jobId}"`);
    for (const name of ["transcript.txt", "transcript.srt", "transcript.vtt", "notes.md"]) expect(textOf(message)).toContain(name);

    const who = { teamId: SLACK_ACME, userId: "U0BOB", channelId: SLACK_GENERAL, messageTs: message.ts, eventsUrl };
    const clicked = await s.slack.clickButton({ ...who, actionId: `job:ask:${job.jobId}` });
    expect(clicked.status).toBe(200);
    const callbackId = `ask:${job.jobId}`;
    const opened = await waitFor(async () => s.slack.openedView("U0BOB", callbackId), 10_000, "the Ask modal");
    expect(opened.view).toMatchObject({ title: { text: "Ask the meeting" } });
    const submit = (question: string) =>
      s.slack.submitView({ userId: "U0BOB", teamId: SLACK_ACME, callbackId, values: { question: { question } }, eventsUrl });
    const started = Date.now();
    expect((await submit("when do we ship the harbour release?")).body).toBe("");
    expect(Date.now() - started).toBeLessThan(3_000);
    const responseId = clicked.responseUrl.split("/").pop() ?? "";
    const answer = await waitFor(
      async () => s.slack.responses.find((x) => x.id === responseId && /Answer from the meeting/.test(textOf(x.body))),
      30_000,
      "the answer",
    );
    expect(textOf(answer.body)).toContain("0:00 unknown speaker: “We agreed to ship the harbour release on Friday.”");
    expect(answer.body.response_type ?? "ephemeral").toBe("ephemeral");
    expect(s.slack.messages(SLACK_GENERAL).some((m) => textOf(m).includes("Answer from the meeting"))).toBe(false);

    // A member whose Slack is in German.
    s.slack.userLocales.set("U0JONAS", "de-DE");
    onTestFinished(() => void s.slack.userLocales.delete("U0JONAS"));
    const chapters = await s.slack.clickButton({ ...who, userId: "U0JONAS", actionId: `job:chapters:${job.jobId}` });
    const chaptersId = chapters.responseUrl.split("/").pop() ?? "";
    const listed = await waitFor(async () => s.slack.responses.find((x) => x.id === chaptersId), 30_000, "the chapters");
    expect(textOf(listed.body)).toContain("Kapitel");
    expect(listed.body.response_type ?? "ephemeral").toBe("ephemeral");
    expect(textOf(listed.body)).toContain(`<${s.api.url}/app/jobs/${job.jobId}#t=0|0:00 · We agreed to ship the`);
  }, 150_000);

  it("Slack: an action item chosen goes to the chosen member's DM now, or is scheduled there for tomorrow; without im:write nothing is sent", async () => {
    const eventsUrl = `${s.api.url}/slack/events`;
    const r = await transcribeOnSlack(
      s,
      { teamId: SLACK_ACME, userId: "U0ANN", channelId: SLACK_GENERAL },
      makeWav(4, 16_000, 385),
      SCRIPT,
    );
    const job = await jobOfCommand(s, `slack:${r.triggerId}`);
    const message = await waitFor(
      async () => s.slack.messages(SLACK_GENERAL).find((m) => textOf(m).includes(job.jobId) && /Action items/.test(textOf(m))),
      60_000,
      "the result in the channel",
    );
    expect(textOf(message.blocks)).toContain(`"action_id":"items:${job.jobId}"`);
    expect(textOf(message.blocks)).toContain('"text":"I will write the release notes."');

    const send = async (owner: string, when: string) => {
      const chosen = await s.slack.chooseOption({
        teamId: SLACK_ACME,
        userId: "U0BOB",
        channelId: SLACK_GENERAL,
        blocks: message.blocks,
        actionId: `items:${job.jobId}`,
        value: `job:item:${job.jobId}:1`,
        messageTs: message.ts,
        eventsUrl,
      });
      const callbackId = `item:${job.jobId}:1`;
      const opened = await waitFor(async () => s.slack.openedView("U0BOB", callbackId), 10_000, "the action item's modal");
      expect(opened.view).toMatchObject({ title: { text: "Send an action item" } });
      const submitted = await s.slack.submitView({
        userId: "U0BOB",
        teamId: SLACK_ACME,
        callbackId,
        values: { owner: { owner }, when: { when } },
        eventsUrl,
      });
      expect(submitted.body).toBe("");
      const id = chosen.responseUrl.split("/").pop() ?? "";
      return waitFor(async () => s.slack.responses.find((x) => x.id === id), 30_000, "the sender's answer");
    };

    const now = await send("U0CARL", "now");
    expect(textOf(now.body)).toContain("Sent to their direct messages.");
    expect(now.body.response_type ?? "ephemeral").toBe("ephemeral");
    const dm = s.slack.dms.get("U0CARL") ?? "";
    expect(textOf(s.slack.messages(dm))).toContain(`Action item from a meeting: I will write the release notes. (job ${job.jobId})`);

    const later = await send("U0CARL", "tomorrow");
    expect(textOf(later.body)).toContain("Scheduled for their direct messages at");
    const [scheduled] = s.slack.scheduled.filter((m) => m.channel === dm);
    expect(Math.abs((scheduled?.postAt ?? 0) - (Date.now() / 1000 + 86_400))).toBeLessThan(120);
    expect(scheduled?.text).toContain("I will write the release notes.");

    // Slack's documented limits: at most 120 days ahead, never in the past.
    const web = new WebClient(s.slack.botToken, { slackApiUrl: s.slack.apiUrl, retryConfig: { retries: 0 } });
    const at = (days: number) => Math.floor(Date.now() / 1000 + days * 86_400);
    await expect(web.chat.scheduleMessage({ channel: dm, post_at: at(121), text: "x" })).rejects.toThrow(/time_too_far/);
    await expect(web.chat.scheduleMessage({ channel: dm, post_at: at(-1), text: "x" })).rejects.toThrow(/time_in_past/);

    // An install without im:write cannot open the DM: the sender is told, nothing reaches anyone.
    s.slack.scopes.delete("im:write");
    onTestFinished(() => void s.slack.scopes.add("im:write"));
    const posted = s.slack.messages(dm).length;
    const refused = await send("U0DANA", "now");
    expect(textOf(refused.body)).toContain("an admin reinstalls it to allow that");
    expect(s.slack.dms.has("U0DANA")).toBe(false);
    expect(s.slack.messages(dm)).toHaveLength(posted);
    expect(s.slack.calls.some((c) => c.method === "conversations.open" && c.error === "missing_scope")).toBe(true);
  }, 150_000);
});
