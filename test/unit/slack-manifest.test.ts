import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { slackCommands } from "../../bots/slack/commands.js";
import { SLACK_BOT_SCOPES } from "../../bots/slack/scopes.js";

const root = path.resolve(import.meta.dirname, "..", "..");

/** The scope each Slack Web API method the code calls needs (api.slack.com/methods/<method>). */
const scopeOf: Record<string, string> = {
  "chat.postMessage": "chat:write",
  "chat.update": "chat:write",
  "chat.postEphemeral": "chat:write",
  "chat.scheduleMessage": "chat:write",
  "conversations.open": "im:write",
  "files.info": "files:read",
  "users.info": "users:read",
  // The SDK's helper for files.getUploadURLExternal, the upload, and files.completeUploadExternal.
  "files.uploadV2": "files:write",
  "files.delete": "files:write",
};

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return sources(rel);
    return rel.endsWith(".ts") ? [rel] : [];
  });
}

describe("the Slack app manifest", () => {
  const manifest = readFileSync(path.join(root, "bots/slack/manifest.yml"), "utf8");
  const scopes = [...(/ {4}bot:\n((?: {6}- \S+\n)+)/.exec(manifest)?.[1] ?? "").matchAll(/- (\S+)/g)].map((m) => m[1]);

  // Calls go through a WebClient named client (Bolt's), slack (the workers') or web.
  it("asks for the scopes the code's Web API calls need, and no others", () => {
    const called = new Set(
      ["bots", "queue", "shared"].flatMap(sources).flatMap((f) => {
        const text = readFileSync(path.join(root, f), "utf8");
        const methods = [...text.matchAll(/\b(?:client|slack|web)\.(chat|files|conversations|users|reactions|team)\.([a-zA-Z]+)\(/g)].map(
          (m) => `${m[1]}.${m[2]}`,
        );
        return /\b(?:client|slack|web)\.filesUploadV2\(/.test(text) ? [...methods, "files.uploadV2"] : methods;
      }),
    );
    const unknown = [...called].filter((m) => !(m in scopeOf));
    expect(unknown, "a Web API method without a known scope").toEqual([]);
    // Slash commands need `commands`; `chat:write.public` posts results in public channels the bot has not joined.
    const needed = new Set(["commands", "chat:write.public", ...[...called].map((m) => scopeOf[m])]);
    expect(new Set(scopes)).toEqual(needed);
  });

  it("declares the app's slash commands, each with the description /help shows", () => {
    const declared = [...manifest.matchAll(/- command: \/(\S+)\n\s+url: \S+\n\s+description: (.+)\n/g)].map((m) => [m[1], m[2]]);
    expect(declared).toEqual(Object.entries(slackCommands).map(([name, c]) => [name, c.description]));
  });

  it("asks an OAuth install for the manifest's scopes, returns installers to /slack/oauth_redirect, and hears of uninstalls", () => {
    expect([...SLACK_BOT_SCOPES].sort()).toEqual([...scopes].sort());
    const redirects = [...(/ {2}redirect_urls:\n((?: {4}- \S+\n)+)/.exec(manifest)?.[1] ?? "").matchAll(/- (\S+)/g)].map(
      (m) => new URL(m[1] ?? "").pathname,
    );
    expect(redirects).toEqual(["/slack/oauth_redirect"]);
    const events = [...(/ {4}bot_events:\n((?: {6}- \S+\n)+)/.exec(manifest)?.[1] ?? "").matchAll(/- (\S+)/g)].map((m) => m[1]);
    expect(events.sort()).toEqual(["app_home_opened", "app_uninstalled", "tokens_revoked"]);
  });

  it("points every request URL at /slack/events, and says how Socket Mode is turned on", () => {
    const urls = [...manifest.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => new URL(m[1] ?? "").pathname);
    expect(urls.length).toBeGreaterThan(0);
    expect(new Set(urls)).toEqual(new Set(["/slack/events"]));
    expect(manifest).toMatch(/socket_mode_enabled: false/);
    expect(manifest).toMatch(/# true for Socket Mode \(SLACK_APP_TOKEN set\)/);
  });
});
