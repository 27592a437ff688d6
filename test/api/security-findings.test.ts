import { randomUUID } from "node:crypto";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { createApiKey, ensureWorkspace } from "../../shared/db/sql/accounts.js";
import { createLinkToken } from "../../shared/links/token.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { useFixture } from "../helpers/use-fixture.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";

/**
 * The findings of the outside probe, replayed against the API one request each, with what the
 * probe saw and what we answer now. The table is printed after the run; each row is asserted
 * too. The deeper tests of each finding are named in docs/security.md's threat table.
 */
const rows: Array<{ finding: string; expected: string; actual: string }> = [];

function row(finding: string, expected: string, actual: string) {
  rows.push({ finding, expected, actual });
  expect(actual, finding).toBe(expected);
}

describe("the outside probe's findings, replayed", () => {
  const api = useFixture<TestApi>(() => startTestApi({ AUTH_FAILURES_PER_MINUTE: "3", RATE_LIMIT_PER_MINUTE: "4" }));

  afterAll(() => {
    const width = (k: "finding" | "expected" | "actual") => Math.max(k.length, ...rows.map((r) => r[k].length));
    const line = (r: { finding: string; expected: string; actual: string }) =>
      `| ${r.finding.padEnd(width("finding"))} | ${r.expected.padEnd(width("expected"))} | ${r.actual.padEnd(width("actual"))} |`;
    process.stdout.write(
      `${[
        line({ finding: "case", expected: "expected", actual: "actual" }),
        `|${"-".repeat(width("finding") + 2)}|${"-".repeat(width("expected") + 2)}|${"-".repeat(width("actual") + 2)}|`,
        ...rows.map(line),
      ].join("\n")}\n`,
    );
  });

  it("answers each one as it should", async () => {
    const alice = await api.member("acme", "alice");
    const status = (a: { status: number }) => String(a.status);

    // 1. Unknown keys sent with made-up client-address headers, from one real peer.
    const fromPeer = (key: string, ip: string) =>
      undiciFetch(`${api.url}/trpc/jobs.list?input=%7B%7D`, {
        headers: { authorization: `Bearer ${key}`, "fly-client-ip": ip },
        dispatcher: new Agent({ localAddress: "127.0.0.9" }),
      });
    for (let i = 0; i < 3; i++) await fromPeer(`cg_guess${i}`, `198.51.100.${i}`);
    row("1. 4th unknown key from one peer, new Fly-Client-IP each", "429", status(await fromPeer("cg_guess-4", "198.51.100.99")));

    // 2. Another workspace's member with the same user id uses alice's upload.
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(api.app, alice.key, "assets.uploadUrl", { fileName: "m.wav", contentType: "audio/wav", sizeBytes: 4 }, "mutation"),
    );
    await fetch(up.url, { method: "PUT", body: "RIFF", headers: up.headers });
    const twin = await api.member("globex", "alice");
    row(
      "2. same user id, other workspace, uses the upload",
      "400",
      status(await trpcCall(api.app, twin.key, "jobs.create", { type: "transcription", uploadKey: up.uploadKey }, "mutation")),
    );

    // 3. A batch of eleven calls.
    const eleven = Array.from({ length: 11 }, () => "jobs.list").join(",");
    const inputs = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i, {}]))));
    row(
      "3. one GET batching 11 calls",
      "400",
      status(await api.app.request(`/trpc/${eleven}?batch=1&input=${inputs}`, { headers: { authorization: `Bearer ${alice.key}` } })),
    );

    // 4 and 15. bob spends past his own limit; alice still gets her share, and 429s are tRPC errors.
    const bob = await api.member("acme", "bob");
    let bobs = "";
    for (let i = 0; i < 6; i++) bobs = status(await trpcCall(api.app, bob.key, "jobs.list", {}, "query"));
    row("4. bob over his limit; then alice", "200", status(await trpcCall(api.app, alice.key, "jobs.list", {}, "query")));
    const refused = await api.app.request("/trpc/jobs.list?input=%7B%7D", { headers: { authorization: `Bearer ${bob.key}` } });
    const shape = ((await refused.json()) as { error?: { data?: { code?: string } } }).error?.data?.code ?? "none";
    row("15. 429 on /trpc is a tRPC error", `${bobs} TOO_MANY_REQUESTS`, `${refused.status} ${shape}`);

    // 6. A Slack bot's responseUrl that points inside.
    const home = await ensureWorkspace(api.deps.sql.db, { slug: `probe-${randomUUID().slice(0, 6)}` });
    const slackBot = (
      await createApiKey(api.deps.sql.db, { workspaceId: home.id, memberId: null, kind: "bot", platform: "slack", name: "slack" })
    ).key;
    const asSlack = { "x-act-in-workspace": "T0PROBE", "x-act-as-user": "U0PROBE" };
    const withLoopback = await trpcCall(
      api.app,
      slackBot,
      "jobs.create",
      { type: "image-generation", prompt: "x", delivery: { channelId: "C0PROBE", responseUrl: "http://127.0.0.1:9/internal" } },
      "mutation",
      asSlack,
    );
    row("6. responseUrl on loopback at jobs.create", "400", status(withLoopback));

    // 7. An IPv4-compatible IPv6 loopback as an audio URL.
    row(
      "7. audioUrl http://[::7f00:1]/a.wav",
      "400",
      status(
        await trpcCall(api.app, alice.key, "jobs.create", { type: "transcription", audioUrl: "http://[::7f00:1]:8080/a.wav" }, "mutation"),
      ),
    );

    // 9. A (signature-checked) fal webhook naming someone else's job: refused before the body is trusted.
    row(
      "9. unsigned fal webhook naming a job",
      "401",
      status(await api.app.request(`/webhooks/fal?jobId=${randomUUID()}`, { method: "POST", body: "{}" })),
    );

    // 12. A service key acting as a user id no storage key can hold.
    const service = await api.serviceKey("acme");
    row(
      "12. service key acting as x..y",
      "400",
      status(
        await trpcCall(api.app, service, "assets.uploadUrl", { fileName: "a.wav", contentType: "audio/wav", sizeBytes: 4 }, "mutation", {
          "x-act-as-user": "x..y",
        }),
      ),
    );

    // 14. A link signed with the constant earlier versions used outside production.
    const forged = createLinkToken("local-development-link-signing-secret-not-for-production", {
      jobId: randomUUID(),
      fileName: "image_1.png",
      expiresAt: Math.floor(Date.now() / 1000) + 600,
    });
    row("14. link signed with the old public constant", "401", status(await api.app.request(`/d/${forged}`)));

    // Also: an unknown field.
    const before = await rawJobs(api.deps).countDocuments({});
    const unknown = await trpcCall(api.app, twin.key, "jobs.create", { type: "image-generation", prompt: "x", numImages: 2 }, "mutation");
    row(
      "also. jobs.create with numImages",
      "400 unknown field numImages (did you mean count?)",
      `${unknown.status} ${unknown.body.error?.message ?? ""}`,
    );
    expect(await rawJobs(api.deps).countDocuments({})).toBe(before);
  });
});
