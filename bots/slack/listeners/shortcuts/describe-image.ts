import { CommandInputError } from "../../../core/explain.js";
import { isImageFile } from "../../../core/files.js";
import { prepareDescribe } from "../../../core/image-commands.js";
import { requestFor } from "../../context.js";
import { messageFileShortcut } from "./message-file.js";

/** "Describe this image" on a message: its first picture, described into the message's thread. */
export const describeImage = messageFileShortcut("describe_image", isImageFile, async (ctx, invocation, file) => {
  if (!file) throw new CommandInputError((t) => t.noImage);
  await prepareDescribe(ctx.files, { picture: { file: await file() }, private: false })(requestFor(ctx, invocation));
  return undefined;
});
