import { ActionRowBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from "discord.js";
import { ZOOM_FACTOR_INPUT, ZOOM_PROMPT_INPUT, zoomModalId } from "../../shared/chat/job-buttons.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { pictureToolsText } from "../../shared/chat/locale/picture-tools.js";
import { limits } from "../../shared/jobs/input.js";

/** Custom Zoom's form: the factor (more than 1, at most 2; checked on submit) and an optional new prompt. */
export function zoomModal(jobId: string, image: number, locale: ChatLocale): ModalBuilder {
  const t = pictureToolsText[locale].zoom;
  const factor = new TextInputBuilder()
    .setCustomId(ZOOM_FACTOR_INPUT)
    .setLabel(t.factor)
    .setStyle(TextInputStyle.Short)
    .setPlaceholder(t.factorPlaceholder)
    .setRequired(true)
    .setMaxLength(6);
  const prompt = new TextInputBuilder()
    .setCustomId(ZOOM_PROMPT_INPUT)
    .setLabel(t.prompt)
    .setStyle(TextInputStyle.Paragraph)
    .setPlaceholder(t.promptPlaceholder)
    .setRequired(false)
    .setMaxLength(limits.promptLength);
  return new ModalBuilder()
    .setCustomId(zoomModalId(jobId, image))
    .setTitle(t.title(image))
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(factor),
      new ActionRowBuilder<TextInputBuilder>().addComponents(prompt),
    );
}
