import { lookup as dnsLookup } from "node:dns/promises";
import { isIPv6, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";

/**
 * Outbound fetches of URLs that came from users or providers go through here: only http(s),
 * only public addresses, bounded size and time. The address is checked twice on every hop
 * (the first URL and each redirect): once before the request, for a clear error, and again
 * when the connection is made, against the very addresses it connects to, so a name that
 * resolves to a public address first and a private one a moment later (DNS rebinding) is
 * refused too.
 */
export class BlockedUrlError extends Error {
  override name = "BlockedUrlError";
}

/** One answer of a name lookup, as `dns.lookup(name, { all: true })` gives them. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all of its addresses. */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export interface GuardOptions {
  /** Origins trusted despite a private address: the local provider emulators, never user input. */
  allowOrigins?: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /**
   * How host names are resolved, both for the check before a request and at connect time; the
   * system resolver unless given. Tests pass their own to play a rebinding DNS server.
   */
  lookup?: Resolve;
}

const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true });

/** IANA's global unicast block: every other IPv6 address is special-purpose or unassigned. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");
const NAT64_WELL_KNOWN = ipaddr.parseCIDR("64:ff9b::/96");

/**
 * The IPv4 addresses an IPv6 address stands for, for the forms that embed one: IPv4-compatible
 * (`::/96`, which holds `::` and `::1` too), IPv4-mapped (`::ffff:0:0/96`), IPv4-translated
 * (`::ffff:0:0:0/96`), NAT64 (`64:ff9b::/96`), 6to4 (`2002::/16`) and Teredo (`2001::/32`: its
 * server, and its client stored inverted). Undefined for every other address.
 */
function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4[] | undefined {
  const b = ip.toByteArray();
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const v4 = (at: number, inverted = false) => new ipaddr.IPv4(b.slice(at, at + 4).map((x) => (inverted ? ~x & 0xff : x)));
  if (zero(0, 12)) return [v4(12)];
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return [v4(12)];
  if (zero(0, 8) && b[8] === 0xff && b[9] === 0xff && zero(10, 12)) return [v4(12)];
  if (ip.match(NAT64_WELL_KNOWN)) return [v4(12)];
  if (b[0] === 0x20 && b[1] === 0x02) return [v4(2)];
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) return [v4(4), v4(12, true)];
  return undefined;
}

/**
 * Whether an IP address is a public one we may connect to for a user: an IPv4 address outside
 * every special range ipaddr.js names (loopback, private, link-local, CGNAT, reserved, …); an
 * IPv6 address that embeds IPv4 by the IPv4 inside it; any other IPv6 address only in global
 * unicast (`2000::/3`) and outside its special ranges (documentation, benchmarking, ORCHID, …),
 * so unique-local, link-local, site-local, multicast and unspecified addresses are refused.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.parse(address);
  if (ip.kind() === "ipv4") return ip.range() === "unicast";
  const v6 = ip as ipaddr.IPv6;
  const inner = embeddedIPv4(v6);
  if (inner) return inner.every((v4) => v4.range() === "unicast");
  return v6.match(GLOBAL_UNICAST_V6) && v6.range() === "unicast";
}

function blockedAddress(hostname: string, address: string): BlockedUrlError {
  return new BlockedUrlError(`${hostname} resolves to a non-public address (${address}); only public hosts are fetched`);
}

/** Throws BlockedUrlError unless the URL is http(s) and every address its host resolves to is public. */
export async function assertPublicUrl(raw: string, opts: GuardOptions = {}): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BlockedUrlError(`not a URL: ${raw.slice(0, 100)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new BlockedUrlError(`only http(s) URLs are fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new BlockedUrlError("URLs with credentials are not fetched");
  if (opts.allowOrigins?.includes(url.origin)) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const resolve = opts.lookup ?? systemResolve;
  const addresses = ipaddr.isValid(host) ? [host] : (await resolve(host).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new BlockedUrlError(`${url.hostname} does not resolve`);
  const blocked = addresses.find((a) => !isPublicAddress(a));
  if (blocked) throw blockedAddress(url.hostname, blocked);
  return url;
}

/**
 * A `net.connect` lookup over `resolve`. With `check`, every address of the answer must be
 * public or the connection fails before it is made: the socket connects only to what was checked.
 */
function connectLookup(resolve: Resolve, check: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (answer) => {
        const family = options.family === 4 || options.family === "IPv4" ? 4 : options.family === 6 || options.family === "IPv6" ? 6 : 0;
        const addresses = answer.filter((a) => !family || a.family === family);
        const first = addresses[0];
        if (!first) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: "ENOTFOUND" }), "", 0);
        const blocked = check ? addresses.find((a) => !isPublicAddress(a.address)) : undefined;
        if (blocked) return callback(blockedAddress(hostname, blocked.address), "", 0);
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, "", 0),
    );
  };
}

/**
 * The dispatcher of guarded fetches: connections to an allowed origin are made as usual, every
 * other one only to public addresses (an IP literal is checked as is, a name through the lookup).
 */
function guardedAgent(resolve: Resolve, allowOrigins: ReadonlySet<string>): Agent {
  // HTTP/1.1 only, as the platform's fetch speaks to these hosts.
  const trusted = buildConnector({ allowH2: false, lookup: connectLookup(resolve, false) });
  const checked = buildConnector({ allowH2: false, lookup: connectLookup(resolve, true) });
  return new Agent({
    allowH2: false,
    connect(options, callback) {
      const host = isIPv6(options.hostname) ? `[${options.hostname}]` : options.hostname;
      const origin = new URL(`${options.protocol}//${host}${options.port ? `:${options.port}` : ""}`).origin;
      if (allowOrigins.has(origin)) return trusted(options, callback);
      if (ipaddr.isValid(options.hostname) && !isPublicAddress(options.hostname))
        return callback(blockedAddress(host, options.hostname), null);
      return checked(options, callback);
    },
  });
}

/** One dispatcher per resolver and set of allowed origins, so pooled connections are shared only under the same rule. */
const agents = new WeakMap<Resolve, Map<string, Agent>>();

function agentFor(opts: GuardOptions): Agent {
  const resolve = opts.lookup ?? systemResolve;
  const origins = [...new Set(opts.allowOrigins ?? [])].sort();
  const key = origins.join(" ");
  let byOrigins = agents.get(resolve);
  if (!byOrigins) {
    byOrigins = new Map();
    agents.set(resolve, byOrigins);
  }
  let agent = byOrigins.get(key);
  if (!agent) {
    agent = guardedAgent(resolve, new Set(origins));
    byOrigins.set(key, agent);
  }
  return agent;
}

/** The BlockedUrlError a failed fetch carries in its cause chain, if the guard was why it failed. */
function blockedCause(err: unknown): BlockedUrlError | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof BlockedUrlError) return e;
  }
  return undefined;
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * fetch() with the guard on the first URL and on each redirect (before the request and at
 * connect time), a timeout, and a size cap on the declared length. The body is left as a stream
 * for the caller to read with its own cap.
 */
export async function guardedFetch(raw: string, opts: GuardOptions = {}): Promise<Response> {
  const maxRedirects = opts.maxRedirects ?? 3;
  const dispatcher = agentFor(opts);
  let current = raw;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const url = await assertPublicUrl(current, opts);
    let res: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      res = await undiciFetch(url, { redirect: "manual", signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000), dispatcher });
    } catch (err) {
      throw blockedCause(err) ?? err;
    }
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
    // undici's own Response, handed on as the platform's (same stream, status and headers).
    return new Response(NULL_BODY_STATUSES.has(res.status) ? null : (res.body as ReadableStream<Uint8Array> | null), {
      status: res.status,
      statusText: res.statusText,
      headers: [...res.headers],
    });
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
