import type { Failure } from "./failures.js";

/** AssemblyAI's failures as classifyFailure reports them; undefined for an error that is not AssemblyAI's. */
export function assemblyAiFailure(_err: unknown): Failure | undefined {
  return undefined;
}
