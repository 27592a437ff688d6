import type { SlackCommandMiddlewareArgs, SlashCommand } from "@slack/bolt";
import type { ChatLocale } from "../../../../shared/chat/locale/languages.js";
import type { ChatReply } from "../../../../shared/chat/reply.js";
import { chatRequestId } from "../../../api-client.js";
import type { SlackContext, SlackListener, Team } from "../../context.js";
import { answerAlone } from "../../reply.js";

/** A slash command as its work sees it: Slack's payload, with what users.info says of the user once it has been asked. */
export type SlackCommand = SlashCommand & { locale?: ChatLocale; admin?: boolean };

/** A command's own work: its reply to the user alone, or nothing when the answer comes another way (a form, the channel). */
export type CommandWork = (cmd: SlackCommand, team: Team, ctx: SlackContext) => Promise<ChatReply | undefined>;

export type SlackCommandListener = SlackListener<SlackCommandMiddlewareArgs>;

/**
 * A slash command's listener: acked first (Slack waits 3 s), logged, then its work, whose reply
 * or refusal only the user sees. A command that opens a form (`opensForm`) has its trigger's
 * 3 seconds for it: it does not wait for users.info, and asks for the user's language beside its other reads.
 */
export function slashCommand(name: string, work: CommandWork, opensForm: (text: string) => boolean = () => false): SlackCommandListener {
  return async ({ command: cmd, ack, respond, client, context }, ctx) => {
    await ack();
    const requestId = chatRequestId("slack", cmd.trigger_id);
    ctx.logger.info({ requestId, command: name, teamId: cmd.team_id, userId: cmd.user_id, channelId: cmd.channel_id }, "command");
    const user = opensForm(cmd.text) ? {} : await ctx.users.userOf(client, cmd.user_id);
    await answerAlone(
      ctx,
      respond,
      name,
      cmd.user_id,
      async () => work({ ...cmd, ...user }, { client, botToken: context.botToken ?? "" }, ctx),
      requestId,
    );
  };
}
