import type { App } from "@slack/bolt";
import { GALLERY_LINK_BUTTON } from "../../../core/gallery.js";
import type { SlackContext } from "../../context.js";
import { HOME_GALLERY, HOME_GENERATE } from "../../home.js";
import { galleryLinkClicked } from "./gallery-link.js";
import { homeGallery } from "./home-gallery.js";
import { homeGenerate } from "./home-generate.js";
import { messageButton } from "./message-button.js";

export function register(app: App, ctx: SlackContext): void {
  app.action(GALLERY_LINK_BUTTON, (args) => galleryLinkClicked(args, ctx));
  // A video result's Download opens its link; Slack's click only needs its ack.
  app.action(/^download:/, (args) => galleryLinkClicked(args, ctx));
  app.action(/^(job|page|pictures|translate|items):/, (args) => messageButton(args, ctx));
  app.action(HOME_GENERATE, (args) => homeGenerate(args, ctx));
  app.action(HOME_GALLERY, (args) => homeGallery(args, ctx));
}
