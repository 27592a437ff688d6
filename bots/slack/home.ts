import type { Api } from "../api-client.js";
import { loraChoices } from "../core/actions.js";
import { myJobsReply, usageReply } from "../core/views.js";
import { toSlackMessage } from "../../shared/chat/slack-message.js";

/** The App Home tab's button that opens the generate form, asking for a conversation to post in. */
export const HOME_GENERATE = "home:generate";

/**
 * The App Home tab: a button for the generate form, the user's recent jobs (running ones with
 * Cancel), their and the team's usage this month, and the team's finished LoRAs; built from the
 * same replies /jobs and /usage give, read afresh each time the tab opens.
 */
export async function homeView(api: Api, userId: string) {
  const [jobs, usage, loras] = await Promise.all([myJobsReply(api, userId), usageReply(api), loraChoices(api, "")]);
  const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text: text.slice(0, 3000) } });
  const jobBlocks = toSlackMessage(jobs).blocks;
  const usageBlocks = toSlackMessage(usage).blocks;
  return {
    type: "home" as const,
    blocks: [
      { type: "header", text: { type: "plain_text", text: "Content generation" } },
      { type: "actions", elements: [{ type: "button", action_id: HOME_GENERATE, style: "primary", text: { type: "plain_text", text: "Generate images" } }] },
      { type: "divider" },
      ...jobBlocks,
      { type: "divider" },
      ...usageBlocks,
      { type: "divider" },
      section(loras.length ? `*The team's LoRAs*\n${loras.map((l) => `• ${l.name}`).join("\n")}` : "*The team's LoRAs*\nNone yet: train one with /train."),
    ].slice(0, 100) as Array<{ type: string; [field: string]: unknown }>,
  };
}
