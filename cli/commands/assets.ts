import type { JobType } from "../../shared/db/mongo/job-schema.js";
import { bytes, jobSummary, table, usd } from "../format.js";
import { type Args, type CliContext, bool, num, str } from "./context.js";

const page = (a: Args) => ({
  ...(num(a, "limit") !== undefined ? { limit: num(a, "limit") } : {}),
  ...(str(a, "cursor") ? { cursor: str(a, "cursor") } : {}),
  ...(str(a, "user") ? { userId: str(a, "user") } : {}),
});

/** `assets loras|images|transcripts|videos`: one line per file, with its link. */
export async function assetsList(ctx: CliContext, a: Args): Promise<void> {
  const kind = a.command.path[1] as "loras" | "images" | "transcripts" | "videos";
  const list = await ctx.api.assets.list.query({ kind, ...page(a) });
  if (ctx.json) return ctx.result(list);
  const rows = list.items.map((f) => [
    f.jobId,
    `v${f.version}`,
    f.fileName,
    f.sizeBytes === undefined || f.sizeBytes === null ? "?" : bytes(f.sizeBytes),
    f.url,
  ]);
  for (const line of table(rows, [3])) ctx.out(line);
  if (list.nextCursor) ctx.out(`more: cg assets ${kind} --cursor ${list.nextCursor}`);
}

export async function assetsSearch(ctx: CliContext, a: Args): Promise<void> {
  const type = str(a, "type") as JobType | undefined;
  const found = await ctx.api.assets.search.query({ q: a.positionals.join(" "), ...(type ? { type } : {}), ...page(a) });
  if (ctx.json) return ctx.result(found);
  for (const j of found.items) ctx.out(`${j.jobId}  ${j.type.padEnd(16)}  ${j.status.padEnd(9)}  ${jobSummary(j).slice(0, 60)}`);
  if (found.nextCursor) ctx.out(`more: cg assets search ${a.positionals.join(" ")} --cursor ${found.nextCursor}`);
}

export async function assetsStats(ctx: CliContext, a: Args): Promise<void> {
  const stats = await ctx.api.assets.stats.query({
    scope: bool(a, "workspace") ? "workspace" : "me",
    ...(str(a, "user") ? { userId: str(a, "user") } : {}),
  });
  if (ctx.json) return ctx.result(stats);
  type Counts = { jobs: number; files: number; bytes: number; providerCostUsd: number };
  const row = (name: string, s: Counts) => [name, String(s.jobs), String(s.files), bytes(s.bytes), usd(s.providerCostUsd)];
  const rows = [
    ["", "jobs", "files", "size", "cost"],
    ...Object.entries(stats.byType).map(([type, s]) => row(type, s)),
    row("total", stats.totals),
  ];
  for (const line of table(rows, [1, 2, 3, 4])) ctx.out(line);
  ctx.out(`storage: about ${usd(stats.totals.storageCostUsdPerMonth)} a month`);
}

/** `assets download-url <jobId> <file>`: a presigned GET, printed alone so `curl "$(cg assets download-url …)"` works. */
export async function assetsDownloadUrl(ctx: CliContext, a: Args): Promise<void> {
  const [jobId, file] = a.positionals as [string, string];
  const version = num(a, "version");
  const expiresIn = num(a, "expires");
  const link = await ctx.api.assets.downloadUrl.query({
    jobId,
    file,
    ...(version !== undefined ? { version } : {}),
    ...(expiresIn !== undefined ? { expiresIn } : {}),
  });
  return ctx.json ? ctx.result(link) : ctx.out(link.url);
}
