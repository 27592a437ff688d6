import { table } from "../format.js";
import type { CliContext } from "./context.js";

/** `health`: the API's own check of its stores; a store down fails the command, for monitors. */
export async function health(ctx: CliContext): Promise<void> {
  const report = await ctx.api.health.check.query();
  if (ctx.json) ctx.result(report);
  else {
    ctx.out(`api ${report.status} at ${ctx.apiUrl}`);
    const rows = Object.entries(report.dependencies).map(([name, d]) => [`  ${name}`, d.status, `${d.latencyMs} ms`, d.error ?? ""]);
    for (const line of table(rows, [2])) ctx.out(line);
  }
  if (report.status !== "ok") process.exitCode = 1;
}
