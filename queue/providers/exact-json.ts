/**
 * JSON numbers that a double cannot hold exactly (fal's seeds, like 196619188014358660) kept as
 * their decimal text. The SDKs read bodies with `response.json()`, which would round them, so
 * the fetch they are given hands them bodies where such numbers are strings already.
 */

/** The body with every integer beyond 2^53 turned into its decimal string; other values unchanged. */
export function exactIntegersJson(text: string): string {
  // JSON.parse's reviver sees each number's source text (Node 22+), before it became a double.
  const value = JSON.parse(text, (_key, v: unknown, context?: { source?: string }) =>
    typeof v === "number" && !Number.isSafeInteger(v) && context?.source !== undefined && /^-?\d+$/.test(context.source)
      ? context.source
      : v,
  );
  return JSON.stringify(value);
}

/** A fetch whose JSON answers keep integers beyond 2^53 exact, as strings. */
export function exactIntegersFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    if (!(res.headers.get("content-type") ?? "").includes("application/json")) return res;
    const text = await res.text();
    let body = text;
    try {
      body = exactIntegersJson(text);
    } catch {
      // Not JSON after all: handed on as it came, for the SDK to report.
    }
    const headers = new Headers(res.headers);
    headers.delete("content-length");
    headers.delete("content-encoding");
    return new Response(body, { status: res.status, statusText: res.statusText, headers });
  };
}

/**
 * A decimal integer as a JSON number, exact: `JSON.rawJSON` (Node 22+) writes the digits as
 * they are where a double would round them. Typed as the number the SDK's input types expect.
 */
export function exactNumber(decimal: string): number {
  const n = Number(decimal);
  if (Number.isSafeInteger(n)) return n;
  return (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON(BigInt(decimal).toString()) as number;
}
