import type { App } from "@slack/bolt";
import type { SlackContext } from "../context.js";
import * as actions from "./actions/index.js";
import * as commands from "./commands/index.js";
import * as events from "./events/index.js";
import * as shortcuts from "./shortcuts/index.js";
import * as views from "./views/index.js";

/** Every listener of the app: slash commands, buttons, modal submits, shortcuts and events. */
export function registerListeners(app: App, ctx: SlackContext): void {
  commands.register(app, ctx);
  actions.register(app, ctx);
  views.register(app, ctx);
  shortcuts.register(app, ctx);
  events.register(app, ctx);
}
