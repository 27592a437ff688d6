import { type AssetType, assetsReply } from "../../../core/views.js";
import { requestFor } from "../../context.js";
import { slashCommand } from "./slash-command.js";

const assetTypes: readonly string[] = ["images", "videos", "transcripts", "loras"] satisfies AssetType[];

/** `/assets [images|videos|transcripts|loras] [search]`: the workspace's shared files. */
export const assets = slashCommand("assets", async (cmd, _team, ctx) => {
  const [first, ...rest] = cmd.text.trim().split(/\s+/).filter(Boolean);
  const type = first !== undefined && assetTypes.includes(first) ? (first as AssetType) : undefined;
  const search = (type ? rest : [first, ...rest]).filter(Boolean).join(" ");
  return assetsReply(requestFor(ctx, cmd).api, { type, search: search || undefined }, cmd.locale);
});
