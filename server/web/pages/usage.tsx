/** @jsxImportSource hono/jsx */
import { currentLocale, inViewerLocale } from "../locale/current.js";
import { usd as dollars } from "../locale/numbers.js";
import { teamText } from "../locale/sections-text.js";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../trpc/router.js";
import { Layout, type Viewer } from "./layout.js";

export type UsageHistory = inferRouterOutputs<AppRouter>["usage"]["history"];

const types = [
  ["image-generation", "#7cc4ff"],
  ["lora-training", "#c39bff"],
  ["transcription", "#7ee2a8"],
] as const;

const usd = (n: number) => dollars(n, 2);
const percent = (n: number) => new Intl.NumberFormat(currentLocale(), { style: "percent", maximumFractionDigits: 0 }).format(n);

/**
 * Twelve months of spend as stacked bars, one colour per job type, with the workspace's monthly
 * budget as a line. Drawn on the server as SVG; the table under it holds the same figures for
 * screen readers and for copying.
 */
function MonthsChart(props: { history: UsageHistory }) {
  const { months, budgets } = props.history;
  const width = 720;
  const height = 240;
  const pad = { left: 56, bottom: 28, top: 12, right: 8 };
  const top = Math.max(0.01, budgets.workspaceMonthlyUsd ?? 0, ...months.map((m) => m.costUsd)) * 1.1;
  const barW = (width - pad.left - pad.right) / months.length;
  const y = (v: number) => height - pad.bottom - (v / top) * (height - pad.top - pad.bottom);
  const text = inViewerLocale(teamText).usage;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="usage-chart-title" class="chart">
      <title id="usage-chart-title">{text.chartTitle}</title>
      {[0, 0.5, 1].map((f) => (
        <g>
          <line x1={pad.left} x2={width - pad.right} y1={y(top * f)} y2={y(top * f)} class="grid-line" />
          <text x={pad.left - 6} y={y(top * f) + 4} text-anchor="end" class="axis">
            {usd(top * f)}
          </text>
        </g>
      ))}
      {months.map((m, i) => {
        let base = 0;
        const x = pad.left + i * barW + barW * 0.15;
        return (
          <g>
            {types.map(([type, colour]) => {
              const v = m.byType[type].costUsd;
              const rect = (
                <rect x={x} width={barW * 0.7} y={y(base + v)} height={Math.max(0, y(base) - y(base + v))} fill={colour}>
                  <title>{text.barTitle(m.month, text.types[type], usd(v), m.byType[type].jobs)}</title>
                </rect>
              );
              base += v;
              return rect;
            })}
            <text x={x + barW * 0.35} y={height - 8} text-anchor="middle" class="axis">
              {m.month.slice(2)}
            </text>
          </g>
        );
      })}
      {budgets.workspaceMonthlyUsd !== null ? (
        <g>
          <line
            x1={pad.left}
            x2={width - pad.right}
            y1={y(budgets.workspaceMonthlyUsd)}
            y2={y(budgets.workspaceMonthlyUsd)}
            class="budget-line"
          />
          <text x={width - pad.right} y={y(budgets.workspaceMonthlyUsd) - 4} text-anchor="end" class="axis">
            {text.budget(usd(budgets.workspaceMonthlyUsd))}
          </text>
        </g>
      ) : null}
    </svg>
  );
}

export function UsagePage(props: { viewer: Viewer; history: UsageHistory }) {
  const { history } = props;
  const current = history.months.at(-1);
  const budget = history.budgets.workspaceMonthlyUsd;
  const text = inViewerLocale(teamText).usage;
  return (
    <Layout title={text.title} viewer={props.viewer} current="/app/usage">
      <h1>{text.title}</h1>
      <p>
        {text.thisMonth(history.month)}
        <strong>{usd(current?.costUsd ?? 0)}</strong>
        {text.spent(current?.jobs ?? 0)}
        {budget !== null ? text.ofBudget(percent((current?.costUsd ?? 0) / budget), usd(budget)) : text.noBudget}.
        {history.budgets.memberMonthlyUsd !== null ? text.memberBudget(usd(history.budgets.memberMonthlyUsd)) : ""}
      </p>
      <ul class="legend" aria-hidden="true">
        {types.map(([type]) => (
          <li>
            <span class={`swatch swatch-${type}`} /> {text.types[type]}
          </li>
        ))}
      </ul>
      <MonthsChart history={history} />
      <h2>{text.members}</h2>
      <table class="usage">
        <thead>
          <tr>
            <th scope="col">{text.member}</th>
            {types.map(([type]) => (
              <th scope="col">{text.types[type]}</th>
            ))}
            <th scope="col">{text.total}</th>
            {history.budgets.memberMonthlyUsd !== null ? <th scope="col">{text.ofBudgetColumn}</th> : null}
          </tr>
        </thead>
        <tbody>
          {history.members.length === 0 ? (
            <tr>
              <td colspan={5}>{text.noneThisMonth}</td>
            </tr>
          ) : (
            history.members.map((m) => (
              <tr>
                <th scope="row">{m.userId}</th>
                {types.map(([type]) => (
                  <td>
                    {usd(m.byType[type].costUsd)} <span class="muted">({m.byType[type].jobs})</span>
                  </td>
                ))}
                <td>{usd(m.costUsd)}</td>
                {history.budgets.memberMonthlyUsd !== null ? <td>{percent(m.costUsd / history.budgets.memberMonthlyUsd)}</td> : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
      <h2>{text.byMonth}</h2>
      <table class="usage">
        <thead>
          <tr>
            <th scope="col">{text.month}</th>
            {types.map(([type]) => (
              <th scope="col">{text.types[type]}</th>
            ))}
            <th scope="col">{text.total}</th>
          </tr>
        </thead>
        <tbody>
          {[...history.months].reverse().map((m) => (
            <tr>
              <th scope="row">{m.month}</th>
              {types.map(([type]) => (
                <td>{usd(m.byType[type].costUsd)}</td>
              ))}
              <td>{usd(m.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
