import type { AppDeps } from "../deps.js";

export interface Context {
  deps: AppDeps;
  requestId: string;
}

export function createContext(deps: AppDeps, requestId: string): Context {
  return { deps, requestId };
}
