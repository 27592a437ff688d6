import { type ButtonInteraction, MessageFlags } from "discord.js";
import { parseJobButton } from "../../shared/chat/job-reply.js";
import { notice } from "../../shared/chat/reply.js";
import { pressJobButton } from "../core/actions.js";
import { assetsReply, parseAssetsPageButton } from "../core/views.js";
import { type DiscordBotContext, deferJobReply, requestFor } from "./bot-context.js";
import { show } from "./reply.js";

/**
 * Buttons on job messages and listings. Rerun, variations and a picture's upscale or variation
 * start a job whose reply is this click's own (public unless the job's message was private);
 * delete and cancel answer only the clicker.
 */
export async function handleButton(i: ButtonInteraction, bot: DiscordBotContext): Promise<void> {
  const page = parseAssetsPageButton(i.customId);
  if (page) {
    await i.deferUpdate();
    await show(i, await assetsReply(requestFor(bot, i).api, page));
    return;
  }
  const job = parseJobButton(i.customId);
  if (!job) {
    await i.reply({ content: "This button is no longer supported.", flags: MessageFlags.Ephemeral });
    return;
  }
  const startsJob = job.action !== "delete" && job.action !== "cancel";
  const privateMessage = i.message.flags.has(MessageFlags.Ephemeral);
  await deferJobReply(i, !(startsJob && !privateMessage));
  const result = await pressJobButton(requestFor(bot, i), job);
  if (result.kind === "done") await show(i, notice("Done", result.message, "success"));
}
