import type { Api } from "../api-client.js";
import { loraChoices } from "../core/actions.js";
import { myJobsReply, usageReply } from "../core/views.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { galleryText } from "../../shared/chat/locale/gallery.js";
import { listingText } from "../../shared/chat/locale/listings.js";
import { cutEscaped, escapeMrkdwn, mrkdwnWithin, toSlackMessage } from "../../shared/chat/slack-message.js";

/** The App Home tab's button that opens the generate form, asking for a conversation to post in. */
export const HOME_GENERATE = "home:generate";
/** The App Home tab's button that sends the user a fresh sign-in link to the web gallery by DM. */
export const HOME_GALLERY = "home:gallery";

/**
 * The App Home tab, in the user's language: a button for the generate form and one for a gallery sign-in link, the user's recent
 * jobs (running ones with Cancel), their and the team's usage this month, and the team's
 * finished LoRAs; built from the same replies /jobs and /usage give, read afresh each time the tab opens.
 */
export async function homeView(api: Api, userId: string, locale: ChatLocale = "en") {
  const t = listingText[locale].home;
  const [jobs, usage, loras, pictures] = await Promise.all([
    myJobsReply(api, userId, locale),
    usageReply(api, locale),
    loraChoices(api, ""),
    api.jobs.list.query({ userId, type: "image-generation", status: "completed", limit: 5 }),
  ]);
  // Thumbnails from the pictures the result uploaded to Slack: Slack shows a Slack file from its
  // own storage, where an image_url of ours would need a public address Slack can fetch.
  const pictureBlocks = pictures.items.flatMap((job) => {
    const file = job.delivery?.slackFileIds?.[0];
    if (!file) return [];
    const prompt = typeof job.input.prompt === "string" ? job.input.prompt : (job.parent?.prompt ?? "");
    return [
      {
        type: "section",
        // The prompt is the user's own text: escaped, so it cannot turn into a link or a mention in the tab.
        text: {
          type: "mrkdwn",
          text: `${mrkdwnWithin(prompt, 200)}\n_${job.createdAt.slice(0, 16).replace("T", " ")} UTC · ${job.jobId}_`,
        },
        accessory: { type: "image", slack_file: { id: file }, alt_text: prompt.slice(0, 2000) || "picture" },
      },
    ];
  });
  /** A section of mrkdwn already escaped where it holds user text. */
  const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text: cutEscaped(text, 3000) } });
  const jobBlocks = toSlackMessage(jobs).blocks;
  const usageBlocks = toSlackMessage(usage).blocks;
  return {
    type: "home" as const,
    blocks: [
      { type: "header", text: { type: "plain_text", text: t.header } },
      {
        type: "actions",
        elements: [
          { type: "button", action_id: HOME_GENERATE, style: "primary", text: { type: "plain_text", text: t.generate } },
          { type: "button", action_id: HOME_GALLERY, text: { type: "plain_text", text: galleryText[locale].open } },
        ],
      },
      { type: "divider" },
      ...jobBlocks,
      ...(pictureBlocks.length ? [{ type: "divider" }, section(`*${t.pictures}*`), ...pictureBlocks] : []),
      { type: "divider" },
      ...usageBlocks,
      { type: "divider" },
      section(loras.length ? `*${t.loras}*\n${loras.map((l) => `• ${escapeMrkdwn(l.name)}`).join("\n")}` : `*${t.loras}*\n${t.noLoras}`),
    ].slice(0, 100) as Array<{ type: string; [field: string]: unknown }>,
  };
}
