/** A calendar month in UTC ("2026-11", or the current one): [from, to) and its label. */
export function monthRange(month: string | undefined, now = new Date()): { from: Date; to: Date; label: string } {
  const [y, m] = month ? month.split("-").map(Number) : [now.getUTCFullYear(), now.getUTCMonth() + 1];
  const from = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
  const to = new Date(Date.UTC(y ?? 1970, m ?? 1, 1));
  return { from, to, label: from.toISOString().slice(0, 7) };
}
