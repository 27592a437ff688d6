import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

/**
 * Outbound fetches of URLs that came from users or providers go through here: only http(s),
 * only public addresses (checked after DNS, on every redirect hop), bounded size and time.
 */
export class BlockedUrlError extends Error {
  override name = "BlockedUrlError";
}

export interface GuardOptions {
  /** Origins trusted despite a private address: the local provider emulators, never user input. */
  allowOrigins?: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

function isPublic(address: string): boolean {
  const parsed = ipaddr.process(address);
  return parsed.range() === "unicast";
}

/** Throws BlockedUrlError unless the URL is http(s) and every address its host resolves to is public. */
export async function assertPublicUrl(raw: string, opts: GuardOptions = {}): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BlockedUrlError(`not a URL: ${raw.slice(0, 100)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new BlockedUrlError(`only http(s) URLs are fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new BlockedUrlError("URLs with credentials are not fetched");
  if (opts.allowOrigins?.includes(url.origin)) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new BlockedUrlError(`${url.hostname} does not resolve`);
  const blocked = addresses.find((a) => !isPublic(a));
  if (blocked) throw new BlockedUrlError(`${url.hostname} resolves to a non-public address (${blocked}); only public hosts are fetched`);
  return url;
}

/**
 * fetch() with the guard on the first URL and on each redirect, a timeout, and a size cap on
 * the declared length. The body is left as a stream for the caller to read with its own cap.
 */
export async function guardedFetch(raw: string, opts: GuardOptions = {}): Promise<Response> {
  const maxRedirects = opts.maxRedirects ?? 3;
  let current = raw;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const url = await assertPublicUrl(current, opts);
    const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
    if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
      current = new URL(res.headers.get("location") ?? "", url).toString();
      await res.body?.cancel();
      continue;
    }
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (opts.maxBytes && declared > opts.maxBytes) {
      await res.body?.cancel();
      throw new BlockedUrlError(`${url.hostname} sent ${declared} bytes, more than the limit of ${opts.maxBytes}`);
    }
    return res;
  }
  throw new BlockedUrlError(`more than ${maxRedirects} redirects`);
}

/** Reads a response body into memory, refusing more than `maxBytes`. */
export async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  if (!res.body) return Buffer.alloc(0);
  for await (const chunk of res.body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new BlockedUrlError(`response larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
