import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { Config } from "../../shared/config.js";

/**
 * The bucket of a request made inside this process (the Slack app calling the API through
 * `app.request()`): it has no socket, and nothing from outside can reach it, so it never shares a
 * bucket with a stranger however their headers read.
 */
export const IN_PROCESS = "in-process";

/**
 * Who is calling, for the per-address limits: the socket's peer, unless TRUST_PROXY names the
 * proxy in front of us and so which header to believe. A header is only as good as the proxy
 * that sets it: without one, any client could send any value and pick its own bucket, or a
 * victim's. `fly`: Fly's edge sets Fly-Client-IP and drops a client's own. `x-forwarded-for:N`:
 * N proxies of ours append to X-Forwarded-For, so the client is the Nth address from the right.
 */
export function clientAddress(c: Context, trust: Config["trustProxy"]): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  if (!peer) return IN_PROCESS;
  if (trust.kind === "fly") return c.req.header("fly-client-ip")?.trim() || peer;
  if (trust.kind === "x-forwarded-for") {
    const hops = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean);
    return hops[hops.length - trust.hops] ?? peer;
  }
  return peer;
}
