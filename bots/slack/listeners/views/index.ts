import type { App } from "@slack/bolt";
import type { SlackContext } from "../../context.js";
import { askSubmit } from "./ask-submit.js";
import { editSubmit } from "./edit-submit.js";
import { itemSubmit } from "./item-submit.js";
import { generateSubmit } from "./generate-submit.js";
import { zoomSubmit } from "./zoom-submit.js";

export function register(app: App, ctx: SlackContext): void {
  app.view(/^(generate|remix:)/, (args) => generateSubmit(args, ctx));
  app.view(/^edit:/, (args) => editSubmit(args, ctx));
  app.view(/^zoom:/, (args) => zoomSubmit(args, ctx));
  app.view(/^ask:/, (args) => askSubmit(args, ctx));
  app.view(/^item:/, (args) => itemSubmit(args, ctx));
}
