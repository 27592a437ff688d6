import { randomBytes } from "node:crypto";
import { manifestScopes, METHOD_SCOPES } from "../scopes.js";
import type { SlackState } from "../state.js";
import { refuse, type SlackApp, webApiMethod } from "./web-api.js";

/**
 * Slack's authorize page (oauth/v2/authorize): the app's client id, the bot scopes it asks for,
 * a registered redirect URI and its state. A browser signed in to a workspace approves and is
 * sent back to the redirect URI with a one-time code; without a session it is asked to sign in.
 */
export function authorizeRoute(app: SlackApp, state: SlackState) {
  app.get("/oauth/v2/authorize", (c) => {
    const page = (status: 200 | 400, body: string) =>
      c.body(`<!doctype html><p>${body}</p>`, status, { "content-type": "text/html; charset=utf-8" });
    const q = new URL(c.req.url).searchParams;
    const { settings } = state;
    if (q.get("client_id") !== settings.oauth.clientId) return page(400, "invalid_client_id");
    const redirectUri = q.get("redirect_uri") ?? "";
    if (!settings.redirectUrls.has(redirectUri)) return page(400, "bad_redirect_uri");
    const scopes = (q.get("scope") ?? "").split(",").filter(Boolean);
    const known = new Set([...Object.values(METHOD_SCOPES), ...manifestScopes()]);
    if (scopes.length === 0 || scopes.some((sc) => !known.has(sc))) return page(400, "invalid_scope");
    const session = state.sessions.get(/(?:^|;\s*)slack_session=([^;]+)/.exec(c.req.header("cookie") ?? "")?.[1] ?? "");
    if (!session) return page(200, "Sign in to your workspace to continue.");
    const code = `${Date.now()}.${randomBytes(12).toString("hex")}`;
    state.codes.set(code, { ...session, scopes, redirectUri, issuedAt: Date.now(), used: false });
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    const stateParam = q.get("state");
    if (stateParam) back.searchParams.set("state", stateParam);
    return c.redirect(back.toString(), 302);
  });
}

/** oauth.v2.access: the app's credentials and a fresh code for the redirect URI it was issued to, for the workspace's bot token. */
export function oauthAccessRoute(app: SlackApp, state: SlackState) {
  webApiMethod(app, "oauth.v2.access", (c) => {
    const args = c.get("args");
    const { oauth, codeLifetimeMs } = state.settings;
    // The credentials come as parameters or as HTTP Basic auth.
    const basic = /^Basic (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":") : [];
    const clientId = String(args.client_id ?? basicId ?? "");
    const clientSecret = String(args.client_secret ?? basicSecret ?? "");
    if (clientId !== oauth.clientId) return refuse(c, "invalid_client_id");
    if (clientSecret !== oauth.clientSecret) return refuse(c, "bad_client_secret");
    const code = state.codes.get(String(args.code ?? ""));
    if (!code || code.used || Date.now() - code.issuedAt > codeLifetimeMs) return refuse(c, "invalid_code");
    // Slack requires the exchange to name the redirect URI the authorize did.
    if (args.redirect_uri !== undefined && args.redirect_uri !== code.redirectUri) return refuse(c, "bad_redirect_uri");
    code.used = true;
    const token = `xoxb-${code.teamId.toLowerCase()}-${randomBytes(12).toString("hex")}`;
    const botUserId = `U0BOT${code.teamId.slice(1, 6).toUpperCase()}`;
    state.grants.set(token, {
      teamId: code.teamId,
      scopes: new Set(code.scopes),
      revoked: false,
      botUserId,
      botId: `B0BOT${code.teamId.slice(1, 6).toUpperCase()}`,
    });
    return c.json({
      ok: true,
      access_token: token,
      token_type: "bot",
      scope: code.scopes.join(","),
      bot_user_id: botUserId,
      app_id: "A0FAKEAPP",
      team: { id: code.teamId, name: code.teamName },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: code.userId },
    });
  });
}
