import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { BlockedUrlError, type Resolve, type ResolvedAddress, guardedFetch } from "../../shared/net/ssrf.js";

/**
 * A DNS server that rebinds: a name answers a public address the first time it is asked and
 * loopback every time after. The guard asks once before the request; whatever connects asks again.
 */
function rebinding(names: readonly string[], later: ResolvedAddress[] = [{ address: "127.0.0.1", family: 4 }]) {
  const asked = new Map<string, number>();
  const resolve: Resolve = async (hostname) => {
    const n = (asked.get(hostname) ?? 0) + 1;
    asked.set(hostname, n);
    if (!names.includes(hostname)) throw Object.assign(new Error(`${hostname} is unknown here`), { code: "ENOTFOUND" });
    return n === 1 ? [{ address: "93.184.215.14", family: 4 }] : later;
  };
  return { resolve, asked: (name: string) => asked.get(name) ?? 0 };
}

// The system resolver, played by a rebinding one for `localhost`, so the guard's default path is
// tested too. Node's own connect (what a plain fetch uses) still resolves `localhost` for real.
const system = vi.hoisted(() => ({ asked: new Map<string, number>() }));
vi.mock("node:dns/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:dns/promises")>();
  const lookup = async (hostname: string, options?: unknown) => {
    const n = (system.asked.get(hostname) ?? 0) + 1;
    system.asked.set(hostname, n);
    if (hostname === "localhost" && n === 1) return [{ address: "93.184.215.14", family: 4 }];
    return real.lookup(hostname, options as { all: true });
  };
  return { ...real, default: { ...real, lookup }, lookup };
});

/**
 * A local HTTP server that records every request it gets: an internal service, or (with
 * `redirect`) a trusted emulator whose /hop redirects to where `redirect.to` says.
 */
async function localServer(redirect?: { to: string }): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    if (redirect && req.url === "/hop") {
      res.writeHead(302, { location: redirect.to });
      return res.end();
    }
    res.end("internal secret");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

describe("the SSRF guard checks the address it connects to (DNS rebinding)", () => {
  let internal: Awaited<ReturnType<typeof localServer>>;
  let emulator: Awaited<ReturnType<typeof localServer>>;
  const redirect = { to: "/" };
  beforeAll(async () => {
    internal = await localServer();
    emulator = await localServer(redirect);
  });
  afterAll(() => {
    internal.server.close();
    emulator.server.close();
  });
  beforeEach(() => {
    internal.hits.length = 0;
    emulator.hits.length = 0;
    system.asked.clear();
  });

  it("a name that answers public to the check and loopback at connect time is refused, and the server sees no request", async () => {
    const dns = rebinding(["internal.example"]);
    const err = await guardedFetch(`http://internal.example:${internal.port}/secret`, { lookup: dns.resolve }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlockedUrlError);
    expect((err as Error).message).toMatch(/internal\.example resolves to a non-public address \(127\.0\.0\.1\)/);
    // Asked twice: once by the check before the request, once at connect time.
    expect(dns.asked("internal.example")).toBe(2);
    expect(internal.hits).toEqual([]);
  });

  it.each([
    [
      "a public and a loopback address",
      [
        { address: "93.184.215.14", family: 4 },
        { address: "127.0.0.1", family: 4 },
      ],
    ],
    ["an IPv4-compatible IPv6 loopback", [{ address: "::7f00:1", family: 6 }]],
    ["a unique-local IPv6 address", [{ address: "fd00::1", family: 6 }]],
  ])("a second answer of %s is refused at connect time", async (_what, later) => {
    const dns = rebinding(["internal.example"], later);
    await expect(guardedFetch(`http://internal.example:${internal.port}/secret`, { lookup: dns.resolve })).rejects.toThrow(BlockedUrlError);
    expect(internal.hits).toEqual([]);
  });

  it("a redirect hop is checked at connect time too, even from a trusted origin", async () => {
    const dns = rebinding(["internal.example"]);
    const trusted = `http://127.0.0.1:${emulator.port}`;
    redirect.to = `http://internal.example:${internal.port}/secret`;
    await expect(guardedFetch(`${trusted}/hop`, { allowOrigins: [trusted], lookup: dns.resolve })).rejects.toThrow(
      /non-public address \(127\.0\.0\.1\)/,
    );
    expect(emulator.hits).toEqual(["GET /hop"]);
    expect(dns.asked("internal.example")).toBe(2);
    expect(internal.hits).toEqual([]);
  });

  it("a trusted origin may still connect to loopback, by name through the same resolver", async () => {
    const loopback: Resolve = async () => [{ address: "127.0.0.1", family: 4 }];
    const origin = `http://emulator.test:${internal.port}`;
    const res = await guardedFetch(`${origin}/ok`, { allowOrigins: [origin], lookup: loopback });
    expect(await res.text()).toBe("internal secret");
    expect(internal.hits).toEqual(["GET /ok"]);
    await expect(guardedFetch(`${origin}/ok`, { lookup: loopback })).rejects.toThrow(/non-public address/);
  });

  it("with the system resolver: the check's public answer does not let the connection reach loopback", async () => {
    await expect(guardedFetch(`http://localhost:${internal.port}/secret`)).rejects.toThrow(/localhost resolves to a non-public address/);
    // The check was answered public; the refusal came from the lookup at connect time.
    expect(system.asked.get("localhost")).toBe(2);
    expect(internal.hits).toEqual([]);
  });
});
