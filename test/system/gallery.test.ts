import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPicture } from "../../infra/fakes/picture.js";
import { sessionCookieName } from "../../server/web/session.js";
import { webSessions, webSignInLinks } from "../../shared/db/sql/schema.js";
import { revokeSessionsOf } from "../../shared/db/sql/web-sessions.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { completedImageJob } from "../helpers/stored-jobs.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { runEntry } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

/**
 * The gallery's sign-in, sessions and request forgery rules through `app.request()`: what a
 * browser, a link scanner or another site can and cannot do. The pages themselves are driven in
 * a real browser in gallery-browser.test.ts.
 */
describe("web gallery sign-in and sessions", () => {
  let api: TestApi;
  let alice: Awaited<ReturnType<TestApi["member"]>>;
  let carol: Awaited<ReturnType<TestApi["member"]>>;
  let image: string;
  /** The server's own origin (it runs without PUBLIC_URL: the address it listens on). */
  let origin = "";

  beforeAll(async () => {
    api = await startTestApi();
    origin = new URL(api.url).origin;
    alice = await api.member("acme", "alice");
    carol = await api.member("globex", "carol");
    image = (await completedImageJob(api, alice, { prompt: "harbour seals at noon" })).job.jobId;
  }, 60_000);
  afterAll(() => api.close());

  const linkFor = async (key: string) =>
    new URL(dataOf<{ url: string; expiresAt: string }>(await trpcCall(api.app, key, "gallery.signInLink", undefined, "mutation")).url);
  const redeem = (token: string, headers: Record<string, string> = { origin }) =>
    api.app.request("/app/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ token }).toString(),
    });
  /** A signed-in browser: its cookie header and the CSRF token its pages carry. */
  async function session(key: string) {
    const token = (await linkFor(key)).searchParams.get("token") ?? "";
    const res = await redeem(token);
    expect(res.status).toBe(303);
    const setCookie = res.headers.get("set-cookie") ?? "";
    const cookie = setCookie.split(";")[0] ?? "";
    const page = await (await api.app.request("/app", { headers: { cookie } })).text();
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? "";
    expect(csrf).not.toBe("");
    return { cookie, csrf, setCookie };
  }

  it("a sign-in link names the member's own workspace, is stored only as a hash, and is not used up by opening it", async () => {
    const url = await linkFor(alice.key);
    expect(url.pathname).toBe("/app/sign-in");
    const token = url.searchParams.get("token") ?? "";
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await api.deps.sql.db.select().from(webSignInLinks);
    expect(JSON.stringify(rows)).not.toContain(token);
    // A link scanner's GET shows the confirmation page and leaves the link usable.
    for (let i = 0; i < 2; i++) {
      const page = await api.app.request(url.pathname + url.search);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("alice");
    }
    expect((await redeem(token)).status).toBe(303);
  });

  it("a service key cannot make sign-in links, and a signed-in page cannot make more", async () => {
    const service = await api.serviceKey("acme");
    const refused = await trpcCall(api.app, service, "gallery.signInLink", undefined, "mutation", { "x-act-as-user": "alice" });
    expect(refused.status).toBe(403);
    const { cookie, csrf } = await session(alice.key);
    const res = await api.app.request("/app/trpc/gallery.signInLink", {
      method: "POST",
      headers: { cookie, origin, "x-csrf-token": csrf, "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(403);
  });

  it("of two requests racing with one link, exactly one gets a session", async () => {
    const token = (await linkFor(alice.key)).searchParams.get("token") ?? "";
    const before = (await api.deps.sql.db.select().from(webSessions)).length;
    const answers = await Promise.all([redeem(token), redeem(token), redeem(token)]);
    expect(answers.map((a) => a.status).sort()).toEqual([303, 410, 410]);
    expect((await api.deps.sql.db.select().from(webSessions)).length).toBe(before + 1);
  });

  it("another site cannot sign a browser in, and the link it tried stays usable", async () => {
    const token = (await linkFor(alice.key)).searchParams.get("token") ?? "";
    expect((await redeem(token, { origin: "https://evil.example" })).status).toBe(403);
    expect((await redeem(token, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await redeem(token)).status).toBe(303);
  });

  it("the session cookie is HttpOnly and SameSite=Lax, and __Host- prefixed and Secure in production", async () => {
    const { setCookie } = await session(alice.key);
    expect(setCookie).toMatch(/^cg_session=/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(sessionCookieName({ config: { ...api.deps.config, env: "production" } })).toBe("__Host-cg_session");
    // The stored session is the token's hash: the cookie's value is nowhere in the table.
    const value = setCookie.split(";")[0]?.split("=")[1] ?? "";
    expect(JSON.stringify(await api.deps.sql.db.select().from(webSessions))).not.toContain(value);
  });

  it("changes need the page's CSRF token and this origin; without them nothing changes", async () => {
    const { cookie, csrf } = await session(alice.key);
    const jobs = () => rawJobs(api.deps).countDocuments({ workspaceId: alice.workspaceId });
    const count = await jobs();
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const act = (fields: Record<string, string>, headers: Record<string, string>) =>
      api.app.request(`/app/jobs/${image}/actions`, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
        body: form(fields),
      });
    expect((await act({ action: "vary", image: "1" }, { origin })).status).toBe(403);
    expect((await act({ action: "vary", image: "1", _csrf: "x".repeat(43) }, { origin })).status).toBe(403);
    expect((await act({ action: "vary", image: "1", _csrf: csrf }, { origin: "https://evil.example" })).status).toBe(403);
    const viaTrpc = (headers: Record<string, string>) =>
      api.app.request("/app/trpc/jobs.create", {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: JSON.stringify({ type: "image-generation", prompt: "forged" }),
      });
    expect((await viaTrpc({ origin })).status).toBe(403);
    expect((await viaTrpc({ origin: "https://evil.example", "x-csrf-token": csrf })).status).toBe(403);
    expect(await jobs()).toBe(count);
    // With both, the same request is the member's own: one new job.
    expect((await viaTrpc({ origin, "x-csrf-token": csrf })).status).toBe(200);
    expect(await jobs()).toBe(count + 1);
    // A form sent twice (a double click) is one job: the form's one-time value is its idempotency key.
    const once = crypto.randomUUID();
    const first = await act({ action: "vary", image: "1", _csrf: csrf, _once: once }, { origin });
    const second = await act({ action: "vary", image: "1", _csrf: csrf, _once: once }, { origin });
    expect(first.status).toBe(303);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(await jobs()).toBe(count + 2);
  });

  it("a revoked session opens nothing, and the pages say how to sign in", async () => {
    const { cookie } = await session(alice.key);
    expect((await api.app.request("/app", { headers: { cookie } })).status).toBe(200);
    expect(await revokeSessionsOf(api.deps.sql.db, { workspaceId: alice.workspaceId, userId: "alice" })).toBeGreaterThan(0);
    const after = await api.app.request("/app", { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(await after.text()).toContain("/gallery");
    expect((await api.app.request(`/app/thumbnails/${image}/1`, { headers: { cookie } })).status).toBe(401);
    expect((await api.app.request("/app/trpc/jobs.list?input=%7B%7D", { headers: { cookie } })).status).toBe(401);
  });

  it("jobs.watch streams a job over server-sent events, and another workspace's member gets NOT_FOUND", async () => {
    const watch = async (key: string) => {
      const res = await api.app.request(`/trpc/jobs.watch?input=${encodeURIComponent(JSON.stringify({ jobId: image }))}`, {
        headers: { authorization: `Bearer ${key}`, accept: "text/event-stream" },
      });
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      return res.text();
    };
    const own = await watch(alice.key);
    expect(own).toContain('"status":"completed"');
    // A final job ends its stream after one event.
    expect(own).toContain("event: return");
    const other = await watch(carol.key);
    expect(other).toContain("event: serialized-error");
    expect(other).toContain('"code":"NOT_FOUND"');
    expect(other).not.toContain("harbour");
  });

  it("a job's pictures carry a thumbnail link, which answers a small WebP made on first use, and nothing once the job is deleted", async () => {
    // A real picture under the job's key (the fixture's bytes only look like a PNG's header).
    const key = `generated-images/alice/${image}/image_1.png`;
    await api.deps.storage.client.send(
      new PutObjectCommand({
        Bucket: api.deps.storage.bucket,
        Key: key,
        Body: renderPicture("harbour", 1, 512, 512),
        ContentType: "image/png",
      }),
    );
    const job = dataOf<{ versions: Array<{ images: Array<{ thumbnailUrl?: string }> }> }>(
      await trpcCall(api.app, alice.key, "jobs.get", { jobId: image }, "query"),
    );
    const link = new URL(job.versions[0]?.images[0]?.thumbnailUrl ?? "");
    expect(link.pathname).toMatch(/^\/d\//);
    const redirect = await api.app.request(link.pathname);
    expect(redirect.status).toBe(302);
    const picture = await fetch(redirect.headers.get("location") ?? "");
    expect(picture.headers.get("content-type")).toBe("image/webp");
    const bytes = Buffer.from(await picture.arrayBuffer());
    expect(bytes.subarray(8, 12).toString("ascii")).toBe("WEBP");
    const { job: doomed } = await completedImageJob(api, alice, { prompt: "soon gone" });
    const doomedLink = new URL(
      dataOf<{ versions: Array<{ images: Array<{ thumbnailUrl?: string }> }> }>(
        await trpcCall(api.app, alice.key, "jobs.get", { jobId: doomed.jobId }, "query"),
      ).versions[0]?.images[0]?.thumbnailUrl ?? "",
    );
    expect((await trpcCall(api.app, alice.key, "jobs.delete", { jobId: doomed.jobId }, "mutation")).status).toBe(200);
    expect((await api.app.request(doomedLink.pathname)).status).toBe(410);
  });

  it("jobs.list filters by words, dates, LoRA and channel, in the caller's workspace only", async () => {
    const list = async (key: string, input: Record<string, unknown>) =>
      dataOf<{ items: Array<{ jobId: string }> }>(
        await trpcCall(api.app, key, "jobs.list", { type: "image-generation", ...input }, "query"),
      ).items.map((j) => j.jobId);
    expect(await list(alice.key, { search: "seals harbour" })).toContain(image);
    expect(await list(alice.key, { search: "walrus" })).toEqual([]);
    expect(await list(carol.key, { search: "harbour" })).toEqual([]);
    expect(
      await list(alice.key, { search: "harbour", createdFrom: "2000-01-01T00:00:00Z", createdBefore: "2000-02-01T00:00:00Z" }),
    ).toEqual([]);
    expect(await list(alice.key, { search: "harbour", createdFrom: "2000-01-01T00:00:00Z" })).toContain(image);
    expect(await list(alice.key, { loraJobId: crypto.randomUUID() })).toEqual([]);
    expect(await list(alice.key, { channelId: "C123" })).toEqual([]);
    const bad = await trpcCall(api.app, alice.key, "jobs.list", { search: "!" }, "query");
    expect(bad.status).toBe(400);
    expect((await trpcCall(api.app, alice.key, "jobs.list", { createdFrom: "yesterday" }, "query")).status).toBe(400);
  });

  it("npm run cli -- login-link prints a working link; sessions list shows the sign-in and sessions revoke ends it", async () => {
    const cli = async (env: Record<string, string>, ...args: string[]) => {
      const run = runEntry("cli/main.ts", { LOG_LEVEL: "silent", ...env }, args);
      const code = await run.exited;
      return { code, stdout: run.stdout(), stderr: run.stderr() };
    };
    const printed = await cli({ API_URL: api.url, API_KEY: carol.key }, "login-link");
    expect(printed.code, printed.stderr).toBe(0);
    const url = new URL(/https?:\/\/\S+/.exec(printed.stdout)?.[0] ?? "");
    const res = await redeem(url.searchParams.get("token") ?? "");
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie")?.split(";")[0] ?? "";
    expect((await api.app.request("/app", { headers: { cookie } })).status).toBe(200);

    const db = { DATABASE_URL: api.deps.config.databaseUrl };
    const slug =
      (await api.deps.sql.pool.query<{ slug: string }>("select slug from workspaces where id = $1", [carol.workspaceId])).rows[0]?.slug ??
      "";
    const listed = await cli(db, "sessions", "list", "--workspace", slug, "--json");
    const rows = JSON.parse(listed.stdout) as Array<{ id: string; userId: string; origin: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: "carol", origin: "api" });
    expect(listed.stdout).not.toContain(cookie.split("=")[1] ?? "-");
    const revoked = await cli(db, "sessions", "revoke", "--workspace", slug, rows[0]?.id ?? "");
    expect(revoked.stdout).toContain("revoked session");
    expect((await api.app.request("/app", { headers: { cookie } })).status).toBe(401);
    const again = await cli(db, "sessions", "revoke", "--workspace", slug, rows[0]?.id ?? "");
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no live session/);
  });

  it("behind a TLS-terminating proxy the browser's https Origin is PUBLIC_URL's, so sign-in and changes work there and nowhere else", async () => {
    const behind = await startTestApi({ PUBLIC_URL: "https://gallery.example", RATE_LIMIT_PER_MINUTE: "5" });
    try {
      const bob = await behind.member("acme", "bob");
      const link = async () =>
        new URL(dataOf<{ url: string }>(await trpcCall(behind.app, bob.key, "gallery.signInLink", undefined, "mutation")).url);
      const url = await link();
      expect(url.origin).toBe("https://gallery.example");
      const post = (token: string, from: string) =>
        behind.app.request("/app/sign-in", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", origin: from },
          body: new URLSearchParams({ token }).toString(),
        });
      // The request itself arrives over http, as it does behind Fly's edge.
      expect((await post(url.searchParams.get("token") ?? "", "http://localhost")).status).toBe(403);
      const ok = await post(url.searchParams.get("token") ?? "", "https://gallery.example");
      expect(ok.status).toBe(303);
      const cookie = ok.headers.get("set-cookie")?.split(";")[0] ?? "";
      expect(cookie).toMatch(/^__Host-cg_session=/);

      // Pictures have a budget of their own: four per API call a minute (here 5), then 429.
      const { job } = await completedImageJob(behind, bob, { prompt: "many views" });
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await behind.app.request(`/app/images/${job.jobId}/1`, { headers: { cookie } })).status);
      expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true);
      expect(statuses[20]).toBe(429);
      const cached = await behind.app.request(`/app/images/${job.jobId}/1`, { headers: { cookie } });
      expect(cached.headers.get("retry-after")).toMatch(/^\d+$/);
    } finally {
      await behind.close();
    }
  });

  it("revoking the API key that asked for a link ends the sessions it opened and voids its unused links", async () => {
    const dave = await api.member("acme", "dave");
    const { cookie } = await session(dave.key);
    const unused = (await linkFor(dave.key)).searchParams.get("token") ?? "";
    expect((await api.app.request("/app", { headers: { cookie } })).status).toBe(200);
    await api.deps.sql.pool.query("update api_keys set revoked_at = now() where id = $1", [dave.keyId]);
    expect((await api.app.request("/app", { headers: { cookie } })).status).toBe(401);
    expect((await redeem(unused)).status).toBe(404);
  });

  it("an open jobs.watch stream ends when its session is revoked, and a member holds at most eight at once", async () => {
    const { cookie } = await session(alice.key);
    const jobId = crypto.randomUUID();
    await api.deps.jobs.create({
      jobId,
      type: "image-generation",
      userId: "alice",
      workspaceId: alice.workspaceId,
      input: { prompt: "a watched job" },
    });
    const open = () => {
      const abort = new AbortController();
      const answer = api.app.request(`/app/trpc/jobs.watch?input=${encodeURIComponent(JSON.stringify({ jobId }))}`, {
        headers: { cookie, accept: "text/event-stream" },
        signal: abort.signal,
      });
      return { abort, answer };
    };
    /** Reads a stream until its text matches, or it ends. */
    const readUntil = async (res: Response, pattern: RegExp) => {
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text;
        text += new TextDecoder().decode(value);
        if (pattern.test(text)) {
          reader.releaseLock();
          return text;
        }
      }
    };
    const streams = Array.from({ length: 8 }, open);
    for (const s of streams) expect(await readUntil(await s.answer, /"status":"queued"/)).toContain('"status":"queued"');
    const ninth = await readUntil(await open().answer, /serialized-error\ndata: .*\n/);
    expect(ninth).toContain('"code":"TOO_MANY_REQUESTS"');
    for (const s of streams.slice(1)) s.abort.abort();

    const watched = await streams[0]?.answer;
    if (!watched) throw new Error("no stream");
    await revokeSessionsOf(api.deps.sql.db, { workspaceId: alice.workspaceId, userId: "alice" });
    await api.deps.jobs.setStatus(jobId, "running", { progress: 30 });
    const rest = await readUntil(watched, /serialized-error\ndata: .*\n/);
    expect(rest).toContain('"code":"UNAUTHORIZED"');
    expect(rest).not.toContain('"progress":30');
  });
});
