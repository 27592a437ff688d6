/** The languages chat messages are written in; a locale the bots get that is not one of them reads English. */
export const chatLocales = ["en", "de", "fr"] as const;
export type ChatLocale = (typeof chatLocales)[number];

/** One text in every language the bots write. */
export type Localized<T = string> = Record<ChatLocale, T>;

/** A platform's locale tag (Discord's `de`, `fr`, `en-US`; Slack's `de-DE`, `fr-FR`) as one of ours. */
export function chatLocaleOf(tag: string | null | undefined): ChatLocale {
  const language = (tag ?? "").toLowerCase().split(/[-_]/)[0];
  return (chatLocales as readonly string[]).includes(language ?? "") ? (language as ChatLocale) : "en";
}

/**
 * Discord's locale codes for the languages beside English: a registration payload's
 * `description_localizations` and `name_localizations` are keyed by them, and the default
 * (English) text is what every other client language shows.
 */
const discordLocaleCodes = { de: "de", fr: "fr" } as const satisfies Record<Exclude<ChatLocale, "en">, string>;
type DiscordLocaleCode = (typeof discordLocaleCodes)[keyof typeof discordLocaleCodes];

/** A text's translations as Discord's registration payload takes them. */
export function discordLocalizations(text: Localized): Record<DiscordLocaleCode, string> {
  return { [discordLocaleCodes.de]: text.de, [discordLocaleCodes.fr]: text.fr };
}

/** Discord's locale code for one of ours, to read a localization back from a payload; English is its default text. */
export function discordLocaleCode(locale: ChatLocale): DiscordLocaleCode | undefined {
  return locale === "en" ? undefined : discordLocaleCodes[locale];
}

/** "1 image", "2 images": English and German take the singular for one only. */
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** French takes the singular for zero and one. */
export const pluralFr = (n: number, one: string, many: string) => `${n} ${n <= 1 ? one : many}`;

/** A text made in every language from the tables of one. */
export function inEveryLocale<T = string>(make: (locale: ChatLocale) => T): Localized<T> {
  return { en: make("en"), de: make("de"), fr: make("fr") };
}
