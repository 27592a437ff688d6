import { galleryText } from "../../shared/chat/locale/gallery.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import type { ChatReply } from "../../shared/chat/reply.js";
import type { Api } from "../api-client.js";

/** The id of the gallery's link button: Slack still sends its click, which is only acked. */
export const GALLERY_LINK_BUTTON = "gallery:open";

/**
 * `/gallery`: a fresh one-time sign-in link for the asker, as a link button. Only the asker may
 * see it: whoever opens it first is signed in as them, so every caller answers ephemerally (or
 * by DM).
 */
export async function galleryLinkReply(api: Api, locale: ChatLocale = "en"): Promise<ChatReply> {
  const t = galleryText[locale];
  const link = await api.gallery.signInLink.mutate();
  return {
    title: t.title,
    tone: "info",
    lines: [t.once],
    buttons: [{ id: GALLERY_LINK_BUTTON, label: t.open, url: link.url, style: "primary" }],
  };
}
