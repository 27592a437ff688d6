import { ActionRowBuilder, type ButtonInteraction, MessageFlags, type ModalSubmitInteraction, ModalBuilder, TextInputBuilder, TextInputStyle } from "discord.js";
import { EDIT_INSTRUCTION_INPUT, editModalId, parseEditModalId, parseJobButton } from "../../shared/chat/job-reply.js";
import { limits } from "../../shared/jobs/input.js";
import { notice } from "../../shared/chat/reply.js";
import { editPicture, pressJobButton } from "../core/actions.js";
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
  if (job.action === "edit") {
    // The modal is the interaction's answer: it must go within Discord's 3 seconds, with no deferral before it.
    await i.showModal(editModal(job.jobId, job.image));
    return;
  }
  const startsJob = job.action !== "delete" && job.action !== "cancel";
  const privateMessage = i.message.flags.has(MessageFlags.Ephemeral);
  await deferJobReply(i, !(startsJob && !privateMessage));
  const result = await pressJobButton(requestFor(bot, i), job);
  if (result.kind === "done") await show(i, notice("Done", result.message, "success"));
}

/** What an Edit button asks: the instruction for the picture, as Kontext takes it. */
function editModal(jobId: string, image: number): ModalBuilder {
  const instruction = new TextInputBuilder()
    .setCustomId(EDIT_INSTRUCTION_INPUT)
    .setLabel("What should change?")
    .setStyle(TextInputStyle.Paragraph)
    .setPlaceholder("make it night, add a red umbrella, turn it into a watercolour")
    .setRequired(true)
    .setMaxLength(limits.promptLength);
  return new ModalBuilder()
    .setCustomId(editModalId(jobId, image))
    .setTitle(`Edit picture ${image}`)
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(instruction));
}

/** An Edit modal's submit: the edit is a job whose reply is this submit's own, public unless the result was private. */
export async function handleModal(i: ModalSubmitInteraction, bot: DiscordBotContext): Promise<void> {
  const target = parseEditModalId(i.customId);
  if (!target) {
    await i.reply({ content: "This form is no longer supported.", flags: MessageFlags.Ephemeral });
    return;
  }
  const privateMessage = i.message?.flags.has(MessageFlags.Ephemeral) ?? false;
  await deferJobReply(i, privateMessage);
  await editPicture(requestFor(bot, i), target, i.fields.getTextInputValue(EDIT_INSTRUCTION_INPUT));
}
