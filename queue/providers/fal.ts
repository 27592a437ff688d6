import { ApiError, type FalClient, createFalClient } from "@fal-ai/client";
import type { Config } from "../../shared/config.js";
import { providerFetch } from "../../shared/metrics/process.js";

/** fal's hosts; requests to them go to FAL_BASE_URL instead when it is set (the local emulator). */
const FAL_HOSTS = /^https:\/\/(queue\.|rest\.)?fal\.run/;

/** The queue API's operation from its URL: submit, status, result or cancel. */
function falOperation(method: string, url: URL): string {
  if (url.pathname.endsWith("/status")) return "status";
  if (url.pathname.endsWith("/cancel")) return "cancel";
  if (url.pathname.includes("/requests/")) return "result";
  return method === "POST" ? "submit" : "other";
}

export function createFal(providers: Config["providers"]): FalClient {
  const base = providers.falBaseUrl?.replace(/\/+$/, "");
  return createFalClient({
    credentials: providers.falKey,
    suppressLocalCredentialsWarning: true,
    // Every call timed in provider_call_duration_seconds and bounded: a hung fal call fails
    // the attempt (retried) instead of holding a worker.
    fetch: providerFetch("fal", falOperation, 60_000),
    ...(base ? { requestMiddleware: async (req) => ({ ...req, url: req.url.replace(FAL_HOSTS, base) }) } : {}),
  });
}

/** A provider answer that retrying cannot change (bad input, auth, not found); 408 and 429 are transient. */
export function isPermanentProviderError(err: unknown): boolean {
  const status = err instanceof ApiError ? err.status : typeof err === "object" && err && "status" in err ? Number((err as { status: unknown }).status) : undefined;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

export function providerErrorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const body = err.body as { detail?: unknown } | undefined;
    const detail = Array.isArray(body?.detail)
      ? body.detail.map((d: { msg?: string; loc?: unknown[] }) => `${(d.loc ?? []).slice(1).join(".")}: ${d.msg ?? ""}`).join("; ")
      : typeof body?.detail === "string"
        ? body.detail
        : err.message;
    return `provider refused the request (${err.status}): ${detail}`;
  }
  return err instanceof Error ? err.message : String(err);
}
