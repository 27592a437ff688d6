import { readFileSync } from "node:fs";
import path from "node:path";
import { Hono } from "hono";
import { z } from "zod";
import { manifestCommands } from "../fakes/slack/scopes.js";
import { Activity } from "./activity.js";
import { autocompleteRoute } from "./autocomplete.js";
import type { SandboxDeps } from "./deps.js";
import { discordFileOptions, discordUsage } from "./discord-commands.js";
import { discordFeed } from "./discord-feed.js";
import { memberRoutes } from "./member-routes.js";
import { discordModalForm, slackModalForm } from "./modals.js";
import { sandboxPage } from "./page.js";
import { picture } from "./pictures.js";
import { slackFeed } from "./slack-feed.js";
import { type Platform, placesOf, platformOf, teammate } from "./world.js";

const script = readFileSync(path.join(import.meta.dirname, "client.js"), "utf8");

/** The page's own rules: its script and pictures from here, and the inline styles the platforms' renderings use. */
const CSP =
  "default-src 'self'; img-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

const isLoopback = (address: string) => address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");

const where = z.object({ platform: z.string().optional(), channel: z.string().optional(), as: z.string().optional() });

function placeOf(platform: Platform, who: ReturnType<typeof teammate>, channel: string | undefined) {
  const places = placesOf(platform, who);
  return places.find((p) => p.id === channel) ?? places[0];
}

/** Slack commands whose usage hint asks for a link (`<link>`, `<Slack file link>`): the page offers to share a file with them. */
const slackFileCommands = () =>
  Object.fromEntries(manifestCommands().flatMap((c) => (/<[^>]*link>/.test(c.hint) ? [[c.command.slice(1), ["file"]]] : [])));

/**
 * The chat sandbox (`/sandbox`): a page where a newcomer acts as a teammate in the local Discord
 * or Slack and sees the real bots answer, as each platform shows it. Everything a member does goes
 * through the fakes' member actions, so the bots get what the platforms would send them.
 */
export function sandboxApp(deps: SandboxDeps) {
  const activity = new Activity();
  const app = new Hono();
  app.use(async (c, next) => {
    // Anyone who reaches the page acts as a member and runs jobs: it answers this machine only.
    const from = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
    if (from !== undefined && !isLoopback(from)) return c.text("the chat sandbox answers on this machine only (127.0.0.1)", 403);
    await next();
    c.header("Content-Security-Policy", CSP);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Cache-Control", "no-store");
  });

  const commandsOf = (platform: Platform) =>
    platform === "discord"
      ? discordUsage(deps.discord.registeredCommands() as never)
      : manifestCommands().map((c) => `${c.command} ${c.hint}`.trim());

  app.get("/", (c) => {
    const q = where.parse(c.req.query());
    const platform = platformOf(q.platform);
    const who = teammate(q.as);
    const place = placeOf(platform, who, q.channel);
    if (!place) return c.notFound();
    const files = platform === "discord" ? discordFileOptions(deps.discord.registeredCommands() as never) : slackFileCommands();
    return c.html(sandboxPage({ platform, place, who, commands: commandsOf(platform), files }));
  });

  app.get("/sandbox.js", (c) => c.body(script, 200, { "content-type": "text/javascript; charset=utf-8" }));

  app.get("/icon.svg", (c) =>
    c.body('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="4" fill="#5865f2"/></svg>', 200, {
      "content-type": "image/svg+xml",
    }),
  );

  app.get("/feed", (c) => {
    const q = where.parse(c.req.query());
    const platform = platformOf(q.platform);
    const who = teammate(q.as);
    const place = placeOf(platform, who, q.channel);
    if (!place) return c.notFound();
    if (platform === "discord") {
      const shown = deps.discord.shownModals(who.discordId).at(-1);
      return c.json({
        html: discordFeed(deps.discord, activity, place.id, who),
        modal: shown ? discordModalForm(shown.customId, shown.data) : null,
      });
    }
    const opened = deps.slack.openedViews(who.slackId).at(-1);
    return c.json({
      html: slackFeed(deps.slack, activity, place.id, who),
      modal: opened ? slackModalForm(opened, placesOf("slack", who)) : null,
    });
  });

  app.get("/picture", (c) => picture(deps, c.req.query("u"), c.req.query("slack")));

  app.route("/", memberRoutes(deps, activity));
  app.route("/", autocompleteRoute(deps));
  return app;
}
