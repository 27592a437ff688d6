import type { WebClient } from "@slack/web-api";
import { loraChoices } from "../core/actions.js";
import { type Invocation, type SlackContext, requestFor } from "./context.js";
import { FORM_READ_MS, openWithin } from "./form-window.js";
import { generateView } from "./modals.js";

/** The generate form opened where there is no conversation (App Home, a global shortcut): it asks for one to post in; none picked, the result comes by DM. */
export async function openFormAnywhere(ctx: SlackContext, client: WebClient, invocation: Invocation): Promise<void> {
  // Within the trigger's 3 seconds: LoRAs that come late are added to the open form.
  const deadline = Date.now() + FORM_READ_MS;
  const loras = loraChoices(requestFor(ctx, invocation).api, "").catch(() => []);
  const locale = await ctx.users.localeSoon(client, invocation.user_id);
  const where = { channelId: "", ephemeral: false, locale };
  await openWithin(
    client,
    invocation.trigger_id,
    loras,
    (found) => generateView("generate", {}, where, found ?? []),
    ctx.logger,
    deadline,
  ).catch((err: unknown) => ctx.logger.warn({ err }, "could not open the generate form"));
}
