import { chatVideoDurations, chatVideoModels } from "../../../../shared/chat/video-choices.js";
import { type VideoModel, type VideoMotion, videoMotions } from "../../../../shared/jobs/video-endpoints.js";
import { CommandInputError } from "../../../core/explain.js";
import type { PlatformFile } from "../../../core/files.js";
import { checkVideo, prepareVideo } from "../../../core/video-command.js";
import { slackUsage } from "../../commands.js";
import { requestFor } from "../../context.js";
import { slackFile } from "../../files.js";
import { parseCommandText, slackFileId, unwrapLink, withoutLinkLabels } from "../../parse.js";
import { queued } from "../../reply.js";
import { slashCommand } from "./slash-command.js";

const options = {
  duration: { type: "string" },
  aspect: { type: "string" },
  model: { type: "string" },
  motion: { type: "string" },
  image: { type: "string" },
  private: { type: "boolean" },
} as const;

/** A prompt typed in quotes, as `/video "a paper boat" --duration 10`, without them. */
const unquoted = (words: string) => /^["“](.*)["”]$/s.exec(words)?.[1]?.trim() ?? words;

/** A flag's value, refused unless it is one of `allowed`. */
const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined => {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CommandInputError((t) => t.optionChoice(flag, allowed.join(", ")));
  return value as T;
};

/**
 * `/video <prompt> [--duration] [--aspect] [--model] [--motion] [--image <Slack file link>] [--private]`.
 * A slash command carries no file: a picture to animate is one shared in Slack, named by its link
 * (the API animates uploads only, so a link elsewhere is refused, as is a file the app cannot
 * read). The options are checked as the API would before the file is looked up.
 */
export const video = slashCommand("video", async (cmd, team, ctx) => {
  const usage = slackUsage("video", cmd.locale ?? "en");
  const { words, values } = parseCommandText(withoutLinkLabels(cmd.text), options, usage);
  const prompt = unquoted(words);
  // A picture animates without a prompt (the API asks for it to come to life); a clip from nothing needs one.
  if (!prompt && values.image === undefined) throw new CommandInputError((t) => t.prompt);
  const asked = {
    prompt,
    // One of the lengths some model makes; whether the chosen model makes it is the API's check to say.
    duration: values.duration === undefined ? undefined : Number(oneOf(values.duration, chatVideoDurations.map(String), "duration")),
    aspectRatio: values.aspect,
    model: oneOf<VideoModel>(values.model, chatVideoModels, "model"),
    motion: oneOf<VideoMotion>(values.motion, videoMotions, "motion"),
    private: values.private ?? false,
  };
  checkVideo({ ...asked, animate: values.image !== undefined });
  let picture: PlatformFile | undefined;
  if (values.image !== undefined) {
    const link = unwrapLink(values.image);
    if (!slackFileId(link)) throw new CommandInputError((t) => t.referenceNotSlackFile("image"));
    // Slack answers file_not_found for another workspace's file as for one the app was never shown: either way, share it here.
    picture = await slackFile(team.client, link, team.botToken).catch((err: unknown) => {
      throw err instanceof CommandInputError ? new CommandInputError((t) => t.imageSlackFileUnreadable("image")) : err;
    });
  }
  const started = await prepareVideo(ctx.files, { ...asked, picture })(requestFor(ctx, cmd));
  return queued(started.jobId, asked.private, cmd.locale);
});
