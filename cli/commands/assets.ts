import { parseArgs } from "node:util";
import { UsageError } from "../client.js";
import type { CliContext } from "./context.js";

const usage =
  "usage: assets loras|images|transcripts [--user <id>] [--limit n] [--cursor c] | assets search <words> | assets stats [--workspace]";
const kinds = ["loras", "images", "transcripts"] as const;

export async function assets(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      user: { type: "string" },
      limit: { type: "string" },
      cursor: { type: "string" },
      workspace: { type: "boolean", default: false },
    },
  });
  const [verb, ...rest] = positionals;
  const page = {
    ...(values.limit ? { limit: Number(values.limit) } : {}),
    ...(values.cursor ? { cursor: values.cursor } : {}),
    ...(values.user ? { userId: values.user } : {}),
  };
  if (verb === "stats") {
    const stats = await ctx.api.assets.stats.query({
      scope: values.workspace ? "workspace" : "me",
      ...(values.user ? { userId: values.user } : {}),
    });
    if (ctx.json) return ctx.result(stats);
    for (const [type, s] of Object.entries(stats.byType))
      ctx.out(`${type.padEnd(16)} ${s.jobs} jobs  ${s.files} files  ${s.bytes} bytes  $${s.providerCostUsd}`);
    ctx.out(
      `total            ${stats.totals.jobs} jobs  ${stats.totals.files} files  ${stats.totals.bytes} bytes  $${stats.totals.providerCostUsd}`,
    );
    return;
  }
  if (verb === "search") {
    if (rest.length === 0) throw new UsageError(usage);
    const found = await ctx.api.assets.search.query({ q: rest.join(" "), ...page });
    if (ctx.json) return ctx.result(found);
    for (const j of found.items)
      ctx.out(
        `${j.jobId}  ${j.type.padEnd(16)}  ${j.status.padEnd(9)}  ${String(j.input.prompt ?? j.input.triggerWord ?? "").slice(0, 60)}`,
      );
    return;
  }
  if (!verb || !(kinds as readonly string[]).includes(verb)) throw new UsageError(usage);
  const list = await ctx.api.assets.list.query({ kind: verb as (typeof kinds)[number], ...page });
  if (ctx.json) return ctx.result(list);
  for (const a of list.items)
    ctx.out(`${a.jobId}  v${a.version}  ${a.fileName.padEnd(20)}  ${String(a.sizeBytes ?? "?").padStart(10)} bytes  ${a.url}`);
  if (list.nextCursor) ctx.out(`more: assets ${verb} --cursor ${list.nextCursor}`);
}
