import { type Server, type Socket, connect, createServer } from "node:net";
import type { AddressInfo } from "node:net";

export interface ThrottledProxy {
  /** `http://127.0.0.1:<port>`: an endpoint to give a client instead of the target's. */
  url: string;
  /** Bytes per second each connection may send towards the target; 0 lets them through at once. */
  uploadBytesPerSecond: number;
  /** Bytes the clients have sent through to the target so far. */
  readonly uploadedBytes: number;
  close(): Promise<void>;
}

const SLICE = 16 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A TCP proxy to `target` (an http URL) that holds back what clients send, per connection, to
 * `uploadBytesPerSecond`; answers come back unthrottled. It makes an upload last long enough to
 * act in the middle of it. What a client sends is read at once and held here, so a client that
 * goes away takes its target connection with it at once: what the proxy still holds is dropped,
 * and the target sees a request cut off, as it would from a killed process.
 */
export async function startThrottledProxy(target: string, uploadBytesPerSecond = 0): Promise<ThrottledProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let uploadedBytes = 0;
  const proxy: ThrottledProxy = {
    url: "",
    uploadBytesPerSecond,
    get uploadedBytes() {
      return uploadedBytes;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client
      .on("error", drop)
      .on("end", drop)
      .on("close", () => {
        drop();
        sockets.delete(client);
      });
    // The target's answers pass unthrottled; its end ends the client's connection once they are out.
    upstream.on("error", drop).on("close", () => sockets.delete(upstream));
    upstream.pipe(client);

    // Client to target: read at once (so a client's end is seen at once), sent on in slices
    // spaced to the rate.
    const pending: Buffer[] = [];
    let pumping = false;
    const pump = async () => {
      if (pumping) return;
      pumping = true;
      while (pending.length > 0 && !upstream.destroyed) {
        const chunk = pending.shift() ?? Buffer.alloc(0);
        for (let at = 0; at < chunk.length && !upstream.destroyed; at += SLICE) {
          const slice = chunk.subarray(at, at + SLICE);
          if (proxy.uploadBytesPerSecond > 0) await sleep((slice.length / proxy.uploadBytesPerSecond) * 1000);
          if (upstream.destroyed) break;
          uploadedBytes += slice.length;
          if (!upstream.write(slice)) await new Promise((r) => upstream.once("drain", r).once("close", r));
        }
      }
      pumping = false;
    };
    client.on("data", (chunk: Buffer) => {
      pending.push(chunk);
      void pump();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
