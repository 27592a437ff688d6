/** Who runs a chat command: the platform, the guild or team, and the user there. */
export interface ChatActor {
  platform: "discord" | "slack";
  /** Guild id or team id. */
  workspaceExternalId: string;
  workspaceName?: string | undefined;
  /** The user's id on the platform. */
  externalUserId: string;
  displayName?: string | undefined;
  /** The platform says this user administers the guild or team: they may change its /settings. */
  admin?: boolean | undefined;
}

/** A chat platform's id as our user id: `discord-<snowflake>`, `slack-<U…>`. */
export function platformUserId(platform: "discord" | "slack", externalUserId: string): string {
  return `${platform}-${externalUserId}`;
}
