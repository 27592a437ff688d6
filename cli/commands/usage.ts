import { usageHistoryInput, usageInput } from "../../shared/usage/input.js";
import { counted, noun, table, usd } from "../format.js";
import { checkWith } from "../validate.js";
import { type Args, type CliContext, num, str } from "./context.js";

/** `usage [get]`: this month's (or another's) jobs and estimated cost, yours and the workspace's. */
export async function usageGet(ctx: CliContext, a: Args): Promise<void> {
  const month = str(a, "month");
  const input = month !== undefined ? { month } : {};
  checkWith(usageInput, a.command, input);
  const u = await ctx.api.usage.get.query(input);
  if (ctx.json) return ctx.result(u);
  ctx.out(
    `${u.month}: you ${counted(u.me.jobs, "job")} ${usd(u.me.costUsd)}; workspace ${counted(u.workspace.jobs, "job")} ${usd(u.workspace.costUsd)} (${counted(u.members, "member")})`,
  );
  const rows = Object.entries(u.me.byType).map(([type, t]) => [`  ${type}`, "you", String(t.jobs), noun(t.jobs, "job"), usd(t.costUsd)]);
  for (const line of table(rows, [2, 4])) ctx.out(line);
}

/** `usage history`: the workspace's spend by month, and this month by member, beside the budgets. */
export async function usageHistory(ctx: CliContext, a: Args): Promise<void> {
  const months = num(a, "months");
  const input = months !== undefined ? { months } : {};
  checkWith(usageHistoryInput, a.command, input);
  const h = await ctx.api.usage.history.query(input);
  if (ctx.json) return ctx.result(h);
  const byMonth = h.months.map((m) => [m.month, String(m.jobs), noun(m.jobs, "job"), usd(m.costUsd)]);
  for (const line of table(byMonth, [1, 3])) ctx.out(line);
  ctx.out(`${h.month} by member:`);
  const byMember = h.members.map((m) => [`  ${m.userId}`, String(m.jobs), noun(m.jobs, "job"), usd(m.costUsd)]);
  for (const line of table(byMember, [1, 3])) ctx.out(line);
  const b = h.budgets;
  ctx.out(
    `budgets: workspace ${b.workspaceMonthlyUsd === null ? "none" : usd(b.workspaceMonthlyUsd)} a month, member ${b.memberMonthlyUsd === null ? "none" : usd(b.memberMonthlyUsd)} a month`,
  );
}
