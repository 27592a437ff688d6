import { timingSafeEqual } from "node:crypto";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.js";
import { processRegistry } from "./process.js";

/** Compares a presented token with the expected one in constant time. */
export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The bearer token of an Authorization header, or "". */
export const bearerOf = (header: string | undefined) => /^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "";

/**
 * The worker's and the bot's own /metrics, on METRICS_PORT: they serve no HTTP otherwise.
 * Behind the same METRICS_TOKEN as the web process's /metrics; without a token, not started.
 */
export async function serveProcessMetrics(opts: {
  port: number | undefined;
  token: string | undefined;
  logger: Logger;
}): Promise<{ url: string; close(): Promise<void> } | undefined> {
  const { port, token, logger } = opts;
  if (port === undefined) return undefined;
  if (!token) {
    logger.warn({ port }, "METRICS_PORT is set but METRICS_TOKEN is not: metrics are not served");
    return undefined;
  }
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/metrics") return void res.writeHead(404).end();
    if (!sameToken(bearerOf(req.headers.authorization), token)) return void res.writeHead(401).end();
    processRegistry.metrics().then(
      (text) => res.writeHead(200, { "content-type": processRegistry.contentType }).end(text),
      (err: unknown) => {
        logger.warn({ err }, "metrics failed");
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  logger.info({ url }, "metrics listening");
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
