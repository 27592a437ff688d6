import { imageModels, limits } from "../../../../shared/jobs/input.js";
import { imageModelNamed, loraChoices, startGeneration } from "../../../core/actions.js";
import { CommandInputError } from "../../../core/explain.js";
import { type ChatReference, prepareReferenceGeneration, referenceOptions } from "../../../core/image-commands.js";
import { parseSize } from "../../../core/generation-form.js";
import { slackUsage } from "../../commands.js";
import { requestFor } from "../../context.js";
import { type ModalOrigin, generateView } from "../../modals.js";
import { parseCommandText, parseInteger, parseNumber, parseSeed, withoutLinkLabels } from "../../parse.js";
import { pictureOfLink } from "../../pictures.js";
import { FORM_READ_MS, openWithin } from "../../form-window.js";
import { queued } from "../../reply.js";
import { slashCommand } from "./slash-command.js";

const options = {
  size: { type: "string" },
  count: { type: "string" },
  model: { type: "string" },
  seed: { type: "string" },
  lora: { type: "string" },
  private: { type: "boolean" },
  style: { type: "string" },
  subject: { type: "string" },
  composition: { type: "string" },
  weight: { type: "string" },
} as const;

/** Whether the text names a reference picture: its links are read without their labels, and it needs a prompt, not the form. */
const namesReferences = (text: string) => /(^|\s)--(style|subject|composition)(=|\s)/.test(text);

/** The prompt of a `/generate`'s text, its flags left out; a text that does not parse counts as one (its refusal comes after users.info). */
function promptOf(text: string): string {
  try {
    return parseCommandText(text, options, "").words;
  } catch {
    return text;
  }
}

/** `/generate <prompt> [options]` makes the job; `/generate` alone, or with flags only, opens the form. */
export const generate = slashCommand(
  "generate",
  async (cmd, team, ctx) => {
    const text = namesReferences(cmd.text) ? withoutLinkLabels(cmd.text) : cmd.text;
    const { words, values } = parseCommandText(text, options, slackUsage("generate", ctx.users.knownLocale(cmd.user_id)));
    const model = values.model === undefined ? undefined : imageModelNamed(values.model);
    if (values.model !== undefined && !model) throw new CommandInputError((t) => t.optionChoice("model", imageModels.join(", ")));
    const referenced = referenceOptions.filter((role) => values[role] !== undefined);
    if (!words && referenced.length) throw new CommandInputError((t) => t.prompt);
    if (referenced.length) {
      const weight = parseNumber(values.weight, "weight", limits.referenceWeight.min, limits.referenceWeight.max);
      const count = parseInteger(values.count, "count", limits.imageCount.min, limits.imageCount.max);
      const seed = parseSeed(values.seed);
      const references: ChatReference[] = [];
      for (const role of referenced) {
        const picture = await pictureOfLink(team.client, values[role] ?? "", team.botToken);
        if (!("file" in picture)) throw new CommandInputError((t) => t.referenceNotSlackFile(role));
        references.push({ file: picture.file, role });
      }
      const start = prepareReferenceGeneration(ctx.files, {
        prompt: words,
        references,
        weight,
        size: values.size,
        count,
        seed,
        model,
        lora: values.lora,
        private: values.private ?? false,
      });
      const started = await start(requestFor(ctx, cmd));
      return queued(started.jobId, values.private ?? false, cmd.locale);
    }
    if (values.weight !== undefined) throw new CommandInputError((t) => t.weightWithoutReference("--weight"));
    if (!words) {
      // No prompt: the form, with the team's LoRAs to pick from, a custom size or aspect ratio and a strength.
      // Within the trigger's 3 seconds whatever the API and users.info cost: LoRAs that come late are added to the open form.
      const deadline = Date.now() + FORM_READ_MS;
      // The API's refusal, if any, comes with the submit: the form opens without LoRAs.
      const loras = loraChoices(requestFor(ctx, cmd).api, "").catch(() => []);
      const locale = await ctx.users.localeSoon(team.client, cmd.user_id);
      const where: ModalOrigin = { channelId: cmd.channel_id, responseUrl: cmd.response_url, ephemeral: values.private ?? false, locale };
      const callbackId = values.private ? "generate:private" : "generate";
      await openWithin(
        team.client,
        cmd.trigger_id,
        loras,
        (found) => generateView(callbackId, { model }, where, found ?? []),
        ctx.logger,
        deadline,
      ).catch((err: unknown) => {
        ctx.logger.warn({ err }, "could not open the generate form");
        throw new CommandInputError((t) => t.formNotOpened(slackUsage("generate", locale)));
      });
      return undefined;
    }
    const started = await startGeneration(requestFor(ctx, cmd), {
      prompt: words,
      size: values.size ? parseSize(values.size) : undefined,
      count: parseInteger(values.count, "count", limits.imageCount.min, limits.imageCount.max),
      seed: parseSeed(values.seed),
      model,
      lora: values.lora,
      private: values.private ?? false,
    });
    return queued(started.jobId, values.private ?? false, cmd.locale);
  },
  // Opening the form (no prompt, whatever the flags) has the trigger's 3 seconds: no waiting for users.info first.
  (text) => !promptOf(text) && !namesReferences(text),
);
