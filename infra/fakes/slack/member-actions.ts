import { randomBytes } from "node:crypto";
import type { SlackFake } from "./handle.js";
import { blockActionBody, eventBody, slackSignature, slashCommandBody } from "./payloads.js";
import type { SlackState } from "./state.js";

/** What a member does in Slack that Slack tells the app about: signed requests to the app's events URL. */
export type MemberActions = Pick<
  SlackFake,
  "openHome" | "shortcut" | "submitView" | "uninstall" | "slashCommand" | "clickButton" | "chooseOption"
>;

type InputBlock = {
  type: string;
  block_id?: string;
  optional?: boolean;
  element?: {
    type?: string;
    action_id?: string;
    options?: Array<{ text: unknown; value: string }>;
    min_value?: string;
    max_value?: string;
    response_url_enabled?: boolean;
  };
};

type ResponseUrlEntry = { block_id: string; action_id: string; channel_id: string; response_url: string };

/** A member's user object as interaction payloads carry it. */
const member = (userId: string, teamId: string) => ({
  id: userId,
  username: `user-${userId.toLowerCase()}`,
  name: `user-${userId.toLowerCase()}`,
  team_id: teamId,
});

/**
 * A modal's `state.values` from what the member typed and picked, as Slack's client would submit
 * them; throws on what the client would not send (an empty required input, an option not offered,
 * a number out of its range).
 */
function viewState(state: SlackState, blocks: InputBlock[], values: Record<string, Record<string, string>>) {
  const result: Record<string, Record<string, Record<string, unknown>>> = {};
  const responseUrls: ResponseUrlEntry[] = [];
  for (const b of blocks.filter((x) => x.type === "input")) {
    const blockId = b.block_id ?? "";
    const actionId = b.element?.action_id ?? "";
    const type = b.element?.type ?? "plain_text_input";
    const value = values[blockId]?.[actionId] ?? "";
    if (!b.optional && value === "") throw new Error(`Slack's client would not submit an empty ${blockId}`);
    if (type === "static_select") {
      // Only one of the options can be picked.
      const option = b.element?.options?.find((x) => x.value === value);
      if (value && !option) throw new Error(`${blockId} has no option ${value}`);
      result[blockId] = { [actionId]: { type, selected_option: option ?? null } };
    } else if (type === "conversations_select") {
      result[blockId] = { [actionId]: { type, selected_conversation: value || null } };
      // Slack gives a response URL for the picked conversation when the input asks for one.
      if (value && b.element?.response_url_enabled)
        responseUrls.push({ block_id: blockId, action_id: actionId, channel_id: value, response_url: state.issueResponseUrl(value) });
    } else if (type === "users_select") {
      result[blockId] = { [actionId]: { type, selected_user: value || null } };
    } else if (type === "number_input") {
      const n = Number(value);
      const { min_value: lo, max_value: hi } = b.element ?? {};
      if (value && (Number.isNaN(n) || (lo !== undefined && n < Number(lo)) || (hi !== undefined && n > Number(hi))))
        throw new Error(`Slack's client would not submit ${blockId}=${value}`);
      result[blockId] = { [actionId]: { type, value: value || null } };
    } else {
      result[blockId] = { [actionId]: { type, value: value || null } };
    }
  }
  return { values: result, responseUrls };
}

export function memberActions(state: SlackState, signingSecret: string): MemberActions {
  const send = async (url: string, body: string, contentType: string) =>
    fetch(url, { method: "POST", headers: { "content-type": contentType, ...slackSignature(signingSecret, body) }, body });
  const sendPayload = (url: string, payload: Record<string, unknown>) =>
    send(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded");

  return {
    async slashCommand(o) {
      const triggerId = state.issueTrigger(o.userId);
      const responseUrl = state.issueResponseUrl(o.channelId);
      const body = slashCommandBody({ ...o, triggerId, responseUrl });
      const res = await send(o.eventsUrl, body, "application/x-www-form-urlencoded");
      return { status: res.status, body: await res.text(), triggerId, responseUrl };
    },

    async clickButton(o) {
      const triggerId = state.issueTrigger(o.userId);
      const responseUrl = state.issueResponseUrl(o.channelId);
      const res = await send(o.eventsUrl, blockActionBody({ ...o, triggerId, responseUrl }), "application/x-www-form-urlencoded");
      await res.arrayBuffer();
      return { status: res.status, triggerId, responseUrl };
    },

    async chooseOption(o) {
      const blocks = (Array.isArray(o.blocks) ? o.blocks : []) as Array<{ type?: string; elements?: Array<Record<string, unknown>> }>;
      const select = blocks
        .filter((b) => b.type === "actions")
        .flatMap((b) => b.elements ?? [])
        .find((e) => e.type === "static_select" && e.action_id === o.actionId);
      if (!select) throw new Error(`the message has no static_select ${o.actionId}`);
      const option = ((select.options ?? []) as Array<{ text: unknown; value: string }>).find((x) => x.value === o.value);
      if (!option) throw new Error(`${o.actionId} has no option ${o.value}`);
      const triggerId = state.issueTrigger(o.userId);
      const responseUrl = state.issueResponseUrl(o.channelId);
      const body = blockActionBody({ ...o, triggerId, responseUrl, selected: { text: option.text, value: option.value } });
      const res = await send(o.eventsUrl, body, "application/x-www-form-urlencoded");
      await res.arrayBuffer();
      return { status: res.status, triggerId, responseUrl };
    },

    async openHome(o) {
      const body = eventBody(o.teamId, { type: "app_home_opened", user: o.userId, channel: `D${o.userId.slice(1)}`, tab: "home" });
      const res = await send(o.eventsUrl, body, "application/json");
      await res.arrayBuffer();
      return res.status;
    },

    async shortcut(o) {
      const triggerId = state.issueTrigger(o.userId);
      const responseUrl = o.type === "message_action" && o.channelId ? state.issueResponseUrl(o.channelId) : undefined;
      const res = await sendPayload(o.eventsUrl, {
        type: o.type,
        callback_id: o.callbackId,
        trigger_id: triggerId,
        action_ts: `${Date.now() / 1000}`,
        team: { id: o.teamId, domain: `team-${o.teamId.toLowerCase()}` },
        user: member(o.userId, o.teamId),
        api_app_id: "A0FAKEAPP",
        token: "deprecated-verification-token",
        is_enterprise_install: false,
        enterprise: null,
        ...(o.type === "message_action"
          ? {
              channel: { id: o.channelId, name: "general" },
              message_ts: o.message?.ts,
              message: { type: "message", user: "U0POSTER", ts: o.message?.ts, text: o.message?.text ?? "", files: o.message?.files ?? [] },
              response_url: responseUrl,
            }
          : {}),
      });
      await res.arrayBuffer();
      return { status: res.status, triggerId, ...(responseUrl ? { responseUrl } : {}) };
    },

    async submitView(o) {
      const key = `${o.userId}:${o.callbackId}`;
      const opened = state.views.get(key);
      if (!opened) throw new Error(`no modal ${o.callbackId} is open for ${o.userId}`);
      const submitted = viewState(state, (opened.view.blocks as InputBlock[]) ?? [], o.values);
      const res = await sendPayload(o.eventsUrl, {
        type: "view_submission",
        team: { id: o.teamId, domain: `team-${o.teamId.toLowerCase()}` },
        user: member(o.userId, o.teamId),
        api_app_id: "A0FAKEAPP",
        token: "deprecated-verification-token",
        trigger_id: state.issueTrigger(o.userId),
        view: {
          ...opened.view,
          id: opened.id,
          team_id: o.teamId,
          state: { values: submitted.values },
          hash: randomBytes(6).toString("hex"),
        },
        response_urls: submitted.responseUrls,
        is_enterprise_install: false,
        enterprise: null,
      });
      const answer = await res.text();
      // The modal closes unless the app answered with errors to show in it.
      if (!answer.includes('"response_action":"errors"')) state.views.delete(key);
      return { status: res.status, body: answer };
    },

    async uninstall(teamId, eventsUrl) {
      const botUsers: string[] = [];
      for (const g of state.grants.values()) {
        if (g.teamId !== undefined && g.teamId !== teamId) continue;
        g.revoked = true;
        botUsers.push(g.botUserId);
      }
      const statuses: number[] = [];
      for (const event of [{ type: "app_uninstalled" }, { type: "tokens_revoked", tokens: { oauth: [], bot: botUsers } }]) {
        const res = await send(eventsUrl, eventBody(teamId, event), "application/json");
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      return statuses;
    },
  };
}
