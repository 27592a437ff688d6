import { EDIT_INSTRUCTION_INPUT, ZOOM_FACTOR_INPUT, ZOOM_PROMPT_INPUT, editModalId, zoomModalId } from "../../shared/chat/job-buttons.js";
import { formText } from "../../shared/chat/locale/forms.js";
import { type ChatLocale, chatLocaleOf } from "../../shared/chat/locale/languages.js";
import { pictureToolsText } from "../../shared/chat/locale/picture-tools.js";
import { limits } from "../../shared/jobs/input.js";
import { imageModelChoices, imageSizeChoices } from "../core/actions.js";
import type { GenerationForm } from "../core/generation-form.js";

/** Where a modal was opened (an Edit or Remix button, /generate), carried through it (private_metadata) to the submit. */
export interface ModalOrigin {
  channelId: string;
  threadTs?: string | undefined;
  responseUrl?: string | undefined;
  ephemeral: boolean;
  /** The language the modal was drawn in: its submit's mistakes are told in it too. */
  locale?: ChatLocale | undefined;
}

export function parseModalOrigin(metadata: string): ModalOrigin {
  try {
    const o = JSON.parse(metadata) as Partial<ModalOrigin>;
    return {
      channelId: String(o.channelId ?? ""),
      threadTs: o.threadTs,
      responseUrl: o.responseUrl,
      ephemeral: Boolean(o.ephemeral),
      locale: chatLocaleOf(o.locale),
    };
  } catch {
    return { channelId: "", ephemeral: false };
  }
}

/** The modal an Edit button opens: one input, the instruction Kontext gets as its prompt. */
export function editView(jobId: string, image: number, where: ModalOrigin) {
  const t = formText[where.locale ?? "en"];
  return {
    type: "modal" as const,
    callback_id: editModalId(jobId, image),
    private_metadata: JSON.stringify(where),
    title: { type: "plain_text" as const, text: t.editTitle(image) },
    submit: { type: "plain_text" as const, text: t.edit },
    close: { type: "plain_text" as const, text: t.cancel },
    blocks: [
      {
        type: "input" as const,
        block_id: EDIT_INSTRUCTION_INPUT,
        label: { type: "plain_text" as const, text: t.editQuestion },
        element: {
          type: "plain_text_input" as const,
          action_id: EDIT_INSTRUCTION_INPUT,
          multiline: true,
          max_length: limits.promptLength,
          placeholder: { type: "plain_text" as const, text: t.editPlaceholder },
        },
      },
    ],
  };
}

/**
 * The modal Custom Zoom opens: the factor as a number between 1 and 2 (Slack's client keeps it
 * there; the submit refuses 1 itself, as the zoom must grow the frame) and an optional new prompt.
 */
export function zoomView(jobId: string, image: number, where: ModalOrigin) {
  const t = pictureToolsText[where.locale ?? "en"].zoom;
  const f = formText[where.locale ?? "en"];
  const plain = (text: string) => ({ type: "plain_text" as const, text });
  return {
    type: "modal" as const,
    callback_id: zoomModalId(jobId, image),
    private_metadata: JSON.stringify(where),
    title: plain(t.title(image)),
    submit: plain(t.submit),
    close: plain(f.cancel),
    blocks: [
      {
        type: "input" as const,
        block_id: ZOOM_FACTOR_INPUT,
        label: plain(t.factor),
        element: {
          type: "number_input" as const,
          action_id: ZOOM_FACTOR_INPUT,
          is_decimal_allowed: true,
          min_value: String(limits.zoomFactor.above),
          max_value: String(limits.zoomFactor.max),
          placeholder: plain("1.5"),
        },
      },
      {
        type: "input" as const,
        block_id: ZOOM_PROMPT_INPUT,
        optional: true,
        label: plain(t.prompt),
        element: {
          type: "plain_text_input" as const,
          action_id: ZOOM_PROMPT_INPUT,
          multiline: true,
          max_length: limits.promptLength,
          placeholder: plain(t.promptPlaceholder),
        },
      },
    ],
  };
}

/** The generate form as a Slack modal: the prompt, a size preset or a custom size or ratio, count, seed, and the team's LoRAs with a strength. */
export function generateView(
  callbackId: string,
  form: Partial<GenerationForm>,
  where: ModalOrigin,
  loras: Array<{ name: string; value: string }>,
) {
  const t = formText[where.locale ?? "en"];
  const plain = (text: string) => ({ type: "plain_text" as const, text });
  const option = (text: string, value: string) => ({ text: plain(text), value });
  const sizes = imageSizeChoices(where.locale).map((c) => option(c.name, c.value));
  const preset = sizes.find((o) => o.value === form.size);
  const models = imageModelChoices(where.locale).map((c) => option(c.name, c.value));
  const model = models.find((o) => o.value === form.model);
  const counts = Array.from({ length: limits.imageCount.max }, (_, i) => option(String(i + 1), String(i + 1)));
  const count = counts.find((o) => o.value === form.count);
  const loraOptions = loras.slice(0, 100).map((l) => option(l.name.slice(0, 75), l.value));
  const lora = loraOptions.find((o) => o.value === form.lora);
  const input = (blockId: string, label: string, element: Record<string, unknown>, optional = true) => ({
    type: "input" as const,
    block_id: blockId,
    optional,
    label: plain(label),
    element: { action_id: blockId, ...element },
  });
  return {
    type: "modal" as const,
    callback_id: callbackId,
    private_metadata: JSON.stringify(where),
    title: plain(callbackId.startsWith("remix:") ? t.remixTitle : t.generateTitle),
    submit: plain(t.generate),
    close: plain(t.cancel),
    blocks: [
      // From a shortcut there is no conversation yet: the form asks where to post.
      ...(where.channelId
        ? []
        : [
            input("channel", t.postIn, {
              type: "conversations_select",
              response_url_enabled: true,
              filter: { include: ["public", "private"], exclude_bot_users: true },
            }),
          ]),
      input(
        "prompt",
        t.prompt,
        {
          type: "plain_text_input",
          multiline: true,
          max_length: limits.promptLength,
          ...(form.prompt ? { initial_value: form.prompt } : {}),
        },
        false,
      ),
      input("size", t.size, { type: "static_select", options: sizes, ...(preset ? { initial_option: preset } : {}) }),
      input("size_custom", t.sizeCustom, {
        type: "plain_text_input",
        placeholder: plain(t.sizeCustomPlaceholder),
        ...(form.size && !preset ? { initial_value: form.size } : {}),
      }),
      // Unpicked: the channel's default model, else the deployment's.
      input("model", t.model, {
        type: "static_select",
        placeholder: plain(t.defaultModel),
        options: models,
        ...(model ? { initial_option: model } : {}),
      }),
      input("count", t.howMany, { type: "static_select", options: counts, ...(count ? { initial_option: count } : {}) }),
      input("seed", t.seed, { type: "plain_text_input", ...(form.seed ? { initial_value: form.seed } : {}) }),
      ...(loraOptions.length
        ? [
            input("lora", t.lora, { type: "static_select", options: loraOptions, ...(lora ? { initial_option: lora } : {}) }),
            input("lora_strength", t.loraStrength(limits.loraScale.min, limits.loraScale.max), {
              type: "number_input",
              is_decimal_allowed: true,
              min_value: String(limits.loraScale.min),
              max_value: String(limits.loraScale.max),
              ...(form.loraScale ? { initial_value: form.loraScale } : {}),
            }),
          ]
        : []),
    ],
  };
}
