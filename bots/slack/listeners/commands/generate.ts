import { imageModels, limits } from "../../../../shared/jobs/input.js";
import { imageModelNamed, loraChoices, startGeneration } from "../../../core/actions.js";
import { CommandInputError } from "../../../core/explain.js";
import { parseSize } from "../../../core/generation-form.js";
import { slackUsage } from "../../commands.js";
import { requestFor } from "../../context.js";
import { type ModalOrigin, generateView } from "../../modals.js";
import { parseCommandText, parseInteger, parseSeed } from "../../parse.js";
import { queued } from "../../reply.js";
import { slashCommand } from "./slash-command.js";

/** `/generate <prompt> [options]` makes the job; `/generate` alone opens the form. */
export const generate = slashCommand(
  "generate",
  async (cmd, team, ctx) => {
    const { words, values } = parseCommandText(
      cmd.text,
      {
        size: { type: "string" },
        count: { type: "string" },
        model: { type: "string" },
        seed: { type: "string" },
        lora: { type: "string" },
        private: { type: "boolean" },
      },
      slackUsage("generate", ctx.users.knownLocale(cmd.user_id)),
    );
    const model = values.model === undefined ? undefined : imageModelNamed(values.model);
    if (values.model !== undefined && !model) throw new CommandInputError((t) => t.optionChoice("model", imageModels.join(", ")));
    if (!words) {
      // No prompt: the form, with the team's LoRAs to pick from, a custom size or aspect ratio and a strength.
      const [loras, locale] = await Promise.all([
        loraChoices(requestFor(ctx, cmd).api, ""),
        ctx.users.localeSoon(team.client, cmd.user_id),
      ]);
      const where: ModalOrigin = { channelId: cmd.channel_id, responseUrl: cmd.response_url, ephemeral: values.private ?? false, locale };
      await team.client.views
        .open({ trigger_id: cmd.trigger_id, view: generateView(values.private ? "generate:private" : "generate", { model }, where, loras) })
        .catch((err: unknown) => {
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
  (text) => !text.trim(),
);
