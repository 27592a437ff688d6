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
  async function team(guild = GUILD) {
    const owner = await api.member("bots", "ops");
    const { key } = await createApiKey(api.deps.sql.db, {
      workspaceId: owner.workspaceId,
      memberId: null,
      kind: "bot",
      name: "discord",
      platform: "discord",
    });
    const as = (user: string, admin = false) => ({
      "x-act-in-workspace": guild,
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
  it("transcriptions: the team's and the channel's vocabulary join the request's, redaction cannot be turned off, notes default to the team's", async () => {
    const OTHER_GUILD = "100000000000000078";
    const { botCall } = await team(OTHER_GUILD);
    const CHANNEL = "200000000000000781";
    // The member's recording, uploaded as the bot uploads a chat attachment.
    const wav = Buffer.alloc(4000, 1);
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await botCall(MEMBER, "assets.uploadUrl", { fileName: "standup.wav", contentType: "audio/wav", sizeBytes: wav.length }),
    );
    expect((await fetch(up.url, { method: "PUT", body: wav, headers: up.headers })).status).toBe(200);
    const transcribe = { type: "transcription", uploadKey: up.uploadKey };
    // Admin-only, like every team setting.
    expect((await botCall(MEMBER, "settings.set", { vocabulary: ["Acme"] })).status).toBe(403);
    expect(
      (await botCall(ADMIN, "settings.set", { vocabulary: ["Acme Cloud", "Kubernetes"], redactPii: true, notes: false }, true)).status,
    ).toBe(200);
    const channelSet = await botCall(ADMIN, "settings.set", { channelId: CHANNEL, vocabulary: ["Harbour", "kubernetes"] }, true);
    // What applies in the channel, as /settings show reads it: the channel's terms after the team's, each once.
    const shown = dataOf<{ effective: Record<string, unknown> }>(channelSet);
    expect(shown.effective).toMatchObject({ vocabulary: ["Acme Cloud", "Kubernetes", "Harbour"], redactPii: true, notes: false });

    // In the channel: the request's terms first, then the team's and the channel's, each once.
    const inChannel = { ...transcribe, vocabulary: ["Zed"], delivery: { channelId: CHANNEL } };
    const made = dataOf<{ jobId: string }>(await botCall(MEMBER, "jobs.create", inChannel));
    expect((await rawJobs(api.deps).findOne({ jobId: made.jobId }))?.input).toMatchObject({
      vocabulary: ["Zed", "Acme Cloud", "Kubernetes", "Harbour"],
      redactPii: true,
      notes: false,
    });
    // A request that says it wants notes gets them; the team's setting is the default.
    const withNotes = dataOf<{ jobId: string }>(await botCall(MEMBER, "jobs.create", { ...inChannel, notes: true }));
    expect((await rawJobs(api.deps).findOne({ jobId: withNotes.jobId }))?.input).toMatchObject({ notes: true, redactPii: true });

    // Outside chat (the member's own key), the team's layer only; a retry with its key is the same job.
    const { workspace, member } = await ensureChatMember(api.deps.sql.db, {
      platform: "discord",
      workspaceExternalId: OTHER_GUILD,
      externalUserId: MEMBER,
    });
    const { key } = await createApiKey(api.deps.sql.db, { workspaceId: workspace.id, memberId: member.id, kind: "user", name: "m" });
    const once = { ...transcribe, idempotencyKey: "standup-1" };
    const first = dataOf<{ jobId: string }>(await trpcCall(api.app, key, "jobs.create", once, "mutation"));
    expect((await rawJobs(api.deps).findOne({ jobId: first.jobId }))?.input).toMatchObject({
      vocabulary: ["Acme Cloud", "Kubernetes"],
      redactPii: true,
      notes: false,
    });
    const again = dataOf<{ jobId: string }>(await trpcCall(api.app, key, "jobs.create", once, "mutation"));
    expect(again.jobId).toBe(first.jobId);
    // A language AssemblyAI takes no keyterms in goes without the team's vocabulary, still redacted.
    const ja = dataOf<{ jobId: string }>(await trpcCall(api.app, key, "jobs.create", { ...transcribe, language: "ja" }, "mutation"));
    const jaInput = (await rawJobs(api.deps).findOne({ jobId: ja.jobId }))?.input;
    expect(jaInput).toMatchObject({ redactPii: true });
    expect(jaInput).not.toHaveProperty("vocabulary");

    // Refused, with why, and nothing made: redaction turned off, a language redaction does not take, too many terms.
    const before = await rawJobs(api.deps).countDocuments({});
    const off = await trpcCall(api.app, key, "jobs.create", { ...transcribe, redactPii: false }, "mutation");
    expect(off.status).toBe(400);
    expect(off.body.error?.message).toMatch(/redacts personal data in every transcription: leave redactPii unset or true/);
    const offInChat = await botCall(MEMBER, "jobs.create", { ...inChannel, redactPii: false });
    expect(offInChat.status).toBe(400);
    expect(offInChat.body.error?.message).toMatch(/this channel redacts personal data/);
    const haw = await trpcCall(api.app, key, "jobs.create", { ...transcribe, language: "haw" }, "mutation");
    expect(haw.status).toBe(400);
    expect(haw.body.error?.message).toMatch(/PII redaction takes/);
    const many = Array.from({ length: 199 }, (_, i) => `term${i}`);
    const tooMany = await trpcCall(api.app, key, "jobs.create", { ...transcribe, vocabulary: many }, "mutation");
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.message).toMatch(/come to 201 terms; AssemblyAI's keyterms_prompt takes at most 200/);
    expect(await rawJobs(api.deps).countDocuments({})).toBe(before);

    // Cleared, the defaults are back: notes on, no redaction forced.
    expect((await botCall(ADMIN, "settings.set", { vocabulary: null, redactPii: null, notes: null }, true)).status).toBe(200);
    const plain = dataOf<{ jobId: string }>(await trpcCall(api.app, key, "jobs.create", transcribe, "mutation"));
    const plainInput = (await rawJobs(api.deps).findOne({ jobId: plain.jobId }))?.input;
    expect(plainInput).toMatchObject({ notes: true });
    expect(plainInput).not.toHaveProperty("redactPii");
    expect(plainInput).not.toHaveProperty("vocabulary");
  });
});
