import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/** One rule axe-core found broken on a page, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  nodes: Array<{ target: string[]; summary: string }>;
}

let source: Promise<string> | undefined;
/** axe-core's browser bundle, read once per test file. */
function axeSource(): Promise<string> {
  source ??= readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  return source;
}

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA, and its best practices) on the page as it is now and
 * returns the violations of at least `minImpact`. The gallery's CSP refuses inline scripts, so
 * addScriptTag({content}) would be blocked (and would need the CSP loosened, which would test
 * another page than the one served); page.evaluate runs in the page over the DevTools protocol,
 * which the CSP does not govern, so the page is checked with its real headers.
 */
export async function axeViolations(page: Page, minImpact: "serious" | "moderate" | "minor" = "serious"): Promise<AxeViolation[]> {
  const loaded = await page.evaluate("typeof window.axe === 'object'");
  if (!loaded) await page.evaluate(await axeSource());
  const rank = ["minor", "moderate", "serious", "critical"];
  const found = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), summary: n.failureSummary ?? "" })),
    }));
  })()`)) as AxeViolation[];
  return found.filter((v) => rank.indexOf(v.impact ?? "minor") >= rank.indexOf(minImpact));
}

/** The violations as lines a failed expectation can show: rule, impact, and where. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(" ")}: ${n.summary.replace(/\n/g, " ")}`).join("\n")}`,
    )
    .join("\n");
}
