import { createRequire } from "node:module";
import { setTimeout as sleep } from "node:timers/promises";
import { MongoClient, MongoNetworkError } from "mongodb";
import { describe, expect, it } from "vitest";
import { testConfig } from "../helpers/stack.js";

// The driver's connection layer is not part of its public API; these tests reach it the way the
// driver's own tests do, to put a connection in the state a peer's close leaves it in.
const require = createRequire(import.meta.url);
const { makeSocket, makeConnection, performInitialHandshake } = require("mongodb/lib/cmap/connect.js");
const { HostAddress, ns } = require("mongodb/lib/utils.js");

interface DriverConnection {
  socket: import("node:net").Socket;
  closed: boolean;
  command(namespace: unknown, cmd: object, options: object): Promise<unknown>;
  destroy(): void;
}

/** A connection to the real MongoDB-wire server, handshake done, as the driver's monitor holds one. */
async function openConnection(): Promise<DriverConnection> {
  const url = new URL(testConfig().mongo.url ?? "");
  const client = new MongoClient(url.toString());
  const options = { ...client.options, hostAddress: HostAddress.fromString(url.host), id: "<test>", generation: 0, credentials: undefined };
  const socket = await makeSocket(options);
  const connection = makeConnection(options, socket) as DriverConnection;
  await performInitialHandshake(connection, options);
  return connection;
}

/** What a command settles to within `ms`, or "still waiting". */
async function settleWithin(command: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([
    command.then(
      (v) => ({ value: v }),
      (err: unknown) => err,
    ),
    sleep(ms).then(() => "still waiting"),
  ]);
}

describe("mongodb driver patch (patches/mongodb+7.9.0.patch)", () => {
  it("a command on a socket the peer closed, before the connection has heard of it, fails instead of waiting for good", async () => {
    const connection = await openConnection();
    expect(await connection.command(ns("admin.$cmd"), { ping: 1 }, {})).toMatchObject({ ok: 1 });
    // The state a server's restart leaves behind for a moment: the socket is destroyed, its
    // 'close' event has not run yet, so the connection still counts itself open.
    connection.socket.destroy();
    expect(connection.closed).toBe(false);
    const outcome = await settleWithin(connection.command(ns("admin.$cmd"), { ping: 1 }, {}), 5_000);
    expect(outcome).toBeInstanceOf(MongoNetworkError);
    expect(connection.closed).toBe(true);
  });

  it("a write still buffered when the socket closes fails instead of waiting for a drain", async () => {
    const connection = await openConnection();
    // A command far larger than the socket's buffer: write() reports backpressure, the driver
    // waits for 'drain', and the socket closes meanwhile.
    const big = "x".repeat(12 * 1024 * 1024);
    const pending = connection.command(ns("test.$cmd"), { insert: "driver_patch", documents: [{ big }] }, {});
    setImmediate(() => connection.socket.destroy());
    const outcome = await settleWithin(pending, 5_000);
    expect(outcome).toBeInstanceOf(MongoNetworkError);
  });
});
