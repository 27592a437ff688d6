import { readFile } from "node:fs/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/**
 * The top self-time functions of a V8 .cpuprofile (from `node --cpu-prof`), and the total time
 * under the calls whose names match a filter: `tsx bench/profile-summary.ts <file> [top] [regexp]`.
 */
async function main() {
  const [file, topArg, filter] = process.argv.slice(2);
  if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [top] [regexp]");
  const profile = JSON.parse(await readFile(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const label = (n: ProfileNode) => {
    const url = n.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|main)\//, "$1/");
    return `${n.callFrame.functionName || "(anonymous)"} ${url}:${n.callFrame.lineNumber + 1}`;
  };
  let total = 0;
  let idle = 0;
  const self = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    total += us;
    if (n.callFrame.functionName === "(idle)") idle += us;
    const key = label(n);
    self.set(key, (self.get(key) ?? 0) + us);
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(n.callFrame.url)?.[1] ??
      (n.callFrame.url.startsWith("node:") ? "node internals" : n.callFrame.url ? "project" : n.callFrame.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
  process.stdout.write(`total ${ms(total)}, idle ${ms(idle)}, busy ${ms(busy)} (percentages are of busy time)\n\nself time by function:\n`);
  self.delete("(idle) :0");
  byPackage.delete("(idle)");
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 40)))
    process.stdout.write(`${pct(us)} ${ms(us)}  ${k}\n`);
  process.stdout.write("\nself time by package:\n");
  for (const [k, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 25)) process.stdout.write(`${pct(us)} ${ms(us)}  ${k}\n`);
  if (filter) {
    // Total (inclusive) time of samples with a matching frame on their stack, each sample once.
    const re = new RegExp(filter);
    const inclusive = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const n = byId.get(cur);
        if (n && re.test(label(n))) seen.add(label(n));
      }
      for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    process.stdout.write(`\ntotal time under frames matching /${filter}/:\n`);
    for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40)) process.stdout.write(`${pct(us)} ${ms(us)}  ${k}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
