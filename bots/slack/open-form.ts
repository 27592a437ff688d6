import type { WebClient } from "@slack/web-api";
import { loraChoices } from "../core/actions.js";
import { type Invocation, type SlackContext, requestFor } from "./context.js";
import { generateView } from "./modals.js";

/** The generate form opened where there is no conversation (App Home, a global shortcut): it asks for one to post in; none picked, the result comes by DM. */
export async function openFormAnywhere(ctx: SlackContext, client: WebClient, invocation: Invocation): Promise<void> {
  const [loras, locale] = await Promise.all([
    loraChoices(requestFor(ctx, invocation).api, "").catch(() => []),
    ctx.users.localeSoon(client, invocation.user_id),
  ]);
  await client.views
    .open({ trigger_id: invocation.trigger_id, view: generateView("generate", {}, { channelId: "", ephemeral: false, locale }, loras) })
    .catch((err: unknown) => ctx.logger.warn({ err }, "could not open the generate form"));
}
