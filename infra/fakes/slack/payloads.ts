import { createHmac, randomBytes } from "node:crypto";

/** What Slack sends the app: signed requests, slash commands, button clicks and Events API envelopes. */

/** Headers Slack sends with a request: `v0=` HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function slackSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const sig = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": `v0=${sig}` };
}

export function slashCommandBody(c: {
  command: string;
  text: string;
  teamId: string;
  userId: string;
  channelId: string;
  triggerId: string;
  responseUrl: string;
  userName?: string;
}) {
  return new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: c.teamId,
    team_domain: `team-${c.teamId.toLowerCase()}`,
    channel_id: c.channelId,
    channel_name: "general",
    user_id: c.userId,
    user_name: c.userName ?? `user-${c.userId.toLowerCase()}`,
    command: c.command,
    text: c.text,
    api_app_id: "A0FAKEAPP",
    is_enterprise_install: "false",
    response_url: c.responseUrl,
    trigger_id: c.triggerId,
  }).toString();
}

export function blockActionBody(a: {
  actionId: string;
  teamId: string;
  userId: string;
  channelId: string;
  triggerId: string;
  responseUrl: string;
  messageTs?: string;
  ephemeral?: boolean;
  /** A choice in a static_select: the option as the message offered it. */
  selected?: { text: unknown; value: string };
}) {
  const action = a.selected
    ? { type: "static_select", action_id: a.actionId, block_id: "b1", selected_option: a.selected, action_ts: `${Date.now() / 1000}` }
    : {
        action_id: a.actionId,
        block_id: "b1",
        text: { type: "plain_text", text: "button" },
        type: "button",
        action_ts: `${Date.now() / 1000}`,
      };
  const payload = {
    type: "block_actions",
    user: { id: a.userId, username: `user-${a.userId.toLowerCase()}`, name: `user-${a.userId.toLowerCase()}`, team_id: a.teamId },
    api_app_id: "A0FAKEAPP",
    token: "deprecated-verification-token",
    container: { type: "message", message_ts: a.messageTs ?? "1.0", channel_id: a.channelId, is_ephemeral: a.ephemeral ?? false },
    trigger_id: a.triggerId,
    team: { id: a.teamId, domain: `team-${a.teamId.toLowerCase()}` },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: a.channelId, name: "general" },
    message: { ts: a.messageTs ?? "1.0", type: "message", text: "" },
    response_url: a.responseUrl,
    actions: [action],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Slack's events to the app: an event_callback envelope, as the Events API sends it. */
export function eventBody(teamId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: "deprecated-verification-token",
    team_id: teamId,
    api_app_id: "A0FAKEAPP",
    event: { ...event, event_ts: `${Date.now() / 1000}` },
    type: "event_callback",
    event_id: `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
  });
}
