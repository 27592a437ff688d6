import type { DiscordFake } from "../fakes/discord/index.js";
import type { SlackFake } from "../fakes/slack/index.js";

/** What the sandbox page works over: the local Discord and Slack, and the app it is mounted in. */
export interface SandboxDeps {
  discord: DiscordFake;
  slack: SlackFake;
  /** A request to the app itself, in-process: the pictures behind its /d/… links. */
  appFetch(path: string): Promise<Response>;
}
