import type { AuthResult } from "../auth/authenticate.js";
import type { Principal } from "../../jobs/principal.js";
import type { AppDeps } from "../deps.js";

export interface Context {
  deps: AppDeps;
  requestId: string;
  auth: AuthResult;
  /** Base of the short download links in responses: PUBLIC_URL, else the request's origin. */
  baseUrl: string;
  /** Whose requests these are for the per-address limits (see clientAddress). */
  clientAddress: string;
}

export interface AuthedContext extends Context {
  principal: Principal;
}

export function createContext(
  deps: AppDeps,
  opts: { requestId: string; auth: AuthResult; baseUrl: string; clientAddress: string },
): Context {
  return { deps, ...opts };
}
