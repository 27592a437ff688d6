import {
  ActionRowBuilder,
  type ButtonInteraction,
  MessageFlags,
  type StringSelectMenuInteraction,
  type ModalSubmitInteraction,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import {
  ASK_QUESTION_INPUT,
  EDIT_INSTRUCTION_INPUT,
  type ParsedJobButton,
  ZOOM_FACTOR_INPUT,
  ZOOM_PROMPT_INPUT,
  editModalId,
  parseAskModalId,
  parseEditModalId,
  parseGenerateModalId,
  parseJobButton,
  parseZoomModalId,
} from "../../shared/chat/job-buttons.js";
import { formText } from "../../shared/chat/locale/forms.js";
import { type ChatLocale, chatLocaleOf } from "../../shared/chat/locale/languages.js";
import { noticeText } from "../../shared/chat/locale/notices.js";
import { limits } from "../../shared/jobs/input.js";
import { notice } from "../../shared/chat/reply.js";
import { editPicture, pressJobButton } from "../core/actions.js";
import { askReply } from "../core/ask-reply.js";
import { badFactor, zoomByFactor, zoomFactorOf } from "../core/picture-tools.js";
import { type GenerationForm, modelOrLoraField, splitModelOrLoraField, startFromForm } from "../core/generation-form.js";
import { assetsReply, parseAssetsPageButton } from "../core/views.js";
import { type DiscordBotContext, deferJobReply, requestFor } from "./bot-context.js";
import { remixForm } from "./remix-form.js";
import { show } from "./reply.js";
import { askModal } from "./ask-modal.js";
import { zoomModal } from "./zoom-modal.js";
import { toDiscordMessage } from "../../shared/chat/discord-message.js";

/**
 * Buttons on job messages and listings. Rerun, variations and a picture's upscale or variation
 * start a job whose reply is this click's own (public unless the job's message was private);
 * delete and cancel answer only the clicker.
 */
export async function handleButton(i: ButtonInteraction, bot: DiscordBotContext): Promise<void> {
  const locale = chatLocaleOf(i.locale);
  const page = parseAssetsPageButton(i.customId);
  if (page) {
    await i.deferUpdate();
    await show(i, await assetsReply(requestFor(bot, i).api, page, locale));
    return;
  }
  await pressOnMessage(i, bot, parseJobButton(i.customId));
}

/**
 * A choice in a result's "More for picture…" or a transcript's Translate menu: its value is the id
 * of the button it stands for, so it does what that button does, answered the same way.
 */
export async function handleMenu(i: StringSelectMenuInteraction, bot: DiscordBotContext): Promise<void> {
  await pressOnMessage(i, bot, i.values.length === 1 ? parseJobButton(i.values[0] ?? "") : undefined);
}

async function pressOnMessage(
  i: ButtonInteraction | StringSelectMenuInteraction,
  bot: DiscordBotContext,
  job: ParsedJobButton | undefined,
): Promise<void> {
  const locale = chatLocaleOf(i.locale);
  const said = noticeText[locale];
  if (!job) {
    await i.reply({ content: said.buttonGone, flags: MessageFlags.Ephemeral });
    return;
  }
  if (job.action === "remix") {
    // The modal is the interaction's answer: prefilled from the job when the API answers in time, else from the message.
    await i.showModal(generateModal(`remix:${job.jobId}`, await remixForm(i, bot, job.jobId), locale));
    return;
  }
  // The modal is the interaction's answer: it must go within Discord's 3 seconds, with no deferral before it.
  if (job.action === "edit") {
    await i.showModal(editModal(job.jobId, job.image, locale));
    return;
  }
  if (job.action === "zoom-custom") {
    await i.showModal(zoomModal(job.jobId, job.image, locale));
    return;
  }
  if (job.action === "ask") {
    await i.showModal(askModal(job.jobId, locale));
    return;
  }
  if (job.action === "region") {
    // A sign-in link: the clicker's alone, whatever the message.
    await deferJobReply(i, true);
    const result = await pressJobButton(requestFor(bot, i), job);
    if (result.kind === "alone") await show(i, result.reply);
    return;
  }
  const startsJob = !["delete", "cancel", "share", "dm", "translate", "chapters"].includes(job.action);
  const privateMessage = i.message.flags.has(MessageFlags.Ephemeral);
  // A shared result is this click's public answer; everything else but a new job answers the clicker alone.
  await deferJobReply(i, job.action === "share" ? false : !(startsJob && !privateMessage));
  const result = await pressJobButton(requestFor(bot, i), job);
  if (result.kind === "done") await show(i, notice(said.done, result.message, "success"));
  // A translation's files: the clicker's answer.
  if (result.kind === "alone") await show(i, result.reply);
  if (result.kind === "post" && result.where === "channel") await show(i, result.reply);
  if (result.kind === "post" && result.where === "dm") {
    await i.user.send({ ...toDiscordMessage(result.reply), components: [] });
    await show(i, notice(said.sent, said.inYourDms, "success"));
  }
}

/** What an Edit button asks: the instruction for the picture, as Kontext takes it. */
function editModal(jobId: string, image: number, locale: ChatLocale): ModalBuilder {
  const t = formText[locale];
  const instruction = new TextInputBuilder()
    .setCustomId(EDIT_INSTRUCTION_INPUT)
    .setLabel(t.editQuestion)
    .setStyle(TextInputStyle.Paragraph)
    .setPlaceholder(t.editPlaceholder)
    .setRequired(true)
    .setMaxLength(limits.promptLength);
  return new ModalBuilder()
    .setCustomId(editModalId(jobId, image))
    .setTitle(t.editTitle(image))
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(instruction));
}

/**
 * The generate form as a Discord modal in the user's language: five text inputs (a modal takes no
 * more), prefilled for a remix; the model and the LoRA share the last, as a LoRA runs on FLUX.1 [dev].
 */
export function generateModal(id: string, form: Partial<GenerationForm> = {}, locale: ChatLocale = "en"): ModalBuilder {
  const t = formText[locale];
  const { min, max } = limits.imageCount;
  const field = (customId: string, label: string, placeholder: string, value: string | undefined, style = TextInputStyle.Short) => {
    const input = new TextInputBuilder()
      .setCustomId(customId)
      .setLabel(label)
      .setStyle(style)
      .setPlaceholder(placeholder)
      .setRequired(customId === "prompt");
    if (value) input.setValue(value);
    return new ActionRowBuilder<TextInputBuilder>().addComponents(input);
  };
  return new ModalBuilder()
    .setCustomId(id)
    .setTitle(id.startsWith("remix:") ? t.remixTitle : t.generateTitle)
    .addComponents(
      field("prompt", t.prompt, t.promptPlaceholder, form.prompt, TextInputStyle.Paragraph),
      field("size", t.sizeAny, "square_hd, landscape_16_9, 1024x768, 16:9", form.size),
      field("count", t.count(min, max), "1", form.count),
      field("seed", t.seed, t.seedPlaceholder, form.seed),
      field("lora", t.modelOrLora(limits.loraScale.min, limits.loraScale.max), t.modelOrLoraPlaceholder, modelOrLoraField(form)),
    );
}

/**
 * A modal's submit: an Edit (the clicker's edit of the picture), a Custom Zoom, or the generate form (from
 * /generate, or Edit prompt & rerun); each a job whose reply is this submit's own, public unless
 * it is private.
 */
export async function handleModal(i: ModalSubmitInteraction, bot: DiscordBotContext): Promise<void> {
  const form = parseGenerateModalId(i.customId);
  if (form) {
    const source = i.message?.flags.has(MessageFlags.Ephemeral) ?? false;
    const isPrivate = form.private || source;
    await deferJobReply(i, isPrivate);
    const value = (name: string) => i.fields.getTextInputValue(name);
    await startFromForm(
      requestFor(bot, i),
      { prompt: value("prompt"), size: value("size"), count: value("count"), seed: value("seed"), ...splitModelOrLoraField(value("lora")) },
      isPrivate,
    );
    return;
  }
  const zoom = parseZoomModalId(i.customId);
  if (zoom) {
    const factor = i.fields.getTextInputValue(ZOOM_FACTOR_INPUT);
    // A factor that cannot be is refused as the submit's first answer, to the submitter alone: nothing is queued.
    if (zoomFactorOf(factor) === undefined) throw badFactor(factor, chatLocaleOf(i.locale));
    await deferJobReply(i, i.message?.flags.has(MessageFlags.Ephemeral) ?? false);
    await zoomByFactor(requestFor(bot, i), zoom, { factor, prompt: i.fields.getTextInputValue(ZOOM_PROMPT_INPUT) });
    return;
  }
  const asked = parseAskModalId(i.customId);
  if (asked) {
    // The answer, like /ask's, is the asker's alone; the gateway takes seconds, so the submit is deferred first.
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const question = i.fields.getTextInputValue(ASK_QUESTION_INPUT);
    await show(i, await askReply(requestFor(bot, i).api, { jobId: asked.jobId, question }, chatLocaleOf(i.locale)));
    return;
  }
  const target = parseEditModalId(i.customId);
  if (!target) {
    await i.reply({ content: noticeText[chatLocaleOf(i.locale)].formGone, flags: MessageFlags.Ephemeral });
    return;
  }
  const privateMessage = i.message?.flags.has(MessageFlags.Ephemeral) ?? false;
  await deferJobReply(i, privateMessage);
  await editPicture(requestFor(bot, i), target, i.fields.getTextInputValue(EDIT_INSTRUCTION_INPUT));
}
