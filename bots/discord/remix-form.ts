import type { Message, MessageComponentInteraction } from "discord.js";
import { jobReplyText } from "../../shared/chat/locale/job-messages.js";
import { chatLocales } from "../../shared/chat/locale/languages.js";
import { imageEndpointName, imageModelEndpoints } from "../../shared/jobs/image-endpoints.js";
import { imageModels } from "../../shared/jobs/input.js";
import { type GenerationForm, formFromJob } from "../core/generation-form.js";
import { ANSWER_BUDGET_MS, Recent, within } from "./answer-in-time.js";
import { type DiscordBotContext, requestFor } from "./bot-context.js";

/** Forms read from the API, by guild, clicker and job: a second click opens the full form at once. */
const forms = new Recent<GenerationForm>(10 * 60_000, 500);

/** A title's subject is cut to 200 characters (shared/chat/job-reply.ts); such a prompt is not whole. */
const SUBJECT_MAX = 200;

/**
 * The generate form as the result message shows it, for when the API is too slow to ask within
 * Discord's 3 seconds: the prompt from the title, the size and model from the fields (named in
 * the requester's language), the count from the picture buttons. The seed stays blank, as a rerun
 * draws a new one; a LoRA is not on the message, so the form falls back to the model.
 */
export function formFromMessage(message: Pick<Message, "embeds" | "components">): Partial<GenerationForm> {
  const embed = message.embeds[0];
  const title = embed?.title ?? "";
  const subject = title.includes(": ") ? title.slice(title.indexOf(": ") + 2) : "";
  const prompt = subject.length >= SUBJECT_MAX && subject.endsWith("…") ? subject.slice(0, -1) : subject;
  const field = (names: string[]) => embed?.fields.find((f) => names.includes(f.name))?.value;
  const size = field(chatLocales.map((l) => jobReplyText[l].fields.size))?.replace("×", "x");
  const madeBy = field(chatLocales.map((l) => jobReplyText[l].fields.model));
  const model = imageModels.find((m) => imageEndpointName(imageModelEndpoints[m]) === madeBy);
  const pictures = message.components
    .flatMap((row) => (row as unknown as { components?: Array<{ customId?: string | null }> }).components ?? [])
    .map((c) => /^job:(?:upscale|vary|subtle|edit):[^:]+:([1-4])$/.exec(c.customId ?? "")?.[1])
    .filter((n): n is string => n !== undefined);
  const count = pictures.length ? String(Math.max(...pictures.map(Number))) : undefined;
  return { prompt, size, count, model };
}

/**
 * The form an Edit prompt & rerun click opens: the job's own, read from the API when it answers
 * within the time Discord leaves, else what the message shows (the read goes on, and the next
 * click has it). A refusal within the time (the job gone, not the clicker's to see) is thrown.
 */
export async function remixForm(i: MessageComponentInteraction, bot: DiscordBotContext, jobId: string): Promise<Partial<GenerationForm>> {
  const key = `${i.guildId}:${i.user.id}:${jobId}`;
  const known = forms.get(key);
  if (known) return known;
  const read = requestFor(bot, i)
    .api.jobs.get.query({ jobId })
    .then((job) => {
      const form = formFromJob(job);
      forms.set(key, form);
      return form;
    });
  const answer = await within(read, ANSWER_BUDGET_MS);
  if (answer) return answer.value;
  void read.catch((err: unknown) => bot.logger.info({ err, jobId }, "the remix form's late read failed"));
  return formFromMessage(i.message);
}
