import { randomBytes } from "node:crypto";
import { checkBlocks, checkModalView } from "../blocks.js";
import { noteUnescaped } from "../control-sequences.js";
import type { SlackState } from "../state.js";
import { refuse, type SlackApp, webApiMethod } from "./web-api.js";

const viewHash = () => `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`;
const viewId = () => `V${randomBytes(5).toString("hex").toUpperCase()}`;

/** views.open (a modal, on a fresh trigger), views.update (an open modal) and views.publish (a user's App Home). */
export function viewsRoutes(app: SlackApp, state: SlackState) {
  webApiMethod(app, "views.open", (c) => {
    const args = c.get("args");
    const trigger = state.triggers.get(String(args.trigger_id ?? ""));
    if (!trigger) return refuse(c, "invalid_trigger_id");
    // Slack takes a trigger once, and only for 3 seconds after the interaction it came with.
    if (trigger.used || Date.now() - trigger.issuedAt > 3_000) return refuse(c, "expired_trigger_id");
    noteUnescaped(state, "views.open", args.view);
    const problems = checkModalView(args.view);
    if (problems.length) return refuse(c, "invalid_arguments", { response_metadata: { messages: problems.map((m) => `[ERROR] ${m}`) } });
    trigger.used = true;
    const view = args.view as Record<string, unknown>;
    const id = viewId();
    const hash = viewHash();
    // The modal opens for whoever's interaction the trigger came with.
    state.views.set(`${trigger.user}:${String(view.callback_id ?? "")}`, { id, user: trigger.user, view, hash });
    return c.json({ ok: true, view: { id, hash, ...view } });
  });

  // An open modal replaced by a new view: no trigger needed, the view_id names it; a `hash` from
  // an older state of it is refused (`hash_conflict`), as api.slack.com/methods/views.update says.
  webApiMethod(app, "views.update", (c) => {
    const args = c.get("args");
    const entry = [...state.views.entries()].find(([, v]) => v.id === args.view_id);
    if (!entry) return refuse(c, "not_found");
    const [key, open] = entry;
    if (args.hash !== undefined && args.hash !== open.hash) return refuse(c, "hash_conflict");
    noteUnescaped(state, "views.update", args.view);
    const problems = checkModalView(args.view);
    if (problems.length) return refuse(c, "invalid_arguments", { response_metadata: { messages: problems.map((m) => `[ERROR] ${m}`) } });
    const view = args.view as Record<string, unknown>;
    const hash = viewHash();
    state.views.delete(key);
    state.views.set(`${open.user}:${String(view.callback_id ?? "")}`, { id: open.id, user: open.user, view, hash });
    return c.json({ ok: true, view: { id: open.id, hash, ...view } });
  });

  webApiMethod(app, "views.publish", async (c) => {
    const args = c.get("args");
    const view = args.view as Record<string, unknown> | undefined;
    if (typeof args.user_id !== "string" || !args.user_id) return refuse(c, "invalid_arguments");
    noteUnescaped(state, "views.publish", view);
    if (view?.type !== "home")
      return refuse(c, "invalid_arguments", { response_metadata: { messages: ["[ERROR] must be home [json-pointer:/view/type]"] } });
    const problems = await checkBlocks(view.blocks, state.blockContext(""));
    if (problems.length || !Array.isArray(view.blocks) || view.blocks.length > 100)
      return refuse(c, "invalid_blocks", { errors: problems });
    state.homes.set(args.user_id, view);
    return c.json({ ok: true, view: { id: viewId(), ...view } });
  });
}
