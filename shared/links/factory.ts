import type { Config } from "../config.js";
import { createLinkToken } from "./token.js";

export type LinkFactory = (jobId: string, fileName: string, version?: number) => string;

/** Makes `/d/:token` links that stay valid for the configured number of days. */
export function linkFactory(config: Pick<Config, "links">, baseUrl: string, now = Date.now()): LinkFactory {
  const expiresAt = Math.floor(now / 1000) + config.links.ttlDays * 86_400;
  const base = baseUrl.replace(/\/+$/, "");
  return (jobId, fileName, version) =>
    `${base}/d/${createLinkToken(config.links.signingSecret, { jobId, fileName, ...(version ? { version } : {}), expiresAt })}`;
}
