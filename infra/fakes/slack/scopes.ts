import { readFileSync } from "node:fs";
import path from "node:path";

/** The scope each Web API method needs (api.slack.com/methods/<method>). */
export const METHOD_SCOPES: Record<string, string> = {
  "chat.postMessage": "chat:write",
  "chat.update": "chat:write",
  "chat.postEphemeral": "chat:write",
  "chat.scheduleMessage": "chat:write",
  // A bot token opens a 1:1 DM with im:write (the scope's page lists conversations.open).
  "conversations.open": "im:write",
  "files.info": "files:read",
  "users.info": "users:read",
  "files.getUploadURLExternal": "files:write",
  "files.completeUploadExternal": "files:write",
  "files.delete": "files:write",
};

/** The bot scopes the app's manifest asks for, as an install grants them. */
export function manifestScopes(): string[] {
  const manifest = readFileSync(path.resolve(import.meta.dirname, "../../../bots/slack/manifest.yml"), "utf8");
  return [...(/ {4}bot:\n((?: {6}- \S+\n)+)/.exec(manifest)?.[1] ?? "").matchAll(/- (\S+)/g)].map((m) => m[1] ?? "");
}

/** The slash commands of the app's manifest, with their usage hints, as Slack's composer lists them. */
export function manifestCommands(): Array<{ command: string; hint: string }> {
  const manifest = readFileSync(path.resolve(import.meta.dirname, "../../../bots/slack/manifest.yml"), "utf8");
  return [...manifest.matchAll(/- command: (\S+)\n(?: {6}\S.*\n)*/g)].map((m) => ({
    command: m[1] ?? "",
    hint: /usage_hint: "(.*)"/.exec(m[0])?.[1] ?? "",
  }));
}

/** The shortcuts of the app's manifest: `message` ones in a message's menu, `global` ones anywhere. */
export function manifestShortcuts(): Array<{ name: string; type: "message" | "global"; callbackId: string }> {
  const manifest = readFileSync(path.resolve(import.meta.dirname, "../../../bots/slack/manifest.yml"), "utf8");
  const section = /\n {2}shortcuts:\n((?: {4}.*\n)+)/.exec(manifest)?.[1] ?? "";
  return [...section.matchAll(/- name: (.+)\n {6}type: (message|global)\n {6}callback_id: (\S+)/g)].map((m) => ({
    name: m[1] ?? "",
    type: m[2] as "message" | "global",
    callbackId: m[3] ?? "",
  }));
}
