import { ActionRowBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from "discord.js";
import { ASK_QUESTION_INPUT, askModalId, askQuestionLength } from "../../shared/chat/job-buttons.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { meetingButtonsText } from "../../shared/chat/locale/meeting-buttons.js";

/** A transcript's Ask: one question, as long as jobs.ask takes it. */
export function askModal(jobId: string, locale: ChatLocale): ModalBuilder {
  const t = meetingButtonsText[locale].ask;
  const question = new TextInputBuilder()
    .setCustomId(ASK_QUESTION_INPUT)
    .setLabel(t.question)
    .setStyle(TextInputStyle.Paragraph)
    .setPlaceholder(t.placeholder)
    .setRequired(true)
    .setMinLength(askQuestionLength.min)
    .setMaxLength(askQuestionLength.max);
  return new ModalBuilder()
    .setCustomId(askModalId(jobId))
    .setTitle(t.title)
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(question));
}
