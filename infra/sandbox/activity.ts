import type { Platform } from "./world.js";

/**
 * What the teammates did in the sandbox, in order: the commands they typed and the buttons they
 * clicked, with what each platform handed back to follow the bot's answers (a Discord
 * interaction token; a Slack response URL and the app's immediate answer).
 */
export interface Act {
  platform: Platform;
  channel: string;
  /** The teammate's key. */
  who: string;
  /** What the page shows of it: the command typed, or the button's label. */
  text: string;
  at: number;
  discordToken?: string;
  slackResponseId?: string;
  /** Slack: the app's answer to the request itself, shown to the member alone. */
  slackAnswer?: Record<string, unknown>;
}

export class Activity {
  readonly acts: Act[] = [];
  /** When the page first saw each message, for platforms whose ids do not order them to the millisecond. */
  readonly #firstSeen = new Map<string, number>();

  add(act: Omit<Act, "at">): Act {
    const full = { ...act, at: Date.now() };
    this.acts.push(full);
    return full;
  }

  in(platform: Platform, channel: string): Act[] {
    return this.acts.filter((a) => a.platform === platform && a.channel === channel);
  }

  of(platform: Platform): Act[] {
    return this.acts.filter((a) => a.platform === platform);
  }

  firstSeen(key: string): number {
    const known = this.#firstSeen.get(key);
    if (known !== undefined) return known;
    const now = Date.now();
    this.#firstSeen.set(key, now);
    return now;
  }
}
