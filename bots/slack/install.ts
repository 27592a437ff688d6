import {
  type CallbackOptions,
  ClearStateStore,
  type Installation,
  type InstallationStore,
  InstallProvider,
  InvalidStateError,
  type StateStore,
} from "@slack/oauth";
import { LogLevel, type Logger as SlackLogger } from "@slack/logger";
import type { Config } from "../../shared/config.js";
import { sealingKey } from "../../shared/crypto/sealed.js";
import type { SqlDb } from "../../shared/db/sql/client.js";
import { findSlackInstallation, saveSlackInstallation } from "../../shared/db/sql/slack-installations.js";
import type { Logger } from "../../shared/logger.js";
import { runAsNode } from "./fetch-as-node.js";
import { SLACK_BOT_SCOPES } from "./scopes.js";
import { sha256Hex, type UsedOnce, usedOnceIn } from "./used-once.js";

export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

class UnsupportedInstall extends Error {
  override name = "UnsupportedInstall";
}

/**
 * The installs as @slack/oauth keeps them, in PostgreSQL (`slack_installations`, tokens sealed).
 * One install per team: an org-wide Enterprise Grid install is refused, as the app's manifest
 * says (`org_deploy_enabled: false`).
 */
function installationStore(db: SqlDb, key: Buffer): InstallationStore {
  return {
    async storeInstallation(i: Installation) {
      if (i.isEnterpriseInstall || !i.team)
        throw new UnsupportedInstall("org-wide installs are not supported: install the app into each workspace");
      if (!i.bot) throw new UnsupportedInstall("the install gave no bot token");
      await saveSlackInstallation(db, key, {
        teamId: i.team.id,
        teamName: i.team.name,
        enterpriseId: i.enterprise?.id,
        appId: i.appId,
        botId: i.bot.id,
        botUserId: i.bot.userId,
        botToken: i.bot.token,
        botScopes: i.bot.scopes,
        installerUserId: i.user.id,
      });
    },
    async fetchInstallation(query) {
      const found = query.teamId ? await findSlackInstallation(db, key, query.teamId) : undefined;
      if (found?.state !== "installed") throw new Error(`no installation for Slack team ${query.teamId ?? "(none)"}`);
      return {
        team: { id: found.teamId, ...(found.teamName ? { name: found.teamName } : {}) },
        enterprise: found.enterpriseId ? { id: found.enterpriseId } : undefined,
        user: { id: found.installerUserId ?? "", token: undefined, scopes: undefined },
        bot: { token: found.botToken, scopes: found.botScopes, id: found.botId ?? "", userId: found.botUserId ?? "" },
        isEnterpriseInstall: false,
        authVersion: "v2",
      };
    },
  };
}

/** The OAuth library's log lines in ours; its debug lines can hold codes and tokens, so they are dropped. */
function oauthLogger(log: Logger): SlackLogger {
  const child = log.child({ component: "slack-oauth" });
  const text = (msg: unknown[]) => msg.map(String).join(" ");
  return {
    debug: () => {},
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.warn(text(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/** How long an install's state (and the cookie binding it to the browser) lasts: the SDK's default, 10 minutes. */
const STATE_SECONDS = 600;

/**
 * The SDK's signed state (its own expiry checked), taken once across every web machine: the
 * first callback with a state claims it, so the same state and cookie with a fresh code from
 * Slack are refused instead of installing again.
 */
function singleUseStates(stateSecret: string, taken: UsedOnce): StateStore {
  const signed = new ClearStateStore(stateSecret, STATE_SECONDS);
  return {
    generateStateParam: (installOptions, now) => signed.generateStateParam(installOptions, now),
    async verifyStateParam(now, state) {
      const installOptions = await signed.verifyStateParam(now, state);
      // Kept past the state's own end (counted from its making, before now), with a minute's margin.
      const until = new Date(now.getTime() + (STATE_SECONDS + 60) * 1000);
      if (!(await taken.claim(`oauth-state:${sha256Hex(state)}`, until)))
        throw new InvalidStateError("The state was used already: start the install again");
      return installOptions;
    },
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface SlackInstall {
  /** `GET /slack/install`: sends the installer to Slack's authorize page, with a state bound to their browser by a cookie. */
  install(req: Request): Promise<Response>;
  /** `GET /slack/oauth_redirect`: checks the state, trades the code for the team's bot token (`oauth.v2.access`) and keeps it. */
  callback(req: Request): Promise<Response>;
}

/**
 * Slack's OAuth install flow for many workspaces, run by the SDK's InstallProvider (state in a
 * signed parameter checked against a cookie, and usable once; the code exchange, `auth.test` for
 * the bot's ids);
 * undefined unless SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set.
 */
export function slackInstall(config: Config, db: SqlDb, logger: Logger): SlackInstall | undefined {
  const oauth = config.slack.oauth;
  if (!oauth) return undefined;
  const log = logger.child({ component: "slack-install" });
  const provider = new InstallProvider({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateStore: singleUseStates(oauth.stateSecret, usedOnceIn(db)),
    stateCookieExpirationSeconds: STATE_SECONDS,
    installationStore: installationStore(db, sealingKey(oauth.tokenKey)),
    directInstall: true,
    authorizationUrl: oauth.authorizeUrl,
    clientOptions: { slackApiUrl: config.slack.apiUrl, timeout: 10_000 },
    logger: oauthLogger(log),
  });
  const redirectUri = `${config.publicUrl ?? `http://localhost:${config.port}`}${REDIRECT_PATH}`;
  const installOptions = { scopes: [...SLACK_BOT_SCOPES], redirectUri };

  const callbackOptions: CallbackOptions = {
    success: (installation, _options, _req, res) => {
      log.info({ teamId: installation.team?.id, installer: installation.user.id }, "the app was installed in a Slack team");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Installed</title></head><body><h1>Installed</h1><p>The app is in ${escapeHtml(installation.team?.name ?? "your workspace")} now: try <code>/generate</code> in a channel.</p></body></html>`,
      );
    },
    failure: (error, _options, _req, res) => {
      const slackError = (error as { data?: { error?: unknown } }).data?.error;
      const reason = typeof slackError === "string" ? slackError : error instanceof UnsupportedInstall ? error.message : error.code;
      // The installer's fault or Slack's refusal (a reused or expired code, a state from another browser): 400.
      const known =
        typeof slackError === "string" ||
        error instanceof UnsupportedInstall ||
        /missing_state|invalid_state|missing_code|authorization_error/.test(String(error.code));
      log.warn({ reason }, "a Slack install did not complete");
      res.writeHead(known ? 400 : 500, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not installed</title></head><body><h1>The app was not installed</h1><p>Slack's install did not complete (${escapeHtml(String(reason))}). Start again from ${INSTALL_PATH}.</p></body></html>`,
      );
    },
  };

  return {
    install: (req) => runAsNode(req, (nodeReq, nodeRes) => provider.handleInstallPath(nodeReq, nodeRes, undefined, installOptions)),
    callback: (req) => runAsNode(req, (nodeReq, nodeRes) => provider.handleCallback(nodeReq, nodeRes, callbackOptions, installOptions)),
  };
}
