import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiKey, ensureChatMember } from "../../shared/db/sql/accounts.js";
import { usageLedger } from "../../shared/db/sql/schema.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { useFixture } from "../helpers/use-fixture.js";

const GUILD = "100000000000000077";
const MEMBER = "300000000000000771";
const ADMIN = "300000000000000772";

/**
 * A team's limits (images per request, who may train, the monthly budget, private results) bind
 * its members wherever they act: in chat, in the gallery and with their own API keys. The
 * defaults (size, model, LoRA) and a channel's own layer stay in chat.
 */
describe("a team's settings bind its members on every surface", () => {
  const api = useFixture<TestApi>(() => startTestApi());

  /** The team as its Discord bot sees it: one key acting for either of two of its members. */
  async function team() {
    const owner = await api.member("bots", "ops");
    const { key } = await createApiKey(api.deps.sql.db, {
      workspaceId: owner.workspaceId,
      memberId: null,
      kind: "bot",
      name: "discord",
      platform: "discord",
    });
    const as = (user: string, admin = false) => ({
      "x-act-in-workspace": GUILD,
      "x-act-as-user": user,
      ...(admin ? { "x-act-as-admin": "1" } : {}),
    });
    const botCall = (user: string, path: string, input: unknown, admin = false) =>
      trpcCall(api.app, key, path, input, "mutation", as(user, admin));
    return { key, botCall };
  }

  // The form posts and script calls below send no Origin, as a same-origin post from a browser
  // that omits it; the origin rules themselves are gallery.test.ts's and web-edges.test.ts's.
  /** The non-admin member signed into the gallery with the link the bot asked for: a cookie and the page's CSRF token. */
  async function gallerySession(botCall: Awaited<ReturnType<typeof team>>["botCall"]) {
    const link = new URL(dataOf<{ url: string }>(await botCall(MEMBER, "gallery.signInLink", undefined)).url);
    const redeemed = await api.app.request("/app/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: link.searchParams.get("token") ?? "" }).toString(),
    });
    expect(redeemed.status).toBe(303);
    const cookie = (redeemed.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = await (await api.app.request("/app", { headers: { cookie } })).text();
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? "";
    return (input: unknown, path = "jobs.create") =>
      api.app.request(`/app/trpc/${path}`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
        body: JSON.stringify(input),
      });
  }

  it("the gallery and a member's own API key get the chat's 400, 403, private results and 429; nothing is made on a refusal", async () => {
    const { botCall } = await team();
    // The admin sets the team's limits, and a channel's default that must stay in that channel.
    expect((await botCall(ADMIN, "settings.set", { maxImages: 2, trainers: "admins", privateResults: true }, true)).status).toBe(200);
    expect((await botCall(ADMIN, "settings.set", { channelId: "200000000000000771", imageSize: "portrait_4_3" }, true)).status).toBe(200);
    // The chat refuses these (the behaviour the other surfaces must match).
    const inChat = { channelId: "200000000000000772" };
    expect(
      (await botCall(MEMBER, "jobs.create", { type: "image-generation", prompt: "four ponds", count: 4, delivery: inChat })).status,
    ).toBe(400);

    const gallery = await gallerySession(botCall);
    // The member's own key, as a deployment's admin would make it for the chat member.
    const { workspace, member } = await ensureChatMember(api.deps.sql.db, {
      platform: "discord",
      workspaceExternalId: GUILD,
      externalUserId: MEMBER,
    });
    const { key: memberKey } = await createApiKey(api.deps.sql.db, {
      workspaceId: workspace.id,
      memberId: member.id,
      kind: "user",
      name: "member",
    });
    const viaKey = (input: unknown) => trpcCall(api.app, memberKey, "jobs.create", input, "mutation");

    const before = await rawJobs(api.deps).countDocuments({});
    const four = { type: "image-generation", prompt: "four ponds", count: 4 };
    const training = { type: "lora-training", triggerWord: "pond", imagesZipKey: "temp/w/u/k/faces.zip" };
    expect((await gallery(four)).status).toBe(400);
    expect((await viaKey(four)).status).toBe(400);
    expect((await gallery(training)).status).toBe(403);
    expect((await viaKey(training)).status).toBe(403);
    // Training again a LoRA the member trained before the team kept training to admins: refused too.
    const lora = randomUUID();
    await api.deps.jobs.create({
      jobId: lora,
      type: "lora-training",
      userId: member.userId,
      workspaceId: workspace.id,
      visibility: "workspace",
      input: { triggerWord: "pond" },
      searchTerms: [],
    });
    await api.deps.jobs.setStatus(lora, "completed", { progress: 100 });
    expect((await gallery({ jobId: lora }, "jobs.retrain")).status).toBe(403);
    expect((await trpcCall(api.app, memberKey, "jobs.retrain", { jobId: lora }, "mutation")).status).toBe(403);
    expect((await rawJobs(api.deps).findOne({ jobId: lora }))?.status).toBe("completed");
    expect(await rawJobs(api.deps).countDocuments({})).toBe(before + 1);

    // Within the limits a job is made, private as the team wants, and without the channel's default size.
    const made = await gallery({ type: "image-generation", prompt: "two ponds", count: 2, visibility: "workspace" });
    expect(made.status).toBe(200);
    const { jobId } = ((await made.json()) as { result: { data: { jobId: string } } }).result.data;
    const job = await rawJobs(api.deps).findOne({ jobId });
    expect(job?.visibility).toBe("private");
    expect(job?.input).not.toHaveProperty("imageSize", "portrait_4_3");
    const byKey = dataOf<{ jobId: string }>(await viaKey({ type: "image-generation", prompt: "one pond" }));
    expect((await rawJobs(api.deps).findOne({ jobId: byKey.jobId }))?.visibility).toBe("private");

    // The team's budget, spent (here by a job made outside chat), refuses new work on every surface.
    expect((await botCall(ADMIN, "settings.set", { monthlyBudgetUsd: 0.5 }, true)).status).toBe(200);
    await api.deps.sql.db
      .insert(usageLedger)
      .values({ workspaceId: workspace.id, userId: member.userId, jobId: byKey.jobId, jobType: "image-generation", costUsd: "0.60" });
    const spentBefore = await rawJobs(api.deps).countDocuments({});
    const one = { type: "image-generation", prompt: "one more pond" };
    expect((await botCall(MEMBER, "jobs.create", { ...one, delivery: inChat })).status).toBe(429);
    expect((await gallery(one)).status).toBe(429);
    expect((await viaKey(one)).status).toBe(429);
    expect(await rawJobs(api.deps).countDocuments({})).toBe(spentBefore);
  });

  it("a workspace's service key counts as its admin: it sets the limits and may train, and its images per request are capped", async () => {
    const alice = await api.member("acme", "alice");
    const service = await api.serviceKey("acme");
    const asAlice = { "x-act-as-user": "alice" };
    expect((await trpcCall(api.app, service, "settings.set", { maxImages: 1, trainers: "admins" }, "mutation", asAlice)).status).toBe(200);
    const two = { type: "image-generation", prompt: "two foxes", count: 2 };
    expect((await trpcCall(api.app, alice.key, "jobs.create", two, "mutation")).status).toBe(400);
    expect((await trpcCall(api.app, service, "jobs.create", two, "mutation", asAlice)).status).toBe(400);
    const training = { type: "lora-training", triggerWord: "fox", imagesZipKey: "temp/w/u/k/faces.zip" };
    expect((await trpcCall(api.app, alice.key, "jobs.create", training, "mutation")).status).toBe(403);
    // Past the settings, the service key's training meets the upload check (400), not a refusal to train.
    expect((await trpcCall(api.app, service, "jobs.create", training, "mutation", asAlice)).status).toBe(400);
  });
});
