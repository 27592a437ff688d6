import { clockOf } from "../../shared/meeting-search/moment.js";
import { type Args, type CliContext, num, str } from "./context.js";

/** `search <words…>`: the team's meetings, one hit a paragraph: where, who and when, the quote, the link to that moment. */
export async function search(ctx: CliContext, a: Args): Promise<void> {
  const query = a.positionals.join(" ");
  const limit = num(a, "limit");
  const cursor = str(a, "cursor");
  const found = await ctx.api.transcripts.search.query({ query, ...(limit !== undefined ? { limit } : {}), ...(cursor ? { cursor } : {}) });
  if (ctx.json) return ctx.result(found);
  if (found.hits.length === 0) ctx.out(`no meeting says ${query}`);
  for (const h of found.hits) {
    ctx.out(`${h.fileName}  ${clockOf(h.start)}${h.speakerName ? `  ${h.speakerName}` : h.speaker ? `  Speaker ${h.speaker}` : ""}`);
    ctx.out(`  “${h.quote}”`);
    ctx.out(`  ${h.link}`);
  }
  if (found.nextCursor) ctx.out(`more: cg search ${JSON.stringify(query)} --cursor ${found.nextCursor}`);
}
