import type { AuthResult } from "./auth/authenticate.js";

/** Set per request: the request id, and the caller's authentication once /trpc or /api checked it. */
export type AppEnv = { Variables: { requestId: string; auth?: AuthResult; clientAddress?: string } };
