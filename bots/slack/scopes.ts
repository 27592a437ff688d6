/**
 * The bot scopes an install asks for: what the code's Web API calls need (the manifest lists the
 * same; `slack-manifest.test.ts` keeps the two and the calls in step).
 */
export const SLACK_BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "files:read",
  "files:write",
  "im:write",
  "users:read",
] as const;
