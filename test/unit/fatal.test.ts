import { lookup } from "node:dns/promises";
import { connect, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { DataFolderTakenError } from "../../infra/data-folder-lock.js";
import { describeFatal } from "../../shared/fatal.js";

/** The error a real connection to a port nobody listens on ends with. */
async function refusedConnection(): Promise<unknown> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return new Promise((resolve) => connect(port, "127.0.0.1").once("error", resolve));
}

describe("a fatal error as an entry point prints it", () => {
  it("is one line naming the host for a name that does not resolve", async () => {
    const err = await lookup("no-such-host.invalid").catch((e: unknown) => e);
    const line = describeFatal(err);
    expect(line).toBe("cannot reach no-such-host.invalid (ENOTFOUND): check the network and the URL settings");
  });

  it("is one line naming the address for a refused connection", async () => {
    const line = describeFatal(await refusedConnection());
    expect(line).toMatch(/^cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\): check the network and the URL settings$/);
  });

  it("is the message alone for a setting a person fixes", () => {
    expect(describeFatal(new DataFolderTakenError("npm start already runs on the data folder /x"))).toBe(
      "npm start already runs on the data folder /x",
    );
  });

  it("keeps the stack of an error nobody planned for", () => {
    const line = describeFatal(new TypeError("x is not a function"));
    expect(line.split("\n").length).toBeGreaterThan(1);
    expect(line).toContain("TypeError: x is not a function");
  });
});
