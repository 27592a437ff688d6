import type { AutocompleteInteraction } from "discord.js";
import { truncate } from "../../shared/chat/reply.js";
import { loraChoices } from "../core/actions.js";
import { ANSWER_BUDGET_MS, Recent, within } from "./answer-in-time.js";
import { type DiscordBotContext, requestFor } from "./bot-context.js";

type Choice = { name: string; value: string };

/** Discord takes at most 25 choices, each named in 1-100 characters (Application Commands: option choice). */
const CHOICES_MAX = 25;
const NAME_MAX = 100;

/** The LoRAs each member of a guild was offered, by value: what autocomplete shows while the API is slow. */
const offered = new Recent<Map<string, Choice>>(10 * 60_000, 1_000);
/** Reads under way, by member and what they typed: a member typing on does not start the same read again. */
const reading = new Map<string, Promise<Choice[]>>();

const triggerOf = (c: Choice) => c.name.replace(/ \(v\d+\)$/, "").toLowerCase();

/**
 * The LoRA choices for what the member typed, within Discord's 3 seconds: the API's answer when it
 * comes in time, else the LoRAs this member was offered before that match (none the first time),
 * while the read goes on to be offered next time.
 */
export async function loraChoicesInTime(i: AutocompleteInteraction, bot: DiscordBotContext): Promise<Choice[]> {
  const member = `${i.guildId}:${i.user.id}`;
  const typed = i.options.getFocused();
  const key = `${member}:${typed}`;
  let read = reading.get(key);
  if (!read) {
    read = loraChoices(requestFor(bot, i).api, typed).then((choices) => {
      const known = offered.get(member) ?? new Map<string, Choice>();
      for (const c of choices) known.set(c.value, c);
      offered.set(member, known);
      return choices;
    });
    const started = read;
    reading.set(key, started);
    void started
      .catch((err: unknown) => bot.logger.info({ err }, "the LoRA choices could not be read"))
      .finally(() => {
        if (reading.get(key) === started) reading.delete(key);
      });
  }
  const answer = await within(read, ANSWER_BUDGET_MS);
  const needle = typed.trim().toLowerCase();
  const choices = answer
    ? answer.value
    : [...(offered.get(member)?.values() ?? [])].filter((c) => !needle || triggerOf(c).includes(needle));
  return choices.slice(0, CHOICES_MAX).map((c) => ({ name: truncate(c.name, NAME_MAX), value: c.value }));
}
