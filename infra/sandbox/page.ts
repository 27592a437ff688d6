import { DISCORD_CSS } from "../chat-render/discord.js";
import { esc } from "../chat-render/html.js";
import { SLACK_CSS } from "../chat-render/slack.js";
import { type Place, type Platform, TEAMMATES, type Teammate, placesOf } from "./world.js";

/** The sandbox's page: the platform, the channels and the teammate to act as, the channel's messages (filled by the script), and the composer. */

const LAYOUT_CSS =
  "*{box-sizing:border-box}body{margin:0;padding:0;display:grid;grid-template-columns:220px 1fr;grid-template-rows:auto 1fr auto;height:100vh}header{grid-column:1/3;display:flex;gap:16px;align-items:center;padding:8px 16px;background:#1e1f22;color:#fff;font:14px sans-serif}header a{color:#ccc;text-decoration:none;padding:4px 10px;border-radius:4px}header a.on{background:#5865f2;color:#fff}nav{grid-row:2/4;padding:12px;overflow:auto;font:14px sans-serif;opacity:.95}nav h3{font-size:12px;text-transform:uppercase;margin:12px 0 4px;opacity:.7}nav a{display:block;padding:3px 8px;border-radius:4px;color:inherit;text-decoration:none}nav a.on{background:rgba(127,127,127,.3);font-weight:700}main{overflow:auto;padding:12px 20px}#feed>*{margin:10px 0}.act{font-size:13px;opacity:.8}.act .who{font-weight:700}.only-you .note{font-size:12px;opacity:.7;margin:2px 0 0 54px}.only-you{border-left:3px solid rgba(127,127,127,.5);padding-left:6px}form.composer{padding:10px 20px;display:flex;gap:8px}form.composer input{flex:1;padding:10px;font-size:15px;border-radius:6px;border:1px solid #888}#error{color:#e01e5a;padding:0 20px;min-height:1em;font:13px sans-serif}.help{padding:0 20px 10px;font:12px sans-serif;opacity:.7}button.btn,a.btn{cursor:pointer;font:inherit;border:0;text-decoration:none}button.btn[disabled]{opacity:.5;cursor:default}#modal:empty{display:none}#modal{position:fixed;inset:0;background:rgba(0,0,0,.6);display:flex;align-items:center;justify-content:center}form.modal{background:#fff;color:#1d1c1d;width:480px;max-height:90vh;overflow:auto;border-radius:8px;padding:18px;font:14px sans-serif}.modal-title{font-size:18px;font-weight:700;margin-bottom:10px}.field{display:block;margin:10px 0}.field span{display:block;font-weight:700;margin-bottom:4px}.field input,.field textarea,.field select{width:100%;padding:8px;font:inherit}.field textarea{min-height:80px}.modal-buttons{display:flex;justify-content:flex-end;gap:8px;margin-top:12px}.modal-buttons button{padding:8px 14px}.submit{background:#007a5a;color:#fff;border:0;border-radius:4px}#files:empty,#suggestions:empty{display:none}#files{display:flex;gap:14px;padding:0 20px 8px;font:13px sans-serif}#suggestions{list-style:none;margin:0 20px;padding:4px;border:1px solid #888;border-radius:6px;font:14px sans-serif;max-height:240px;overflow:auto}#suggestions button{display:block;width:100%;text-align:left;background:none;border:0;padding:6px 8px;cursor:pointer;color:inherit;font:inherit;border-radius:4px}#suggestions button:hover{background:rgba(127,127,127,.2)}.file{margin:4px 0}";

const link = (platform: Platform, channel: string, who: Teammate) =>
  `/sandbox?platform=${platform}&channel=${encodeURIComponent(channel)}&as=${who.key}`;

/** `files`: the file pickers each command offers, by command name. */
export function sandboxPage(o: {
  platform: Platform;
  place: Place;
  who: Teammate;
  commands: string[];
  files: Record<string, string[]>;
}): string {
  const { platform, place, who } = o;
  const places = placesOf(platform, who);
  const placeLink = (p: Place) =>
    `<a href="${link(platform, p.id, who)}" class="${p.id === place.id ? "on" : ""}">${p.dm ? `@${esc(p.name)}` : `#${esc(p.name)}`}</a>`;
  const platformLink = (p: Platform, label: string) =>
    `<a href="${link(p, placesOf(p, who)[0]?.id ?? "", who)}" class="${p === platform ? "on" : ""}">${label}</a>`;
  const whoLink = (t: Teammate) =>
    `<a href="${link(platform, place.dm ? "" : place.id, t)}" class="${t.key === who.key ? "on" : ""}">${esc(t.name)}</a>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chat sandbox: ${platform === "discord" ? "Discord" : "Slack"}</title>
<style>${platform === "discord" ? DISCORD_CSS : SLACK_CSS}${LAYOUT_CSS}</style>
<link rel="icon" href="/sandbox/icon.svg"><script src="/sandbox/sandbox.js" defer></script></head>
<body data-platform="${platform}" data-channel="${esc(place.id)}" data-as="${who.key}">
<header><b>Chat sandbox</b>${platformLink("discord", "Discord")}${platformLink("slack", "Slack")}<span>the real bots, on a local ${platform === "discord" ? "Discord" : "Slack"}</span></header>
<nav><h3>Channels</h3>${places
    .filter((p) => !p.dm)
    .map(placeLink)
    .join("")}<h3>Direct messages</h3>${places
    .filter((p) => p.dm)
    .map(placeLink)
    .join("")}<h3>You are</h3>${TEAMMATES.map(whoLink).join("")}</nav>
<main><div id="feed" aria-live="polite"></div></main>
<div><div id="error" role="alert"></div>
<ul id="suggestions" role="listbox" aria-label="suggestions"></ul>
<form class="composer" id="composer" data-files="${esc(JSON.stringify(o.files))}"><input name="text" id="command" list="commands" autocomplete="off" placeholder="${place.dm ? "Message" : `Message #${esc(place.name)}`}: /generate a lighthouse in fog" aria-label="command"><button type="submit">Send</button></form>
<div id="files"></div>
<datalist id="commands">${o.commands.map((c) => `<option value="${esc(c)}">`).join("")}</datalist>
<div class="help">${o.commands.map((c) => `<code>${esc(c)}</code>`).join(" · ")}</div></div>
<div id="modal"></div>
</body></html>
`;
}
