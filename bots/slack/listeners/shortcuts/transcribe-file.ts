import { noticeText } from "../../../../shared/chat/locale/notices.js";
import { notice } from "../../../../shared/chat/reply.js";
import { startTranscription } from "../../../core/actions.js";
import { isMediaFile } from "../../../core/files.js";
import { requestFor } from "../../context.js";
import { messageFileShortcut } from "./message-file.js";

/** "Transcribe this file" on a message: its first recording, transcribed into the message's thread. */
export const transcribeFile = messageFileShortcut("transcribe_file", isMediaFile, async (ctx, invocation, file) => {
  const said = noticeText[invocation.locale ?? "en"];
  if (!file) return notice(said.nothingToTranscribe, said.noRecordingHere);
  await startTranscription(requestFor(ctx, invocation), { file: await file(), private: false });
  return undefined;
});
