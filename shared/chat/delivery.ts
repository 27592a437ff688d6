import { z } from "zod";
import { chatLocales } from "./locale/languages.js";

/**
 * Where a chat command's job reports back, stored on the job. The deliver queue edits the
 * command's reply while the platform lets it (Discord's interaction token, Slack's message) and
 * posts a new message once it no longer can, so a result that outlives the bot still arrives.
 * What has been sent is kept in PostgreSQL (`chat_deliveries`); this says only where.
 */
const common = {
  channelId: z.string().min(1).max(64),
  /** The platform's user id of whoever ran the command: the recipient of private results. */
  platformUserId: z.string().min(1).max(64),
  private: z.boolean(),
  /** The requester's language, for the job's messages; unset: English. */
  locale: z.enum(chatLocales).optional(),
  /** Discord: the channel of the thread the job was asked for in; its budget counts the job. */
  parentChannelId: z.string().max(64).optional(),
};

export const discordDelivery = z.object({
  platform: z.literal("discord"),
  ...common,
  guildId: z.string().min(1).max(64),
  interaction: z
    .object({
      applicationId: z.string().min(1).max(64),
      /** The interaction token: a 15-minute credential for editing the command's reply. */
      token: z.string().min(1).max(512),
      expiresAt: z.date(),
    })
    .optional(),
  /** A rerun's result, posted after the interaction's window, replies to the message whose button made it. */
  replyToMessageId: z.string().max(32).optional(),
  /** The public reply's message, which the bot edits with its own token after the interaction window. */
  messageId: z
    .string()
    .regex(/^\d{1,32}$/)
    .optional(),
});

export const slackDelivery = z.object({
  platform: z.literal("slack"),
  ...common,
  teamId: z.string().min(1).max(64),
  /** Slack's response_url for an ephemeral (private) answer: 30 minutes, five uses. */
  responseUrl: z.string().url().max(1024).optional(),
  responseUrlExpiresAt: z.date().optional(),
  /** A rerun's result goes in the thread of the message whose button made it. */
  threadTs: z.string().max(32).optional(),
});

export const chatDelivery = z.discriminatedUnion("platform", [discordDelivery, slackDelivery]);
export type ChatDelivery = z.infer<typeof chatDelivery>;
export type DiscordDelivery = z.infer<typeof discordDelivery>;
export type SlackDelivery = z.infer<typeof slackDelivery>;

/**
 * A Discord interaction token as the deliver worker puts it, unencoded, in the webhook route's
 * path (`/webhooks/{application}/{token}/messages/@original` on the configured Discord API): one
 * path segment that is not `.` or `..` and holds no `/`, `\`, `?`, `#`, `%`, space or control
 * character, so the edit can reach no other route. Discord does not document the format; it
 * must already be safe in a path, so this refuses no real token.
 */
export const discordInteractionToken = /^(?!\.\.?$)[^/\\?#%\s\p{Cc}]{1,512}$/u;

/** What a bot sends with jobs.create; the server adds the platform, workspace and expiry times. */
export const deliveryRequest = z.object({
  channelId: z.string().regex(/^[A-Za-z0-9]{1,64}$/, "must be a channel id"),
  /** Discord: the interaction's application id and token, to edit the deferred reply. */
  interaction: z
    .object({
      applicationId: z.string().regex(/^\d{1,32}$/),
      token: z.string().regex(discordInteractionToken, "must be a Discord interaction token"),
    })
    .optional(),
  /** Slack: the slash command's response_url, for private answers; jobs.create accepts only Slack's (shared/chat/response-url.ts). */
  responseUrl: z
    .url({ protocol: /^https?$/ })
    .max(1024)
    .optional(),
  /** Discord: the public reply's message (the deferred response), edited by the bot after the interaction window. */
  messageId: z
    .string()
    .regex(/^\d{1,32}$/, "must be a Discord message id")
    .optional(),
  /** Discord: the message a rerun button was on; a result posted later replies to it. */
  replyTo: z
    .string()
    .regex(/^\d{1,32}$/, "must be a Discord message id")
    .optional(),
  /** The requester's language on the platform, for the job's messages. */
  locale: z.enum(chatLocales).optional(),
  /** Discord: a thread's channel, whose /settings apply in the thread. */
  parentChannelId: z
    .string()
    .regex(/^[A-Za-z0-9]{1,64}$/, "must be a channel id")
    .optional(),
  /** Slack: the ts of the message a rerun button was on; the new job's result is posted in its thread. */
  threadTs: z
    .string()
    .regex(/^\d{1,12}\.\d{1,8}$/, "must be a Slack message ts")
    .optional(),
});
export type DeliveryRequest = z.infer<typeof deliveryRequest>;
