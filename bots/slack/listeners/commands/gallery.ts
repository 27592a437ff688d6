import { galleryLinkReply } from "../../../core/gallery.js";
import { requestFor } from "../../context.js";
import { slashCommand } from "./slash-command.js";

/** `/gallery`: answered through the response_url as ephemeral, like every command's reply: the link signs in whoever opens it. */
export const gallery = slashCommand("gallery", async (cmd, _team, ctx) => galleryLinkReply(requestFor(ctx, cmd).api, cmd.locale));
