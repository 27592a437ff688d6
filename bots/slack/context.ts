import type { AllMiddlewareArgs, BlockAction, SlackViewAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { ChatActor } from "../../shared/chat/actor.js";
import type { DeliveryRequest } from "../../shared/chat/delivery.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import type { Logger } from "../../shared/logger.js";
import { type ApiConnection, apiFor, chatRequestId } from "../api-client.js";
import type { ChatRequest } from "../core/request.js";
import type { FileRules } from "../core/files.js";
import type { ModalOrigin } from "./modals.js";
import type { SlackUserCache } from "./user-cache.js";

/** What every Slack listener needs: how to reach the API, the file rules, the log, and what Slack has said of its users. */
export interface SlackContext {
  api: ApiConnection;
  files: FileRules;
  logger: Logger;
  users: SlackUserCache;
  /** Slack says the app left a team (app_uninstalled, or its bot token revoked): its token is forgotten. */
  onUninstalled?: ((teamId: string, at: Date) => Promise<void>) | undefined;
}

/** A Bolt listener of the app: Bolt's arguments, and the app's context. */
export type SlackListener<Args> = (args: Args & AllMiddlewareArgs, ctx: SlackContext) => Promise<void>;

/** The team's Web API client and bot token, as Bolt authorized the request. */
export interface Team {
  client: WebClient;
  botToken: string;
}

/** One command, click, submit or event, as the API request it makes is built from. */
export interface Invocation {
  /** The user's language, from Slack's users.info; unset: English. */
  locale?: ChatLocale | undefined;
  /** Slack says the user is a workspace admin or owner (users.info): the API lets them change /settings and train where only admins may. */
  admin?: boolean | undefined;
  team_id: string;
  team_domain?: string | undefined;
  user_id: string;
  user_name?: string | undefined;
  channel_id: string;
  trigger_id: string;
  response_url: string;
  /** A button's message (or its thread's parent): the thread a job it starts reports into. */
  thread_ts?: string | undefined;
}

/** Who clicked or submitted, as an invocation's team and user: the team of the body, else the user's own. */
export function actorOf(body: { team: { id: string; domain?: string } | null; user: { id: string; name?: string; team_id?: string } }) {
  return {
    team_id: body.team?.id ?? body.user.team_id ?? "",
    team_domain: body.team?.domain,
    user_id: body.user.id,
    user_name: body.user.name,
  };
}

/** The thread a job a click starts reports into: the message's own thread, or the message itself; an ephemeral message has none. */
export function threadOf(body: BlockAction): string | undefined {
  return body.container?.is_ephemeral ? undefined : (body.message?.thread_ts ?? body.message?.ts);
}

/**
 * Where a button's modal is opened from, carried to its submit: the click's channel, thread and
 * response URL, in the clicker's language; an answer to the click is ephemeral when its message was.
 */
export async function clickOrigin(
  ctx: SlackContext,
  client: WebClient,
  body: BlockAction,
  ephemeral = Boolean(body.container?.is_ephemeral),
): Promise<ModalOrigin> {
  return {
    channelId: body.channel?.id ?? "",
    threadTs: threadOf(body),
    responseUrl: body.response_url,
    ephemeral,
    locale: await ctx.users.localeSoon(client, body.user.id),
  };
}

/** A modal's submit as the invocation its job comes from: where the modal was opened, and the submit's own trigger. */
export function submitInvocation(body: SlackViewAction, viewId: string, where: ModalOrigin): Invocation {
  return {
    ...actorOf(body),
    channel_id: where.channelId,
    // A resent submit carries the same trigger: one job.
    trigger_id: `${(body as { trigger_id?: string }).trigger_id ?? viewId}`,
    response_url: where.responseUrl ?? "",
    thread_ts: where.threadTs,
  };
}

/** The API request for one invocation, with the bot's key for the Slack user. */
export function requestFor(ctx: SlackContext, v: Invocation): ChatRequest {
  const actor: ChatActor = {
    platform: "slack",
    workspaceExternalId: v.team_id,
    workspaceName: v.team_domain,
    externalUserId: v.user_id,
    displayName: v.user_name,
    admin: v.admin ?? false,
  };
  // A form opened from a shortcut has no response URL; its result goes by DM.
  const delivery: DeliveryRequest = {
    channelId: v.channel_id,
    ...(v.response_url ? { responseUrl: v.response_url } : {}),
    ...(v.thread_ts ? { threadTs: v.thread_ts } : {}),
    ...(v.locale && v.locale !== "en" ? { locale: v.locale } : {}),
  };
  return {
    api: apiFor(ctx.api, actor, chatRequestId("slack", v.trigger_id)),
    actor,
    invocationId: `slack:${v.trigger_id}`,
    delivery,
    files: ctx.files,
  };
}
