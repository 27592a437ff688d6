import type { App } from "@slack/bolt";
import type { SlackContext } from "../../context.js";
import { appHomeOpened } from "./app-home-opened.js";
import { appUninstalled } from "./app-uninstalled.js";
import { tokensRevoked } from "./tokens-revoked.js";

export function register(app: App, ctx: SlackContext): void {
  app.event("app_home_opened", (args) => appHomeOpened(args, ctx));
  // Slack sends these whatever the app's state in the team; Bolt runs them without authorizing.
  app.event("app_uninstalled", (args) => appUninstalled(args, ctx));
  app.event("tokens_revoked", (args) => tokensRevoked(args, ctx));
}
