import { App, type Authorize, type RespondFn, type SlackViewAction, type SlashCommand } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { SlackTokens } from "../../shared/chat/slack-access.js";
import { postToResponseUrl } from "../../shared/chat/response-url.js";
import { type ChatLocale, chatLocaleOf } from "../../shared/chat/locale/languages.js";
import { noticeText } from "../../shared/chat/locale/notices.js";
import { inputText } from "../../shared/chat/locale/refusals.js";
import type { DeliveryRequest } from "../../shared/chat/delivery.js";
import { EDIT_INSTRUCTION_INPUT, parseEditModalId, parseGenerateModalId, parseJobButton } from "../../shared/chat/job-reply.js";
import { type ChatReply, notice } from "../../shared/chat/reply.js";
import { toSlackMessage } from "../../shared/chat/slack-message.js";
import { type ChatActor, platformUserId } from "../../shared/chat/actor.js";
import { imageModels, imageSizes, limits } from "../../shared/jobs/input.js";
import { settingsReply } from "../core/settings-view.js";
import type { Logger } from "../../shared/logger.js";
import { type ApiConnection, apiFor, chatRequestId } from "../api-client.js";
import {
  type ChatRequest,
  editPicture,
  imageModelNamed,
  loraChoices,
  pressJobButton,
  startGeneration,
  startTraining,
  startTranscription,
} from "../core/actions.js";
import { FormFieldError, type GenerationForm, formFromJob, parseSize, readForm, startFromForm } from "../core/generation-form.js";
import { CommandInputError, explain } from "../core/explain.js";
import type { FileRules } from "../core/files.js";
import { type AssetType, assetsReply, myJobsReply, parseAssetsPageButton, usageReply } from "../core/views.js";
import { helpReply } from "../core/help.js";
import { GALLERY_LINK_BUTTON, galleryLinkReply } from "../core/gallery.js";
import { slackHelp, slackUsage } from "./commands.js";
import { HOME_GALLERY, HOME_GENERATE, homeView } from "./home.js";
import { type ModalOrigin, editView, generateView, parseModalOrigin } from "./modals.js";
import { slackFile, slackFileById } from "./files.js";
import { isMediaFile } from "../core/files.js";
import { parseCommandText, parseInteger, parseSeed, unwrapLink } from "./parse.js";
import { FetchReceiver } from "./fetch-receiver.js";

export interface SlackAppOptions {
  /** The bot token of the team a request comes from: SLACK_BOT_TOKEN, or the team's install. */
  tokens: SlackTokens;
  signingSecret: string;
  /** Slack's Web API base (a local fake in tests). */
  slackApiUrl: string;
  api: ApiConnection;
  files: FileRules;
  logger: Logger;
  /** An app-level token: connect over Socket Mode instead of receiving HTTP requests. */
  appToken?: string | undefined;
  /** Slack says the app left a team (app_uninstalled, or its bot token revoked): its token is forgotten. */
  onUninstalled?: (teamId: string, at: Date) => Promise<void>;
}

/** Bolt's authorize for many teams: the token of the team the request comes from, or a refusal Bolt logs and acks. */
function authorizeFrom(tokens: SlackTokens): Authorize<boolean> {
  return async (source) => {
    const teamId = source.teamId ?? "";
    const access = await tokens.forTeam(teamId);
    if (!access.ok) throw new Error(`Slack team ${teamId}: ${access.reason}`);
    return { botToken: access.botToken, botId: access.botId, botUserId: access.botUserId, teamId };
  };
}

interface Invocation {
  /** The user's language, from Slack's users.info; unset: English. */
  locale?: ChatLocale | undefined;
  /** Slack says the user is a workspace admin or owner (users.info): the API lets them change /settings and train where only admins may. */
  admin?: boolean | undefined;
  team_id: string;
  team_domain?: string | undefined;
  user_id: string;
  user_name?: string | undefined;
  channel_id: string;
  trigger_id: string;
  response_url: string;
  /** A button's message (or its thread's parent): the thread a job it starts reports into. */
  thread_ts?: string | undefined;
}

/** Who clicked or submitted, as an invocation's team and user: the team of the body, else the user's own. */
function actor(body: { team: { id: string; domain?: string } | null; user: { id: string; name?: string; team_id?: string } }) {
  return {
    team_id: body.team?.id ?? body.user.team_id ?? "",
    team_domain: body.team?.domain,
    user_id: body.user.id,
    user_name: body.user.name,
  };
}

/** A modal's submit as the invocation its job comes from: where the modal was opened, and the submit's own trigger. */
function submitInvocation(body: SlackViewAction, viewId: string, where: ModalOrigin): Invocation {
  return {
    ...actor(body),
    channel_id: where.channelId,
    // A resent submit carries the same trigger: one job.
    trigger_id: `${(body as { trigger_id?: string }).trigger_id ?? viewId}`,
    response_url: where.responseUrl ?? "",
    thread_ts: where.threadTs,
  };
}

/** When Slack says an event happened: its event_time is in whole seconds, so up to the end of that second. */
const eventTime = (seconds: number) => new Date((seconds + 1) * 1000);

function ephemeral(reply: ChatReply) {
  return { response_type: "ephemeral" as const, replace_original: false, ...toSlackMessage(reply) };
}

/**
 * The Slack app: slash commands and buttons, each acked first (Slack waits 3 s), then the API
 * called with the bot's key for the Slack user. Shared jobs appear in the channel through the
 * deliver queue; private ones, refusals and listings only to the user.
 */
export function createSlackApp(opts: SlackAppOptions) {
  const receiver = opts.appToken ? undefined : new FetchReceiver(opts.signingSecret, opts.logger);
  const app = new App({
    authorize: authorizeFrom(opts.tokens),
    ...(receiver ? { receiver } : { socketMode: true, appToken: opts.appToken, signingSecret: opts.signingSecret }),
    clientOptions: { slackApiUrl: opts.slackApiUrl, timeout: 10_000 },
    logLevel: undefined,
  });

  const requestFor = (v: Invocation): ChatRequest => {
    const actor: ChatActor = {
      platform: "slack",
      workspaceExternalId: v.team_id,
      workspaceName: v.team_domain,
      externalUserId: v.user_id,
      displayName: v.user_name,
      admin: v.admin ?? false,
    };
    // A form opened from a shortcut has no response URL; its result goes by DM.
    const delivery: DeliveryRequest = {
      channelId: v.channel_id,
      ...(v.response_url ? { responseUrl: v.response_url } : {}),
      ...(v.thread_ts ? { threadTs: v.thread_ts } : {}),
      ...(v.locale && v.locale !== "en" ? { locale: v.locale } : {}),
    };
    return {
      api: apiFor(opts.api, actor, chatRequestId("slack", v.trigger_id)),
      actor,
      invocationId: `slack:${v.trigger_id}`,
      delivery,
      files: opts.files,
    };
  };

  /** Runs a command's or a click's work and answers the user alone: its reply, or why it was refused, in `userId`'s language. */
  const run = async (respond: RespondFn, what: string, userId: string, work: () => Promise<ChatReply | undefined>, requestId?: string) => {
    try {
      const reply = await work();
      if (reply) await respond(ephemeral(reply));
    } catch (err) {
      opts.logger.info({ requestId, what, reason: err instanceof Error ? err.message : String(err) }, "slack command refused");
      await respond(ephemeral(explain(err, knownLocale(userId)))).catch((e: unknown) =>
        opts.logger.warn({ err: e }, "could not answer on Slack"),
      );
    }
  };

  const queued = (jobId: string, isPrivate: boolean, locale: ChatLocale | undefined): ChatReply | undefined => {
    const said = noticeText[locale ?? "en"];
    return isPrivate ? notice(said.queued, said.queuedPrivately(jobId), "progress") : undefined;
  };

  /** The team's Web API client and bot token, as Bolt authorized the request. */
  interface Team {
    client: WebClient;
    botToken: string;
  }

  /**
   * What Slack's users.info says of a user, kept for ten minutes: their language (include_locale),
   * which a job's messages are written in, and whether they administer the workspace. English
   * and no admin when Slack does not say.
   */
  const users = new Map<string, { locale: ChatLocale; admin: boolean; until: number }>();
  const userOf = async (client: WebClient, userId: string): Promise<{ locale: ChatLocale; admin: boolean }> => {
    const known = users.get(userId);
    if (known && known.until > Date.now()) return known;
    const info = await client.users.info({ user: userId, include_locale: true }).catch(() => undefined);
    const user = {
      locale: chatLocaleOf(info?.user?.locale),
      admin: Boolean(info?.user?.is_admin || info?.user?.is_owner),
      until: Date.now() + 600_000,
    };
    if (users.size > 10_000) users.clear();
    users.set(userId, user);
    return user;
  };
  /** The user's language as far as it is known now, without asking Slack: English until users.info has said. */
  const knownLocale = (userId: string): ChatLocale => users.get(userId)?.locale ?? "en";
  /**
   * The user's language for a modal that must open within its trigger's 3 seconds: users.info
   * is asked, but the form does not wait for it past a second (English then).
   */
  const localeSoon = (client: WebClient, userId: string): Promise<ChatLocale> =>
    Promise.race([
      userOf(client, userId).then((u) => u.locale),
      new Promise<ChatLocale>((resolve) => setTimeout(() => resolve(knownLocale(userId)), 1_000).unref()),
    ]);

  const command = (
    name: string,
    handler: (cmd: SlashCommand & { locale?: ChatLocale; admin?: boolean }, team: Team) => Promise<ChatReply | undefined>,
  ) =>
    app.command(`/${name}`, async ({ command: cmd, ack, respond, client, context }) => {
      await ack();
      const requestId = chatRequestId("slack", cmd.trigger_id);
      opts.logger.info({ requestId, command: name, teamId: cmd.team_id, userId: cmd.user_id, channelId: cmd.channel_id }, "command");
      // A command that opens a form (/generate alone) has its trigger's 3 seconds for it: it asks for the user's language beside its other reads.
      const opensForm = name === "generate" && !cmd.text.trim();
      const user = opensForm ? {} : await userOf(client, cmd.user_id);
      await run(
        respond,
        name,
        cmd.user_id,
        async () => handler({ ...cmd, ...user }, { client, botToken: context.botToken ?? "" }),
        requestId,
      );
    });

  command("generate", async (cmd, team) => {
    const { words, values } = parseCommandText(
      cmd.text,
      {
        size: { type: "string" },
        count: { type: "string" },
        model: { type: "string" },
        seed: { type: "string" },
        lora: { type: "string" },
        private: { type: "boolean" },
      },
      slackUsage("generate", knownLocale(cmd.user_id)),
    );
    const model = values.model === undefined ? undefined : imageModelNamed(values.model);
    if (values.model !== undefined && !model) throw new CommandInputError((t) => t.optionChoice("model", imageModels.join(", ")));
    if (!words) {
      // No prompt: the form, with the team's LoRAs to pick from, a custom size or aspect ratio and a strength.
      const [loras, locale] = await Promise.all([loraChoices(requestFor(cmd).api, ""), localeSoon(team.client, cmd.user_id)]);
      const where: ModalOrigin = { channelId: cmd.channel_id, responseUrl: cmd.response_url, ephemeral: values.private ?? false, locale };
      await team.client.views
        .open({ trigger_id: cmd.trigger_id, view: generateView(values.private ? "generate:private" : "generate", { model }, where, loras) })
        .catch((err: unknown) => {
          opts.logger.warn({ err }, "could not open the generate form");
          throw new CommandInputError((t) => t.formNotOpened(slackUsage("generate", locale)));
        });
      return undefined;
    }
    const started = await startGeneration(requestFor(cmd), {
      prompt: words,
      size: values.size ? parseSize(values.size) : undefined,
      count: parseInteger(values.count, "count", limits.imageCount.min, limits.imageCount.max),
      seed: parseSeed(values.seed),
      model,
      lora: values.lora,
      private: values.private ?? false,
    });
    return queued(started.jobId, values.private ?? false, cmd.locale);
  });

  command("transcribe", async (cmd, team) => {
    const usage = slackUsage("transcribe", cmd.locale ?? "en");
    const { words, values } = parseCommandText(
      cmd.text,
      { speakers: { type: "boolean" }, language: { type: "string" }, private: { type: "boolean" } },
      usage,
    );
    const link = unwrapLink(words);
    if (!link) throw new CommandInputError((t) => t.giveRecordingLink(usage));
    const file = await slackFile(team.client, link, team.botToken);
    const started = await startTranscription(requestFor(cmd), {
      ...(file ? { file } : { url: link }),
      speakers: values.speakers,
      language: values.language,
      private: values.private ?? false,
    });
    return queued(started.jobId, values.private ?? false, cmd.locale);
  });

  command("train", async (cmd, team) => {
    const usage = slackUsage("train", cmd.locale ?? "en");
    const { words, values } = parseCommandText(cmd.text, { private: { type: "boolean" } }, usage);
    const [triggerWord, link] = words.split(/\s+/);
    const file = link ? await slackFile(team.client, unwrapLink(link), team.botToken) : undefined;
    if (!triggerWord || !file) throw new CommandInputError((t) => t.giveTriggerAndFile(usage));
    const started = await startTraining(requestFor(cmd), { triggerWord, file, private: values.private ?? false });
    return queued(started.jobId, values.private ?? false, cmd.locale);
  });

  command("jobs", async (cmd) => myJobsReply(requestFor(cmd).api, platformUserId("slack", cmd.user_id), cmd.locale));

  command("assets", async (cmd) => {
    const [first, ...rest] = cmd.text.trim().split(/\s+/).filter(Boolean);
    const type = first === "images" || first === "transcripts" || first === "loras" ? (first as AssetType) : undefined;
    const search = (type ? rest : [first, ...rest]).filter(Boolean).join(" ");
    return assetsReply(requestFor(cmd).api, { type, search: search || undefined }, cmd.locale);
  });

  command("usage", async (cmd) => usageReply(requestFor(cmd).api, cmd.locale));

  command("help", async (cmd) => helpReply(slackHelp(cmd.locale), [], cmd.locale));

  // Answered through the response_url as ephemeral, like every command's reply: the link signs in whoever opens it.
  command("gallery", async (cmd) => galleryLinkReply(requestFor(cmd).api, cmd.locale));

  // A URL button opens its link in the browser, and Slack still sends the click: acked, nothing else to do.
  app.action(GALLERY_LINK_BUTTON, async ({ ack }) => {
    await ack();
  });

  command("settings", async (cmd) => {
    const [verb] = cmd.text.trim().split(/\s+/);
    if (verb !== "set") {
      const api = requestFor(cmd).api;
      const loraNames = new Map((await loraChoices(api, "")).map((l) => [l.value, l.name]));
      return settingsReply(await api.settings.get.query({ channelId: cmd.channel_id }), loraNames, cmd.locale);
    }
    const { values } = parseCommandText(
      cmd.text.trim().slice(3),
      {
        scope: { type: "string" },
        size: { type: "string" },
        model: { type: "string" },
        lora: { type: "string" },
        private: { type: "string" },
        "max-images": { type: "string" },
        training: { type: "string" },
        budget: { type: "string" },
      },
      slackUsage("settings", cmd.locale ?? "en"),
    );
    // Slack says who administers the workspace (users.info): the API takes the bot's word for it.
    const api = requestFor(cmd).api;
    const loraNames = new Map((await loraChoices(api, "")).map((l) => [l.value, l.name]));
    const clearable = <T>(v: string | undefined, read: (v: string) => T) => (v === undefined ? undefined : v === "clear" ? null : read(v));
    const choice = <T extends string>(v: string, allowed: readonly T[], flag: string): T => {
      if (!(allowed as readonly string[]).includes(v))
        throw new CommandInputError((t) => t.optionChoice(flag, [...allowed, "clear"].join(", ")));
      return v as T;
    };
    const lora = clearable(values.lora, (v) => {
      const id = [...loraNames.keys()].find((k) => k === v || loraNames.get(k)?.toLowerCase().startsWith(v.toLowerCase()));
      if (!id) throw new CommandInputError((t) => t.noFinishedLora(v));
      return id;
    });
    const changed = await api.settings.set.mutate({
      ...(values.scope === "team" ? {} : { channelId: cmd.channel_id }),
      imageSize: clearable(values.size, (v) => choice(v, imageSizes, "size")),
      model: clearable(values.model, (v) => choice(v, imageModels, "model")),
      lora,
      privateResults: clearable(values.private, (v) => choice(v, ["yes", "no"] as const, "private") === "yes"),
      maxImages: clearable(
        values["max-images"],
        (v) => parseInteger(v, "max-images", limits.imageCount.min, limits.imageCount.max) ?? null,
      ),
      trainers: clearable(values.training, (v) => choice(v, ["everyone", "admins"] as const, "training")),
      monthlyBudgetUsd: clearable(values.budget, (v) => {
        const usd = Number(v);
        if (!(usd > 0)) throw new CommandInputError((t) => t.budgetOption);
        return usd;
      }),
    });
    return settingsReply(changed, loraNames, cmd.locale);
  });

  app.action(/^(job|page):/, async ({ ack, body, action, respond: respondInPlace, client }) => {
    await ack();
    if (body.type !== "block_actions" || !("action_id" in action)) return;
    // A click in the App Home tab has no response URL: its answer goes by DM.
    const respond: RespondFn = body.response_url
      ? respondInPlace
      : async (message) => {
          const m = typeof message === "string" ? { text: message } : (message as { text?: string; blocks?: unknown[] });
          return (await client.chat.postMessage({
            channel: body.user.id,
            text: m.text ?? "",
            ...(m.blocks ? { blocks: m.blocks as never } : {}),
          })) as never;
        };
    const edit = parseJobButton(action.action_id);
    if (edit?.action === "edit") {
      // The trigger id opens a modal once, within 3 seconds of the click: nothing is read first but the clicker's language.
      const where: ModalOrigin = {
        channelId: body.channel?.id ?? "",
        threadTs: body.container?.is_ephemeral ? undefined : (body.message?.thread_ts ?? body.message?.ts),
        responseUrl: body.response_url,
        ephemeral: Boolean(body.container?.is_ephemeral),
        locale: await localeSoon(client, body.user.id),
      };
      await client.views
        .open({ trigger_id: body.trigger_id, view: editView(edit.jobId, edit.image, where) })
        .catch(async (err: unknown) => {
          opts.logger.warn({ err }, "could not open the edit modal");
          const said = noticeText[where.locale ?? "en"];
          await respond(ephemeral(notice(said.notOpened, said.editNotOpened))).catch(() => {});
        });
      return;
    }
    const invocation: Invocation = {
      ...actor(body),
      channel_id: body.channel?.id ?? "",
      trigger_id: `${body.trigger_id}`,
      response_url: body.response_url,
      // Reruns and variations of a channel message reply in its thread; an ephemeral message has none.
      thread_ts: body.container?.is_ephemeral ? undefined : (body.message?.thread_ts ?? body.message?.ts),
    };
    if (edit?.action === "remix") {
      // The form, prefilled from the result: one quick read, then the modal, within the trigger's 3 seconds.
      await run(respond, action.action_id, body.user.id, async () => {
        const api = requestFor(invocation).api;
        const [job, loras, locale] = await Promise.all([
          api.jobs.get.query({ jobId: edit.jobId }),
          loraChoices(api, ""),
          localeSoon(client, body.user.id),
        ]);
        const where: ModalOrigin = {
          channelId: invocation.channel_id,
          threadTs: invocation.thread_ts,
          responseUrl: body.response_url,
          ephemeral: Boolean(body.container?.is_ephemeral),
          locale,
        };
        await client.views.open({ trigger_id: body.trigger_id, view: generateView(`remix:${edit.jobId}`, formFromJob(job), where, loras) });
        return undefined;
      });
      return;
    }
    // Jobs a click starts are written in the clicker's language; a form's opening waits for nothing.
    Object.assign(invocation, await userOf(client, body.user.id));
    const locale = invocation.locale ?? "en";
    const said = noticeText[locale];
    await run(respond, action.action_id, body.user.id, async () => {
      const page = parseAssetsPageButton(action.action_id);
      if (page) {
        await respond({ replace_original: true, ...toSlackMessage(await assetsReply(requestFor(invocation).api, page, locale)) });
        return undefined;
      }
      const job = parseJobButton(action.action_id);
      if (!job) return notice(said.notSupported, said.buttonGone);
      // A private result that came by DM has no channel to share into from there: nothing is changed.
      if (job.action === "share" && invocation.channel_id.startsWith("D")) return notice(said.notShared, said.shareFromChannel);
      const result = await pressJobButton(requestFor(invocation), job);
      if (result.kind === "post") {
        if (result.where === "channel") {
          // In the conversation the button was in, through the click's response_url: Slack takes it there even where the bot is not a member.
          const shown = await respond({ response_type: "in_channel", replace_original: false, ...toSlackMessage(result.reply) }).then(
            () => true,
            () => false,
          );
          // Pictures Slack cannot fetch (a local setup) refuse the message: it goes again with their links.
          if (!shown)
            await respond({ response_type: "in_channel", replace_original: false, ...toSlackMessage(result.reply, { images: false }) });
          return undefined;
        }
        // A bot's message to a user id arrives in its DM with them.
        await client.chat.postMessage({
          channel: invocation.user_id,
          ...toSlackMessage(result.reply, { images: false }),
          unfurl_links: false,
          unfurl_media: false,
        });
        return notice(said.sent, said.inYourDms, "success");
      }
      return result.kind === "done"
        ? notice(said.done, result.message, "success")
        : queued(result.started.jobId, Boolean(body.container?.is_ephemeral), locale);
    });
  });

  // "Transcribe this file" on a message: its first recording, transcribed into the message's thread.
  app.shortcut({ callback_id: "transcribe_file", type: "message_action" }, async ({ ack, shortcut, respond, client, context }) => {
    await ack();
    const files = (shortcut.message.files ?? []) as Array<{ id?: string; name?: string; mimetype?: string }>;
    const file = files.find((f) => isMediaFile(f.name ?? "", f.mimetype));
    const invocation: Invocation = {
      ...actor(shortcut),
      channel_id: shortcut.channel.id,
      trigger_id: shortcut.trigger_id,
      response_url: shortcut.response_url,
      thread_ts: shortcut.message.thread_ts ?? shortcut.message.ts,
    };
    Object.assign(invocation, await userOf(client, shortcut.user.id));
    await run(respond, "transcribe_file", shortcut.user.id, async () => {
      const said = noticeText[invocation.locale ?? "en"];
      if (!file?.id) return notice(said.nothingToTranscribe, said.noRecordingHere);
      await startTranscription(requestFor(invocation), {
        file: await slackFileById(client, file.id, context.botToken ?? ""),
        private: false,
      });
      return undefined;
    });
  });

  // The App Home tab, drawn afresh each time the user opens it.
  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    const invocation: Invocation = {
      team_id: body.team_id,
      user_id: event.user,
      channel_id: "",
      trigger_id: `home-${event.event_ts}`,
      response_url: "",
      ...(await userOf(client, event.user)),
    };
    const api = requestFor(invocation).api;
    await client.views.publish({ user_id: event.user, view: await homeView(api, platformUserId("slack", event.user), invocation.locale) });
  });

  /** The generate form opened where there is no conversation (App Home, a global shortcut): it asks for one to post in; none picked, the result comes by DM. */
  const openFormAnywhere = async (client: WebClient, invocation: Invocation) => {
    const [loras, locale] = await Promise.all([
      loraChoices(requestFor(invocation).api, "").catch(() => []),
      localeSoon(client, invocation.user_id),
    ]);
    await client.views
      .open({ trigger_id: invocation.trigger_id, view: generateView("generate", {}, { channelId: "", ephemeral: false, locale }, loras) })
      .catch((err: unknown) => opts.logger.warn({ err }, "could not open the generate form"));
  };

  // Home's Generate images.
  app.action(HOME_GENERATE, async ({ ack, body, client }) => {
    await ack();
    if (body.type !== "block_actions") return;
    await openFormAnywhere(client, { ...actor(body), channel_id: "", trigger_id: body.trigger_id, response_url: "" });
  });

  // Home's Open the gallery: a link made at the click (a link in the tab itself would be used up or expired), sent by DM, the only place the App Home tab can answer one user.
  app.action(HOME_GALLERY, async ({ ack, body, client }) => {
    await ack();
    if (body.type !== "block_actions") return;
    const invocation: Invocation = {
      ...actor(body),
      channel_id: "",
      trigger_id: body.trigger_id,
      response_url: "",
      ...(await userOf(client, body.user.id)),
    };
    const reply = await galleryLinkReply(requestFor(invocation).api, invocation.locale).catch((err: unknown) => {
      opts.logger.info({ reason: err instanceof Error ? err.message : String(err) }, "slack gallery link refused");
      return explain(err, invocation.locale);
    });
    await client.chat
      .postMessage({ channel: body.user.id, ...toSlackMessage(reply), unfurl_links: false, unfurl_media: false })
      .catch((err: unknown) => opts.logger.warn({ err }, "could not send the gallery link"));
  });

  // "Generate image" from anywhere.
  app.shortcut({ callback_id: "generate_image", type: "shortcut" }, async ({ ack, shortcut, client }) => {
    await ack();
    await openFormAnywhere(client, {
      team_id: shortcut.team?.id ?? shortcut.user.team_id ?? "",
      user_id: shortcut.user.id,
      user_name: shortcut.user.username,
      channel_id: "",
      trigger_id: shortcut.trigger_id,
      response_url: "",
    });
  });

  // The generate form's submit (from /generate, or Edit prompt & rerun): mistakes shown beside their fields.
  app.view(/^(generate|remix:)/, async ({ ack, body, view, client }) => {
    const target = parseGenerateModalId(view.callback_id);
    const values = view.state.values;
    const text = (block: string) => values[block]?.[block]?.value ?? undefined;
    const picked = (block: string) => values[block]?.[block]?.selected_option?.value ?? undefined;
    const form: GenerationForm = {
      prompt: text("prompt") ?? "",
      size: text("size_custom") || picked("size"),
      count: picked("count"),
      seed: text("seed"),
      model: picked("model"),
      lora: picked("lora"),
      loraScale: text("lora_strength"),
    };
    const origin = parseModalOrigin(view.private_metadata);
    // Opened from a shortcut: the conversation picked in the form, with the response URL Slack gives for it; none picked, the asker's DM.
    const chosen = (body as { response_urls?: Array<{ channel_id: string; response_url: string }> }).response_urls?.[0];
    const locale = origin.locale ?? knownLocale(body.user.id);
    const where: ModalOrigin = origin.channelId
      ? origin
      : chosen
        ? { channelId: chosen.channel_id, responseUrl: chosen.response_url, ephemeral: false, locale }
        : { channelId: body.user.id, ephemeral: true, locale };
    // The form's own mistakes show beside their fields, at once, in the form's language; Slack waits 3 seconds for this answer, so the job is made after it.
    try {
      readForm(form);
    } catch (err) {
      if (!(err instanceof FormFieldError)) throw err;
      const block = {
        prompt: "prompt",
        size: "size_custom",
        count: "count",
        seed: "seed",
        model: "model",
        lora: "lora",
        loraScale: "lora_strength",
      }[err.field];
      await ack({ response_action: "errors", errors: { [block]: err.say(inputText[locale]) } });
      return;
    }
    await ack();
    const invocation: Invocation = { ...submitInvocation(body, view.id, where), ...(await userOf(client, body.user.id)) };
    try {
      const api = requestFor(invocation).api;
      // A remix is as private as the result it came from, wherever that result was shown (a DM included).
      const remixOf = target?.remixOf ? await api.jobs.get.query({ jobId: target.remixOf }) : undefined;
      const isPrivate = (target?.private ?? false) || where.ephemeral || remixOf?.visibility === "private";
      const started = await startFromForm(requestFor(invocation), form, isPrivate);
      const told = queued(started.jobId, isPrivate, invocation.locale);
      // The job is made: a notice Slack does not take changes nothing about it.
      if (told && where.responseUrl)
        await postToResponseUrl(where.responseUrl, ephemeral(told)).catch((e: unknown) =>
          opts.logger.warn({ err: e }, "could not tell the form's submitter"),
        );
    } catch (err) {
      opts.logger.info({ reason: err instanceof Error ? err.message : String(err) }, "slack generate form refused");
      // Through the conversation's response URL, or, from a shortcut with none, by DM: never silently.
      const refusal = explain(err, invocation.locale);
      const told = where.responseUrl
        ? postToResponseUrl(where.responseUrl, ephemeral(refusal))
        : client.chat.postMessage({ channel: body.user.id, ...toSlackMessage(refusal) });
      await told.catch((e: unknown) => opts.logger.warn({ err: e }, "could not tell the form's submitter"));
    }
  });

  // An Edit modal's submit: the clicker's edit, reported where the button was (its thread, or to them alone).
  app.view(/^edit:/, async ({ ack, body, view, client }) => {
    const target = parseEditModalId(view.callback_id);
    const where = parseModalOrigin(view.private_metadata);
    const instruction = view.state.values[EDIT_INSTRUCTION_INPUT]?.[EDIT_INSTRUCTION_INPUT]?.value?.trim() ?? "";
    if (!target || !instruction) {
      await ack({
        response_action: "errors",
        errors: { [EDIT_INSTRUCTION_INPUT]: inputText[where.locale ?? knownLocale(body.user.id)].sayWhatToChange },
      });
      return;
    }
    await ack();
    const invocation: Invocation = { ...submitInvocation(body, view.id, where), ...(await userOf(client, body.user.id)) };
    const request = requestFor(invocation);
    const respondTo = where.responseUrl;
    try {
      const started = await editPicture(request, target, instruction);
      const told = queued(started.jobId, where.ephemeral, invocation.locale);
      if (told && respondTo)
        await postToResponseUrl(respondTo, ephemeral(told)).catch((e: unknown) =>
          opts.logger.warn({ err: e }, "could not tell the edit's submitter"),
        );
    } catch (err) {
      opts.logger.info({ reason: err instanceof Error ? err.message : String(err) }, "slack edit refused");
      // A view submission has no response URL of its own: the refusal goes through the button's.
      if (respondTo) await postToResponseUrl(respondTo, ephemeral(explain(err, invocation.locale))).catch(() => {});
    }
  });

  // Slack sends these whatever the app's state in the team; Bolt runs them without authorizing.
  app.event("app_uninstalled", async ({ body }) => {
    opts.logger.info({ teamId: body.team_id }, "the app was uninstalled from a Slack team");
    await opts.onUninstalled?.(body.team_id, eventTime(body.event_time));
  });
  app.event("tokens_revoked", async ({ event, body }) => {
    // Users' tokens are not ours to keep; only the bot's matters.
    if (!event.tokens.bot?.length) return;
    opts.logger.info({ teamId: body.team_id }, "the app's bot token was revoked in a Slack team");
    await opts.onUninstalled?.(body.team_id, eventTime(body.event_time));
  });

  app.error(async (err) => {
    opts.logger.error({ err }, "slack app error");
  });

  return { app, receiver };
}
