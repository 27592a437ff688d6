import { type Args, type CliContext, num, str } from "./context.js";

const usd = (n: number) => `$${n.toFixed(2)}`;

/** `usage [get]`: this month's (or another's) jobs and estimated cost, yours and the workspace's. */
export async function usageGet(ctx: CliContext, a: Args): Promise<void> {
  const month = str(a, "month");
  const u = await ctx.api.usage.get.query(month ? { month } : {});
  if (ctx.json) return ctx.result(u);
  ctx.out(
    `${u.month}: you ${u.me.jobs} jobs ${usd(u.me.costUsd)}; workspace ${u.workspace.jobs} jobs ${usd(u.workspace.costUsd)} (${u.members} members)`,
  );
  for (const [type, t] of Object.entries(u.me.byType)) ctx.out(`  ${type.padEnd(16)} you ${t.jobs} jobs ${usd(t.costUsd)}`);
}

/** `usage history`: the workspace's spend by month, and this month by member, beside the budgets. */
export async function usageHistory(ctx: CliContext, a: Args): Promise<void> {
  const months = num(a, "months");
  const h = await ctx.api.usage.history.query(months !== undefined ? { months } : {});
  if (ctx.json) return ctx.result(h);
  for (const m of h.months) ctx.out(`${m.month}  ${String(m.jobs).padStart(6)} jobs  ${usd(m.costUsd).padStart(10)}`);
  ctx.out(`${h.month} by member:`);
  for (const m of h.members) ctx.out(`  ${m.userId.padEnd(24)} ${String(m.jobs).padStart(6)} jobs  ${usd(m.costUsd).padStart(10)}`);
  const b = h.budgets;
  ctx.out(
    `budgets: workspace ${b.workspaceMonthlyUsd === null ? "none" : usd(b.workspaceMonthlyUsd)} a month, member ${b.memberMonthlyUsd === null ? "none" : usd(b.memberMonthlyUsd)} a month`,
  );
}
