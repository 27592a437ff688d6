import type { WebClient } from "@slack/web-api";
import { type ChatLocale, chatLocaleOf } from "../../shared/chat/locale/languages.js";

/** What the app knows of a Slack user: the language their jobs' messages are written in, and whether they administer the workspace. */
export interface SlackUser {
  locale: ChatLocale;
  admin: boolean;
}

const KEEP_MS = 600_000;
const MAX_USERS = 10_000;

/**
 * What Slack's users.info says of a user, kept for ten minutes: their language (include_locale),
 * which a job's messages are written in, and whether they administer the workspace. English
 * and no admin when Slack does not say.
 */
export class SlackUserCache {
  readonly #users = new Map<string, SlackUser & { until: number }>();

  async userOf(client: WebClient, userId: string): Promise<SlackUser> {
    const known = this.#users.get(userId);
    if (known && known.until > Date.now()) return known;
    const info = await client.users.info({ user: userId, include_locale: true }).catch(() => undefined);
    const user = {
      locale: chatLocaleOf(info?.user?.locale),
      admin: Boolean(info?.user?.is_admin || info?.user?.is_owner),
      until: Date.now() + KEEP_MS,
    };
    if (this.#users.size > MAX_USERS) this.#users.clear();
    this.#users.set(userId, user);
    return user;
  }

  /** The user's language as far as it is known now, without asking Slack: English until users.info has said. */
  knownLocale(userId: string): ChatLocale {
    return this.#users.get(userId)?.locale ?? "en";
  }

  /**
   * The user's language for a modal that must open within its trigger's 3 seconds: users.info
   * is asked, but the form does not wait for it past a second (English then).
   */
  localeSoon(client: WebClient, userId: string): Promise<ChatLocale> {
    return Promise.race([
      this.userOf(client, userId).then((u) => u.locale),
      new Promise<ChatLocale>((resolve) => setTimeout(() => resolve(this.knownLocale(userId)), 1_000).unref()),
    ]);
  }
}
