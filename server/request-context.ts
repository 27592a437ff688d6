import type { Context as HonoContext } from "hono";
import type { AppEnv } from "./app-env.js";
import { authenticate } from "./auth/authenticate.js";
import { clientAddress } from "./auth/client-address.js";
import type { AppDeps } from "./deps.js";
import { type Context, createContext } from "./trpc/context.js";

/** Origins by the scheme-and-host prefix of request URLs: a server sees few, and parsing a URL per request is not free. */
const origins = new Map<string, string>();

function originOf(url: string): string {
  const end = url.indexOf("/", url.indexOf("//") + 2);
  const prefix = end === -1 ? url : url.slice(0, end);
  let origin = origins.get(prefix);
  if (origin === undefined) {
    origin = new URL(prefix).origin;
    if (origins.size >= 100) origins.clear();
    origins.set(prefix, origin);
  }
  return origin;
}

/** The tRPC context of one HTTP request, shared by /trpc and the REST routes. */
export async function requestContext(deps: AppDeps, c: HonoContext<AppEnv>): Promise<Context> {
  const auth = c.get("auth") ?? (await authenticate(deps, c.req.raw.headers));
  const baseUrl = deps.config.publicUrl ?? originOf(c.req.url);
  const address = c.get("clientAddress") ?? clientAddress(c, deps.config.trustProxy);
  return createContext(deps, { requestId: c.get("requestId"), auth, baseUrl, clientAddress: address });
}
