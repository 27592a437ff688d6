import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { waitFor } from "../helpers/processes.js";
import { completedImageJob } from "../helpers/stored-jobs.js";
import { useFixture } from "../helpers/use-fixture.js";

const badMultipart = { "content-type": "multipart/form-data; boundary=expected", body: "--other\r\nnot a part at all" };

/** A body that breaks off mid-way, as a client that disconnects while sending it. */
const breakingBody = () =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("token=abc&_csrf="));
      controller.error(new Error("aborted"));
    },
  });

/**
 * The gallery's form posts (sign-in, sign-out, a job's actions) with a body that cannot be read:
 * multipart that does not parse, or a body that breaks off. The sender's mistake or their
 * disconnect: 400 and one quiet log line, never a 500 with a stack.
 */
describe("malformed and aborted form bodies", () => {
  const lines: string[] = [];
  const api = useFixture<TestApi>(() => startTestApi({}, { logLines: lines }));
  const logged = () => lines.map((l) => JSON.parse(l) as { level: number; msg: string; reason?: string });

  async function signedIn() {
    const alice = await api.member("acme", "alice");
    const image = (await completedImageJob(api, alice)).job.jobId;
    const url = new URL(dataOf<{ url: string }>(await trpcCall(api.app, alice.key, "gallery.signInLink", undefined, "mutation")).url);
    const res = await api.app.request("/app/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: url.searchParams.get("token") ?? "" }).toString(),
    });
    expect(res.status).toBe(303);
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    return { cookie, image };
  }

  it("answers 400 on sign-in, sign-out and action forms, logging a line without a stack", async () => {
    const { cookie, image } = await signedIn();
    const paths = ["/app/sign-in", "/app/sign-out", `/app/jobs/${image}/actions`];
    for (const path of paths) {
      const malformed = await api.app.request(path, {
        method: "POST",
        headers: { cookie, "content-type": badMultipart["content-type"] },
        body: badMultipart.body,
      });
      expect(malformed.status, `${path}, malformed multipart`).toBe(400);
      const broken = await api.app.request(
        new Request(`http://localhost${path}`, {
          method: "POST",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body: breakingBody(),
          duplex: "half",
        } as RequestInit),
      );
      expect(broken.status, `${path}, a body that breaks off`).toBe(400);
    }
    // Still signed in: a sign-out whose form could not be read signed no one out.
    expect((await api.app.request("/app", { headers: { cookie } })).status).toBe(200);
    expect(logged().filter((l) => l.level >= 50)).toEqual([]);
    expect(logged().filter((l) => l.msg === "request body could not be read").length).toBe(paths.length * 2);
  });

  it("a client that disconnects mid-body over a real socket leaves one quiet line", async () => {
    const before = logged().filter((l) => l.msg === "request body could not be read").length;
    const { port } = new URL(api.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write(
          "POST /app/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ntoken=abc",
          () => {
            socket.destroy();
            resolve();
          },
        );
      });
      socket.on("error", reject);
    });
    await waitFor(
      async () => (logged().filter((l) => l.msg === "request body could not be read").length > before ? true : undefined),
      10_000,
      "the server to notice the body broke off",
    );
    expect(logged().filter((l) => l.level >= 50)).toEqual([]);
  });
});
