import type { CliContext } from "./context.js";

/** `health`: the API's own check of its stores; a store down fails the command, for monitors. */
export async function health(ctx: CliContext): Promise<void> {
  const report = await ctx.api.health.check.query();
  if (ctx.json) ctx.result(report);
  else {
    ctx.out(`api ${report.status}`);
    for (const [name, d] of Object.entries(report.dependencies))
      ctx.out(`  ${name.padEnd(9)} ${d.status.padEnd(5)} ${d.latencyMs} ms${d.error ? `  ${d.error}` : ""}`);
  }
  if (report.status !== "ok") process.exitCode = 1;
}
