import type { Context as HonoContext } from "hono";
import type { AppEnv } from "./app-env.js";
import { authenticate } from "./auth/authenticate.js";
import { clientAddress } from "./auth/client-address.js";
import type { AppDeps } from "./deps.js";
import { type Context, createContext } from "./trpc/context.js";

/** The tRPC context of one HTTP request, shared by /trpc and the REST routes. */
export async function requestContext(deps: AppDeps, c: HonoContext<AppEnv>): Promise<Context> {
  const auth = c.get("auth") ?? (await authenticate(deps, c.req.raw.headers));
  const baseUrl = deps.config.publicUrl ?? new URL(c.req.url).origin;
  const address = c.get("clientAddress") ?? clientAddress(c, deps.config.trustProxy);
  return createContext(deps, { requestId: c.get("requestId"), auth, baseUrl, clientAddress: address });
}
