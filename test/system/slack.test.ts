import { randomBytes } from "node:crypto";
import { WebClient } from "@slack/web-api";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { blockActionBody, slackSignature, slashCommandBody } from "../../infra/fakes/slack/index.js";
import { deliveryState, rememberMessage } from "../../queue/chat/deliver/delivery-state.js";
import { runChatSweep } from "../../queue/workers/chat-sweep.js";
import { followLink, recordedDelivered, linksIn, postToSlackApp, s3Bytes, useChatStack } from "../helpers/chat.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";
import { chatDeliveries, quotas, workspaces } from "../../shared/db/sql/schema.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { galleryAs, redeemSignInLink, signInWith } from "../helpers/sign-in.js";

const ACME = "T0ACME";
const RIVALS = "T0RIVALS";
const GENERAL = "C0GENERAL";
const OTHER = "C0OTHER";
const ann = "U0ANN";
const bob = "U0BOB";
const eve = "U0EVE";

const textOf = (value: unknown) => JSON.stringify(value ?? {});

describe("Slack app", () => {
  const s = useChatStack();

  /** Posts a body to /slack/events signed as Slack signs it; returns the answer and how long it took. */
  async function post(body: string, headers: Record<string, string> = {}, signed = slackSignature(s.slack.signingSecret, body)) {
    const started = Date.now();
    const res = await postToSlackApp(s, body, { ...signed, ...headers });
    const text = await res.text();
    return { status: res.status, text, ms: Date.now() - started };
  }

  function command(name: string, text: string, opts: { teamId?: string; userId?: string; channelId?: string; triggerId?: string } = {}) {
    const triggerId = opts.triggerId ?? `${Date.now()}.${randomBytes(4).toString("hex")}`;
    const channelId = opts.channelId ?? GENERAL;
    const responseUrl = s.slack.responseUrl(channelId);
    const body = slashCommandBody({
      command: `/${name}`,
      text,
      teamId: opts.teamId ?? ACME,
      userId: opts.userId ?? ann,
      channelId,
      triggerId,
      responseUrl,
    });
    return { body, triggerId, responseId: responseUrl.split("/").pop() ?? "" };
  }

  /** A click on a button as Slack posts it: by `userId` of ACME in GENERAL, with a fresh trigger and response_url, unless told otherwise. */
  function click(actionId: string, userId: string, opts: Partial<Parameters<typeof blockActionBody>[0]> = {}) {
    const triggerId = opts.triggerId ?? `${Date.now()}.${randomBytes(3).toString("hex")}`;
    const responseUrl = opts.responseUrl ?? s.slack.responseUrl(GENERAL);
    const body = blockActionBody({ actionId, teamId: ACME, userId, channelId: GENERAL, ...opts, triggerId, responseUrl });
    return { body, triggerId, responseId: responseUrl.split("/").pop() ?? "" };
  }

  const responsesTo = (responseId: string) => s.slack.responses.filter((r) => r.id === responseId);
  const responseMatching = (responseId: string, marker: RegExp, timeoutMs = 20_000) =>
    waitFor(async () => responsesTo(responseId).find((r) => marker.test(textOf(r.body))), timeoutMs, `a response matching ${marker}`);
  const jobOf = (triggerId: string, timeoutMs = 20_000) =>
    waitFor(async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey: `slack:${triggerId}` })) ?? undefined, timeoutMs, "the job");
  const jobWith = (filter: Record<string, unknown>, what: string) =>
    waitFor(async () => (await rawJobs(s.api.deps).findOne(filter)) ?? undefined, 20_000, what);
  /** The channel message that carries this job, once it says `marker`. */
  const channelMessage = (channel: string, jobId: string, marker: RegExp, timeoutMs = 60_000) =>
    waitFor(
      async () => s.slack.messages(channel).find((m) => textOf(m).includes(jobId) && marker.test(textOf(m))),
      timeoutMs,
      `a channel message matching ${marker}`,
    );
  /** `/generate` as `opts` say: its command, its ack, its job, and the job's message in the channel once it shows `marker`. */
  async function generated(text: string, opts: Parameters<typeof command>[2] = {}, marker = /image_1\.png/) {
    const c = command("generate", text, opts);
    const ack = await post(c.body);
    const job = await jobOf(c.triggerId);
    const done = await channelMessage(opts.channelId ?? GENERAL, job.jobId, marker);
    return { c, ack, job, done };
  }
  type Job = Awaited<ReturnType<typeof jobOf>>;
  type Message = Awaited<ReturnType<typeof channelMessage>>;
  type Answer = Awaited<ReturnType<typeof responseMatching>>;
  type Posted = Awaited<ReturnType<typeof post>>;

  describe("/generate with a prompt", () => {
    let ack: Posted;
    let job: Job;
    let done: Message;
    let png: Buffer;
    let key: string;
    type ImageBlock = { slack_file?: { id: string }; image_url?: string };
    const imageOf = () => done.blocks.find((b) => b.type === "image") as ImageBlock | undefined;
    const uploaded = () => s.slack.uploaded(imageOf()?.slack_file?.id ?? "");
    beforeAll(async () => {
      ({ ack, job, done } = await generated("a red fox in snow --seed 7"));
      const stored = await s.api.deps.jobs.get(job.jobId);
      key = (stored?.versions[0] as unknown as { images: Array<{ s3Key: string }> } | undefined)?.images[0]?.s3Key ?? "";
      png = await s3Bytes(s, key);
    }, 90_000);

    it("is acked at once", () => {
      expect(ack.status).toBe(200);
      expect(ack.ms).toBeLessThan(3_000);
    });

    it("posts the job's message in the channel, then updates it with the result", () => {
      expect(done.updates).toBeGreaterThanOrEqual(1);
      const post1 = s.slack.calls.find((call) => call.method === "chat.postMessage" && textOf(call.args).includes(job.jobId));
      expect(post1?.args.channel).toBe(GENERAL);
    });

    // No public URL of ours needed (the fake refuses local image_urls, as Slack would).
    it("shows the picture as a file uploaded to Slack, not from a URL of ours", () => {
      expect(imageOf()?.image_url).toBeUndefined();
      expect(uploaded()).toMatchObject({ name: "image_1.png", complete: true });
      expect([...(uploaded()?.channels ?? [])]).toEqual([GENERAL]);
    });

    it("shares the uploaded picture in the message's thread", () => {
      const share = s.slack.messages(GENERAL).find((m) => m.files?.includes(imageOf()?.slack_file?.id ?? "none"));
      expect(share?.threadTs).toBe(done.ts);
    });

    it("names the prompt, the seed and, in its context line, the requester", () => {
      expect(textOf(done.blocks)).toContain("a red fox in snow");
      const context = done.blocks.find((b) => b.type === "context") as { elements: Array<{ text: string }> } | undefined;
      expect(context?.elements[0]?.text).toMatch(new RegExp(`^for <@${ann}> · job ${job.jobId}`));
      expect(textOf(done.blocks)).toMatch(/Seed[^"]*"?[^"]*7/);
    });

    it("keeps the PNG in S3 under the requester's key, the bytes Slack was sent", () => {
      expect(key).toMatch(/^generated-images\/slack-U0ANN\/.+\/image_1\.png$/);
      expect(uploaded()?.bytes.equals(png)).toBe(true);
    });

    it("links to the PNG in S3", async () => {
      const fetched = await followLink(linksIn(done)[0] ?? "");
      expect(fetched.status).toBe(200);
      expect(fetched.bytes.equals(png)).toBe(true);
      expect(fetched.bytes.subarray(1, 4).toString()).toBe("PNG");
    });

    it("is recorded delivered", async () => {
      expect(await recordedDelivered(s, job.jobId)).toBeInstanceOf(Date);
    });

    it("shows the delivery sent in the API, to the requester and to a teammate who lists the jobs", async () => {
      const seen = await s.apiAs("slack", ACME, ann).jobs.get.query({ jobId: job.jobId });
      expect(seen.delivery).toMatchObject({ platform: "slack", private: false, state: "sent", reason: null });
      const listed = await s.apiAs("slack", ACME, bob).jobs.list.query({ limit: 50 });
      expect(listed.items.find((j) => j.jobId === job.jobId)?.delivery?.state).toBe("sent");
    });
  });

  it("while Slack fails on its side the delivery shows retrying with Slack's reason, then sent once Slack answers again", async () => {
    // The job's message is posted; its next edits meet three internal errors.
    s.slack.failCalls("chat.update", 3, "internal_error", GENERAL);
    const c = command("generate", "a fox through an outage");
    expect((await post(c.body)).status).toBe(200);
    const job = await jobOf(c.triggerId);
    const api = s.apiAs("slack", ACME, ann);
    const retrying = await waitFor(
      async () => {
        const j = await api.jobs.get.query({ jobId: job.jobId });
        return j.delivery?.state === "retrying" ? j.delivery : undefined;
      },
      60_000,
      "the delivery to show retrying",
    );
    expect(retrying.reason).toMatch(/internal_error/);
    await channelMessage(GENERAL, job.jobId, /image_1\.png/);
    const sent = await waitFor(
      async () => {
        const j = await api.jobs.get.query({ jobId: job.jobId });
        return j.delivery?.state === "sent" ? j.delivery : undefined;
      },
      60_000,
      "the delivery to show sent",
    );
    expect(sent.reason).toBeNull();
  }, 90_000);

  // An install from an older manifest: the pictures can only go as image_url, which Slack cannot fetch here.
  it("installed without files:write, where Slack cannot download the picture (a local setup), the result is posted without it, its links and buttons kept, and counted delivered", async () => {
    // An install from an older manifest: the pictures can only go as image_url, which Slack cannot fetch here.
    s.slack.scopes.delete("files:write");
    onTestFinished(() => void s.slack.scopes.add("files:write"));
    const c = command("generate", "a fox Slack cannot see");
    expect((await post(c.body)).status).toBe(200);
    const job = await jobOf(c.triggerId);
    const done = await channelMessage(GENERAL, job.jobId, /image_1\.png/);
    // Slack refused the message with the picture; the same message without it was taken.
    const refused = s.slack.calls.filter((call) => call.error === "invalid_blocks" && textOf(call.args).includes(job.jobId));
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(done.blocks.some((b) => b.type === "image")).toBe(false);
    expect(done.blocks.some((b) => b.type === "actions")).toBe(true);
    const fetched = await Promise.all(linksIn(done).map(followLink));
    expect(fetched.some((f) => f.status === 200 && f.bytes.subarray(1, 4).toString() === "PNG")).toBe(true);
    expect(await recordedDelivered(s, job.jobId)).toBeInstanceOf(Date);
  }, 90_000);

  describe("/transcribe with a Slack file link", () => {
    let done: Message;
    let expected: Buffer;
    beforeAll(async () => {
      const permalink = s.slack.addFile({ name: "standup.wav", mimetype: "audio/wav", bytes: makeWav(3) });
      const c = command("transcribe", `<${permalink}|standup.wav> --speakers`);
      expect((await post(c.body)).status).toBe(200);
      const job = await jobOf(c.triggerId);
      done = await channelMessage(GENERAL, job.jobId, /transcript\.txt/);
      const stored = await s.api.deps.jobs.get(job.jobId);
      const textKey = (stored?.versions[0] as unknown as { s3Keys: { text: string } } | undefined)?.s3Keys.text ?? "";
      expected = await s3Bytes(s, textKey);
    }, 90_000);

    it("reads the file with files.info", () => {
      expect(s.slack.calls.some((call) => call.method === "files.info")).toBe(true);
    });

    it("links to the transcript's text in S3", async () => {
      expect(expected.length).toBeGreaterThan(0);
      const fetched = await Promise.all(linksIn(done).map(followLink));
      expect(fetched.some((f) => f.status === 200 && f.bytes.equals(expected))).toBe(true);
    });

    it("uploads the transcript to Slack into the result's thread", () => {
      const share = s.slack.messages(GENERAL).find((m) => m.threadTs === done.ts && m.files?.length);
      const uploaded = (share?.files ?? []).map((id) => s.slack.uploaded(id));
      expect(uploaded.find((u) => u?.name === "transcript.txt")?.bytes.equals(expected)).toBe(true);
    });

    it("quotes the transcript's first words in the result", () => {
      const firstWords = expected.toString("utf8").replace(/\s+/g, " ").trim().split(" ").slice(0, 3).join(" ");
      expect(textOf(done.blocks)).toContain(`“${firstWords}`);
    });
  });

  it("/train with a zip from Slack arrives as a channel message with the model's link", async () => {
    const { zipSync } = await import("fflate");
    const { renderPicture } = await import("../../infra/fakes/picture.js");
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) files[`pic${i}.png`] = new Uint8Array(renderPicture(`face ${i}`, i, 256, 256));
    const permalink = s.slack.addFile({ name: "faces.zip", mimetype: "application/zip", bytes: Buffer.from(zipSync(files)) });
    const c = command("train", `annstyle <${permalink}>`);
    expect((await post(c.body)).status).toBe(200);
    const job = await jobOf(c.triggerId);
    const done = await channelMessage(GENERAL, job.jobId, /model\.safetensors/, 90_000);
    const stored = await s.api.deps.jobs.get(job.jobId);
    const key = (stored?.versions[0] as unknown as { s3Key: string } | undefined)?.s3Key ?? "";
    const fetched = await Promise.all(linksIn(done).map(followLink));
    expect(fetched.some((f) => f.status === 200 && f.bytes.equals(Buffer.alloc(0)) === false)).toBe(true);
    const model = await s3Bytes(s, key);
    expect(fetched.some((f) => f.bytes.equals(model))).toBe(true);
    expect(s.slack.messages(GENERAL).filter((m) => textOf(m).includes(job.jobId))).toHaveLength(1);
  }, 120_000);

  it.each([
    ["a forged signature", (body: string) => ({ ...slackSignature("not-the-secret", body) })],
    ["a timestamp six minutes old", (body: string) => slackSignature(s.slack.signingSecret, body, Math.floor(Date.now() / 1000) - 360)],
    ["no signature at all", (_body: string) => ({})],
  ])("%s gets 401 and creates nothing", async (_what, sign) => {
    const jobsBefore = await rawJobs(s.api.deps).countDocuments({});
    const callsBefore = s.slack.calls.length;
    const c = command("generate", "forged fox");
    const res = await post(c.body, {}, sign(c.body) as ReturnType<typeof slackSignature>);
    // The receiver answers 401 before it parses the body or starts a listener: when the answer
    // is here, nothing else was set off that could still make a job or call Slack.
    expect(res.status).toBe(401);
    expect(res.text).toContain("invalid signature");
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(jobsBefore);
    expect(responsesTo(c.responseId)).toHaveLength(0);
    expect(s.slack.calls.length).toBe(callsBefore);
  });

  it("a body altered after signing is refused", async () => {
    const c = command("generate", "honest fox");
    const headers = slackSignature(s.slack.signingSecret, c.body);
    const res = await post(c.body.replace("honest", "forged"), {}, headers);
    expect(res.status).toBe(401);
  });

  it("a command Slack retries (X-Slack-Retry-Num) makes one job", async () => {
    const c = command("generate", "told twice");
    expect((await post(c.body)).status).toBe(200);
    expect((await post(c.body, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" })).status).toBe(200);
    const job = await jobOf(c.triggerId);
    await channelMessage(GENERAL, job.jobId, /image_1\.png/);
    expect(await rawJobs(s.api.deps).countDocuments({ "input.prompt": "told twice" })).toBe(1);
    expect(s.slack.messages(GENERAL).filter((m) => textOf(m).includes(job.jobId))).toHaveLength(1);
  }, 90_000);

  describe("a public result in a conversation the bot is not in (a private channel, a DM)", () => {
    const PRIVATE = "G0INCHANNEL";
    let responseId: string;
    let job: Job;
    let shown: Message;
    beforeAll(async () => {
      s.slack.botNotIn.add(PRIVATE);
      const made = await generated("a fox in a private channel", { channelId: PRIVATE });
      ({ job, done: shown } = made);
      responseId = made.c.responseId;
    }, 90_000);

    it("shows there, mentioning the requester", () => {
      expect(textOf(shown)).toContain(`<@${ann}>`);
    });

    it("goes through the command's response_url, as in_channel", () => {
      const answer = responsesTo(responseId).find((r) => textOf(r.body).includes(job.jobId));
      expect(answer?.body).toMatchObject({ response_type: "in_channel", replace_original: false });
    });

    // Nothing was uploaded where the bot cannot share files.
    it("is refused by chat.postMessage there (not_in_channel)", () => {
      expect(
        s.slack.calls.filter((call) => call.method === "chat.postMessage" && call.args.channel === PRIVATE).map((call) => call.error),
      ).toContain("not_in_channel");
    });

    it("is recorded delivered, and the API shows it sent", async () => {
      expect(await recordedDelivered(s, job.jobId)).toBeInstanceOf(Date);
      const seen = await s.apiAs("slack", ACME, ann).jobs.get.query({ jobId: job.jobId });
      expect(seen.delivery).toMatchObject({ state: "sent", reason: null });
    });
  });

  describe("once the response_url is gone, a result the bot cannot post (not_in_channel)", () => {
    const PRIVATE = "G0PRIVATE";
    let lifetime: number;
    let job: Job;
    let told: Message;
    let state: Awaited<ReturnType<typeof deliveryState>>;
    beforeAll(async () => {
      s.slack.botNotIn.add(PRIVATE);
      lifetime = s.slack.responseUrlLifetimeMs;
      // Expired from the start, as 30 minutes after a long training.
      s.slack.responseUrlLifetimeMs = -1;
      const c = command("generate", "a private channel fox", { channelId: PRIVATE });
      await post(c.body);
      job = await jobOf(c.triggerId);
      told = await waitFor(
        async () => s.slack.messages(ann).find((m) => textOf(m).includes(job.jobId) && /image_1\.png/.test(textOf(m))),
        60_000,
        "the DM to the requester",
      );
      state = await waitFor(
        async () => {
          const st = await deliveryState(s.api.deps.sql.db, job.jobId);
          return st.undeliverable ? st : undefined;
        },
        20_000,
        "the state recorded",
      );
    }, 90_000);
    afterAll(() => {
      s.slack.responseUrlLifetimeMs = lifetime;
    });

    it("goes to the requester by DM with how to fix it", () => {
      expect(textOf(told)).toContain(`I could not post this in <#${PRIVATE}> (Slack says not_in_channel): add me there with /invite`);
    });

    it("is recorded undeliverable, not delivered, and the API says so", async () => {
      expect(state).toMatchObject({ undeliverable: "slack: not_in_channel", finalDeliveredAt: null });
      const seen = await s.apiAs("slack", ACME, ann).jobs.get.query({ jobId: job.jobId });
      expect(seen.delivery).toMatchObject({ state: "undeliverable", reason: "slack: not_in_channel" });
    });

    it("posts nothing in the conversation", () => {
      expect(s.slack.messages(PRIVATE)).toHaveLength(0);
    });

    // Answered through a response_url of its own, fresh.
    it("the requester's /jobs says it was not posted, and why", async () => {
      s.slack.responseUrlLifetimeMs = lifetime;
      const jobs = command("jobs", "");
      await post(jobs.body);
      const listed = await responseMatching(jobs.responseId, new RegExp(job.jobId));
      expect(textOf(listed.body)).toContain(`${job.jobId} · not posted: slack: not_in_channel`);
    });

    it("the chat sweep counts it settled: it is not queued again", async () => {
      const requeued: string[] = [];
      await runChatSweep(
        { jobs: s.api.deps.jobs, sql: s.api.deps.sql, logger: s.api.deps.logger },
        { notifyChat: async (id) => void requeued.push(id) },
      );
      expect(requeued).not.toContain(job.jobId);
    });
  });

  it("an app installed without chat:write tells the requester to have it reinstalled, and records the result undeliverable with the missing scope", async () => {
    s.slack.scopes.delete("chat:write");
    onTestFinished(() => void s.slack.scopes.add("chat:write"));
    const c = command("generate", "a fox without a scope");
    await post(c.body);
    const job = await jobOf(c.triggerId);
    const told = await responseMatching(c.responseId, /reinstall/, 60_000);
    expect(textOf(told.body)).toContain("this app is installed without Slack's chat:write permission");
    expect(textOf(told.body)).toContain("image_1.png");
    const seen = await s.apiAs("slack", ACME, ann).jobs.get.query({ jobId: job.jobId });
    expect(seen.delivery).toMatchObject({ state: "undeliverable", reason: "slack: missing_scope (needs chat:write)" });
    expect(s.slack.messages(GENERAL).some((m) => textOf(m).includes(job.jobId))).toBe(false);
  }, 90_000);

  it("with one workspace's token, Slack's token_revoked (the app was removed) records the result undeliverable: app uninstalled", async () => {
    const REVOKED = "C0REVOKED";
    onTestFinished(s.slack.failCalls("chat.postMessage", 1_000, "token_revoked", REVOKED));
    const c = command("generate", "a fox after the uninstall", { channelId: REVOKED });
    await post(c.body);
    const job = await jobOf(c.triggerId);
    const state = await waitFor(
      async () => {
        const st = await deliveryState(s.api.deps.sql.db, job.jobId);
        return st.undeliverable ? st : undefined;
      },
      60_000,
      "the delivery settled",
    );
    expect(state).toMatchObject({ undeliverable: "app uninstalled", finalDeliveredAt: null });
    expect(s.slack.messages(REVOKED)).toHaveLength(0);
  }, 90_000);

  it("a result whose Slack message someone deleted is posted anew instead of lost", async () => {
    const c = command("generate", "a fox whose message was deleted");
    expect((await post(c.body)).status).toBe(200);
    const job = await jobOf(c.triggerId);
    await channelMessage(GENERAL, job.jobId, /image_1\.png/);
    await recordedDelivered(s, job.jobId);
    // As if the message had been deleted in Slack: the job's record names a message Slack no longer has.
    await rememberMessage(s.api.deps.sql.db, job.jobId, "1.000001");
    await s.api.deps.sql.db.update(chatDeliveries).set({ finalDeliveredAt: null }).where(eq(chatDeliveries.jobId, job.jobId));
    await s.api.deps.queue.notifyChat(job.jobId);
    await waitFor(
      async () => ((await deliveryState(s.api.deps.sql.db, job.jobId)).messageTs !== "1.000001" ? true : undefined),
      30_000,
      "the result posted anew",
    );
    const refused = s.slack.calls.filter((call) => call.method === "chat.update" && call.args.ts === "1.000001");
    expect(refused.map((call) => call.error)).toContain("message_not_found");
    expect(s.slack.messages(GENERAL).filter((m) => textOf(m).includes(job.jobId))).toHaveLength(2);
    expect(await recordedDelivered(s, job.jobId)).toBeInstanceOf(Date);
  }, 90_000);

  it("a rerun from a result's button is posted in that result's thread", async () => {
    const c = command("generate", "a tin robot");
    await post(c.body);
    const job = await jobOf(c.triggerId);
    const done = await channelMessage(GENERAL, job.jobId, /image_1\.png/);
    const triggerId = `${Date.now()}.${randomBytes(3).toString("hex")}`;
    const body = blockActionBody({
      actionId: `job:rerun:${job.jobId}`,
      teamId: ACME,
      userId: bob,
      channelId: GENERAL,
      triggerId,
      responseUrl: s.slack.responseUrl(),
      messageTs: done.ts,
    });
    expect((await post(body)).status).toBe(200);
    const rerun = await jobOf(triggerId);
    const reply = await channelMessage(GENERAL, rerun.jobId, /image_1\.png/);
    expect(reply.threadTs).toBe(done.ts);
    expect(done.threadTs).toBeUndefined();
  }, 90_000);

  describe("a result of two pictures", () => {
    let job: Job;
    let done: Message;
    beforeAll(async () => {
      ({ job, done } = await generated("two tin robots --count 2 --size square", {}, /image_2\.png/));
    }, 90_000);

    it("has a row of upscales and one of variations, a button per picture, a menu of the rest, then the job's own", () => {
      const withoutJob = (id: string) =>
        id
          .split(":")
          .filter((_, i) => i !== (id.startsWith("pictures:") ? 1 : 2))
          .join(":");
      const rows = done.blocks
        .filter((b) => b.type === "actions")
        .map((b) => (b.elements as Array<{ action_id: string }>).map((e) => withoutJob(e.action_id)));
      expect(rows).toEqual([
        ["job:upscale:1", "job:upscale:2"],
        ["job:vary:1", "job:vary:2"],
        ["pictures:1"],
        ["job:rerun", "job:variations", "job:remix", "job:dm", "job:delete"],
      ]);
      const menu = done.blocks.flatMap((b) => (b.type === "actions" ? (b.elements as Array<Record<string, unknown>>) : []))[4];
      const choices = ((menu?.options ?? []) as Array<{ value: string }>).map((o) => withoutJob(o.value));
      expect(choices).toEqual(expect.arrayContaining(["job:subtle:1", "job:subtle:2", "job:edit:1", "job:edit:2", "job:region:2"]));
    });

    it("a picture's Vary subtly button makes the clicker's subtle variation of that picture, posted in the result's thread", async () => {
      const subtle = click(`job:subtle:${job.jobId}:2`, bob, { messageTs: done.ts });
      expect((await post(subtle.body)).status).toBe(200);
      const variation = await jobOf(subtle.triggerId);
      expect(variation).toMatchObject({
        userId: `slack-${bob}`,
        parentJobId: job.jobId,
        parentImage: 2,
        input: { operation: "vary", strength: "subtle", source: { jobId: job.jobId, image: 2 } },
      });
      const reply = await channelMessage(GENERAL, variation.jobId, /image_1\.png/);
      expect(reply.threadTs).toBe(done.ts);
    }, 90_000);
  });

  describe("Edit on a picture", () => {
    const callbackId = () => `edit:${job.jobId}:1`;
    let job: Job;
    let done: Message;
    let opened: { view: Record<string, unknown> };
    let submitted: Awaited<ReturnType<typeof s.slack.submitView>>;
    beforeAll(async () => {
      ({ job, done } = await generated("a harbour at noon --size square"));
      const clicked = click(`job:edit:${job.jobId}:1`, bob, { triggerId: s.slack.triggerId(bob), messageTs: done.ts });
      expect((await post(clicked.body)).status).toBe(200);
      opened = await waitFor(async () => s.slack.openedView(bob, callbackId()), 10_000, "the modal");
      submitted = await s.slack.submitView({
        userId: bob,
        teamId: ACME,
        callbackId: callbackId(),
        values: { instruction: { instruction: "make it night" } },
        eventsUrl: `${s.api.url}/slack/events`,
      });
    }, 90_000);

    it("opens a modal with the click's trigger", () => {
      expect(opened.view).toMatchObject({ type: "modal", title: { text: "Edit picture 1" } });
    });

    it("its submit is acked with nothing to correct", () => {
      expect(submitted).toEqual({ status: 200, body: "" });
    });

    it("its submit makes the clicker's edit, posted in the result's thread", async () => {
      const edit = await jobWith({ parentJobId: job.jobId, "input.operation": "edit" }, "the edit");
      expect(edit).toMatchObject({ userId: `slack-${bob}`, parentImage: 1, input: { prompt: "make it night" } });
      const reply = await channelMessage(GENERAL, edit.jobId, /image_1\.png/);
      expect(reply.threadTs).toBe(done.ts);
    }, 90_000);

    // A trigger Slack did not issue (or one past its 3 seconds): views.open is refused, and the clicker is told.
    it("with a stale trigger, the clicker is told to press again", async () => {
      const stale = click(`job:edit:${job.jobId}:1`, bob, { triggerId: "1.2.stale", messageTs: done.ts });
      await post(stale.body);
      await responseMatching(stale.responseId, /press Edit again/);
      expect(s.slack.calls.filter((call) => call.method === "views.open").map((call) => call.error)).toContain("invalid_trigger_id");
    });
  });

  it("/help lists every command with its usage and examples, and the buttons, only to the asker", async () => {
    const c = command("help", "");
    expect((await post(c.body)).status).toBe(200);
    const answer = await responseMatching(c.responseId, /What I can do/);
    expect(answer.body.response_type).toBe("ephemeral");
    for (const name of ["generate", "transcribe", "train", "jobs", "assets", "usage", "settings", "gallery", "help"])
      expect(textOf(answer.body)).toContain(`/${name}`);
    expect(textOf(answer.body)).toContain("e.g. /generate a lighthouse in fog --size landscape_16_9 --count 2");
    expect(textOf(answer.body)).toContain("Vary (Subtle)");
    expect(textOf(answer.body)).toContain("Zoom Out 2×");
  }, 30_000);

  type Button = { type: string; action_id: string; url?: string; text: { text: string } };
  const buttonsOf = (blocks: unknown) =>
    ((blocks ?? []) as Array<{ type: string; elements?: Button[] }>).flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));

  /** `/gallery` as `userId` runs it: the ephemeral answer through its response_url, once it holds a sign-in link, and its URL button. */
  async function galleryLink(userId: string, teamId = ACME, channelId = GENERAL) {
    const c = command("gallery", "", { userId, teamId, channelId });
    const ack = await post(c.body);
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3_000);
    const answer = await responseMatching(c.responseId, /sign-in\?token=/);
    expect(answer.body.response_type).toBe("ephemeral");
    const buttons = buttonsOf(answer.body.blocks);
    expect(buttons).toHaveLength(1);
    const [button] = buttons;
    expect(button?.url).toMatch(/\/app\/sign-in\?token=/);
    return { c, answer, button: button as Button & { url: string } };
  }

  describe("/gallery", () => {
    let mine: Awaited<ReturnType<typeof galleryLink>>;
    const tokenOf = () => new URL(mine.button.url).searchParams.get("token") ?? "";
    beforeAll(async () => {
      mine = await galleryLink(ann);
    }, 60_000);

    it("answers only the asker with a button that opens the gallery, once, for ten minutes", () => {
      expect(mine.button.text.text).toBe("Open the gallery");
      expect(textOf(mine.answer.body)).toContain("Your sign-in link to the gallery");
      expect(textOf(mine.answer.body)).toContain("It works once, for the next ten minutes.");
    });

    it("links to the sign-in page on PUBLIC_URL with a long token", () => {
      const link = new URL(mine.button.url);
      expect(link.origin).toBe(new URL(s.api.deps.config.publicUrl ?? "").origin);
      expect(link.pathname).toBe("/app/sign-in");
      expect(tokenOf().length).toBeGreaterThanOrEqual(32);
    });

    it("carries the token only in that ephemeral answer: no Web API call, no other response, no channel message", () => {
      const token = tokenOf();
      expect(s.slack.calls.some((call) => textOf(call.args).includes(token))).toBe(false);
      expect(s.slack.responses.filter((r) => textOf(r.body).includes(token))).toHaveLength(1);
      expect(s.slack.messages(GENERAL).some((m) => textOf(m).includes(token))).toBe(false);
    });

    it("acks the URL button's click, which Slack still sends, at once", async () => {
      const clicked = await post(click(mine.button.action_id, ann, { triggerId: `${Date.now()}.9`, ephemeral: true }).body);
      expect(clicked).toMatchObject({ status: 200 });
      expect(clicked.ms).toBeLessThan(3_000);
    });

    it("signs that member of that team in, once", async () => {
      const first = await redeemSignInLink(mine.button.url, s.api.url);
      expect(first.status).toBe(303);
      const page = await galleryAs(first.cookie, s.api.url);
      expect(page.status).toBe(200);
      expect(page.header).toContain(`slack-${ann}`);
      expect(page.header).toContain(`slack-${ACME}`);
      expect((await redeemSignInLink(mine.button.url, s.api.url)).status).toBe(410);
    });

    it("gives another member a different link, which signs them in", async () => {
      const bobs = await galleryLink(bob);
      expect(bobs.button.url).not.toBe(mine.button.url);
      const bobPage = await signInWith(bobs.button.url, s.api.url);
      expect(bobPage.header).toContain(`slack-${bob}`);
      expect(bobPage.header).not.toContain(`slack-${ann}`);
    });

    it("signs a member of another team into that team only", async () => {
      const eves = await galleryLink(eve, RIVALS, OTHER);
      const evePage = await signInWith(eves.button.url, s.api.url);
      expect(evePage.header).toContain(`slack-${eve}`);
      expect(evePage.header).toContain(`slack-${RIVALS}`);
      expect(evePage.html).not.toContain(`slack-${ACME}`);
    });
  });

  it.each([
    {
      user: "U0GALDE",
      locale: "de-DE",
      title: "Dein Anmeldelink für die Galerie",
      line: "Er funktioniert einmal, in den nächsten zehn Minuten.",
      button: "Galerie öffnen",
    },
    {
      user: "U0GALFR",
      locale: "fr-FR",
      title: "Votre lien de connexion à la galerie",
      line: "Il fonctionne une seule fois, dans les dix prochaines minutes.",
      button: "Ouvrir la galerie",
    },
  ])(
    "/gallery for a $locale Slack user says so in their language",
    async (c) => {
      s.slack.userLocales.set(c.user, c.locale);
      onTestFinished(() => void s.slack.userLocales.delete(c.user));
      const { answer, button } = await galleryLink(c.user);
      expect(textOf(answer.body), c.locale).toContain(c.title);
      expect(textOf(answer.body), c.locale).toContain(c.line);
      expect(button.text.text, c.locale).toBe(c.button);
      const signedIn = await redeemSignInLink(button.url, s.api.url);
      expect(signedIn.status, c.locale).toBe(303);
      expect((await galleryAs(signedIn.cookie, s.api.url)).header, c.locale).toContain(`slack-${c.user}`);
    },
    60_000,
  );

  describe("the App Home tab's Open the gallery", () => {
    const HOMER = "U0HOMER";
    let home: Record<string, unknown>;
    const linksInDm = () => s.slack.messages(HOMER).flatMap((m) => buttonsOf(m.blocks).flatMap((b) => (b.url ? [b.url] : [])));
    const clickOpen = () =>
      post(click("home:gallery", HOMER, { channelId: "", triggerId: s.slack.triggerId(HOMER), responseUrl: "" }).body);
    beforeAll(async () => {
      expect(await s.slack.openHome({ teamId: ACME, userId: HOMER, eventsUrl: `${s.api.url}/slack/events` })).toBe(200);
      home = await waitFor(async () => s.slack.homeView(HOMER), 20_000, "the home view");
    }, 60_000);

    // A link drawn into the tab would be used up or expired by the next visit: the button asks for one.
    it("is a button that asks for a link, holding none", () => {
      const open = buttonsOf(home.blocks).find((b) => b.text.text === "Open the gallery");
      expect(open?.action_id).toBe("home:gallery");
      expect(open?.url).toBeUndefined();
    });

    it("sends the user a fresh sign-in link by DM at each click, each one signing them in", async () => {
      expect((await clickOpen()).status).toBe(200);
      const [first] = await waitFor(async () => (linksInDm().length === 1 ? linksInDm() : undefined), 20_000, "the link by DM");
      expect((await clickOpen()).status).toBe(200);
      const second = await waitFor(async () => linksInDm()[1], 20_000, "a second link by DM");
      expect(second).not.toBe(first);
      expect(textOf(s.slack.messages(HOMER))).toContain("It works once, for the next ten minutes.");
      for (const link of [first ?? "", second]) {
        const signedIn = await redeemSignInLink(link, s.api.url);
        expect(signedIn.status).toBe(303);
        expect((await galleryAs(signedIn.cookie, s.api.url)).header).toContain(`slack-${HOMER}`);
      }
    }, 60_000);
  });

  describe("/generate with no prompt", () => {
    const eventsUrl = () => `${s.api.url}/slack/events`;
    let acked: Posted;
    let opened: { view: Record<string, unknown> };
    beforeAll(async () => {
      const c = command("generate", "", { triggerId: s.slack.triggerId(ann) });
      acked = await post(c.body);
      opened = await waitFor(async () => s.slack.openedView(ann, "generate"), 10_000, "the form");
    }, 30_000);

    it("opens the form", () => {
      expect(acked.status).toBe(200);
      expect(opened.view).toMatchObject({ title: { text: "Generate images" } });
    });

    it("shows a size it cannot make beside the field, the form left open", async () => {
      const bad = await s.slack.submitView({
        userId: ann,
        teamId: ACME,
        callbackId: "generate",
        values: { prompt: { prompt: "a wide beach" }, size_custom: { size_custom: "13x7" } },
        eventsUrl: eventsUrl(),
      });
      expect(JSON.parse(bad.body)).toMatchObject({
        response_action: "errors",
        errors: { size_custom: expect.stringContaining("multiples of 8") },
      });
      expect(s.slack.openedView(ann, "generate")).toBeDefined();
    });

    it("makes the job of a good submit, with the form's options", async () => {
      const good = await s.slack.submitView({
        userId: ann,
        teamId: ACME,
        callbackId: "generate",
        values: { prompt: { prompt: "a wide beach" }, size_custom: { size_custom: "16:9" }, count: { count: "2" }, seed: { seed: "42" } },
        eventsUrl: eventsUrl(),
      });
      expect(good).toEqual({ status: 200, body: "" });
      const job = await jobWith({ "input.prompt": "a wide beach" }, "the job");
      expect(job.input).toMatchObject({ width: 1344, height: 768, count: 2, seed: "42" });
      await channelMessage(GENERAL, job.jobId, /image_2\.png/);
    }, 90_000);
  });

  describe("Edit prompt & rerun", () => {
    let job: Job;
    let done: Message;
    let opened: { view: Record<string, unknown> };
    beforeAll(async () => {
      ({ job, done } = await generated("a paper crane --size square"));
      await post(click(`job:remix:${job.jobId}`, bob, { triggerId: s.slack.triggerId(bob), messageTs: done.ts }).body);
      opened = await waitFor(async () => s.slack.openedView(bob, `remix:${job.jobId}`), 10_000, "the form");
    }, 90_000);

    it("is a button on the result", () => {
      expect(textOf(done.blocks)).toContain(`job:remix:${job.jobId}`);
    });

    it("opens the form prefilled from the result", () => {
      const blocks = opened.view.blocks as Array<{
        block_id: string;
        element: { initial_value?: string; initial_option?: { value: string } };
      }>;
      const prefill = Object.fromEntries(blocks.map((b) => [b.block_id, b.element.initial_value ?? b.element.initial_option?.value]));
      expect(prefill).toMatchObject({ prompt: "a paper crane", size: "square", count: "1" });
    });

    it("its submit is the clicker's new job, posted in the result's thread", async () => {
      const submitted = await s.slack.submitView({
        userId: bob,
        teamId: ACME,
        callbackId: `remix:${job.jobId}`,
        values: { prompt: { prompt: "a paper crane at night" }, size: { size: "square" } },
        eventsUrl: `${s.api.url}/slack/events`,
      });
      expect(submitted.status).toBe(200);
      const remix = await jobWith({ "input.prompt": "a paper crane at night" }, "the remix");
      expect(remix).toMatchObject({ userId: `slack-${bob}`, input: { imageSize: "square" } });
      const reply = await channelMessage(GENERAL, remix.jobId, /image_1\.png/);
      expect(reply.threadTs).toBe(done.ts);
    }, 90_000);
  });

  describe("a private result's Share to channel, then a shared one's Send to DM", () => {
    let job: Job;
    let privateResult: Answer;
    let shared: Message;
    beforeAll(async () => {
      const c = command("generate", "a secret garden --private");
      await post(c.body);
      job = await jobOf(c.triggerId);
      privateResult = await responseMatching(c.responseId, /image_1\.png/);
      await post(click(`job:share:${job.jobId}`, ann, { triggerId: `${Date.now()}.1`, ephemeral: true }).body);
      shared = await channelMessage(GENERAL, job.jobId, /Shared to the channel by its author/);
    }, 90_000);

    it("the private result has a Share button", () => {
      expect(textOf(privateResult.body)).toContain(`job:share:${job.jobId}`);
    });

    it("Share posts it in the channel through the click's response_url, crediting its author, and shares the job", async () => {
      expect(textOf(shared)).toContain(`for <@${ann}>`);
      expect((await s.apiAs("slack", ACME, bob).jobs.get.query({ jobId: job.jobId })).visibility).toBe("workspace");
    });

    it("Send to DM copies the shared result to the clicker's DM, without its owner's buttons", async () => {
      const dm = click(`job:dm:${job.jobId}`, bob, { triggerId: `${Date.now()}.2`, messageTs: shared.ts });
      await post(dm.body);
      await responseMatching(dm.responseId, /in your DMs/);
      const copy = s.slack.messages(bob).find((m) => textOf(m).includes(job.jobId));
      expect(copy).toBeDefined();
      expect(textOf(copy?.blocks)).not.toContain("job:delete");
    }, 30_000);
  });

  describe("the message shortcut Transcribe this file", () => {
    const eventsUrl = () => `${s.api.url}/slack/events`;
    let fileId: string;
    let sharedTs: string;
    beforeAll(async () => {
      const permalink = s.slack.addFile({ name: "standup.wav", mimetype: "audio/wav", bytes: makeWav(2), userId: ann });
      fileId = permalink.split("/")[5] ?? "";
      // The message the recording was shared in, as it stands in the channel.
      const poster = new WebClient(s.slack.botToken, { slackApiUrl: s.slack.apiUrl });
      sharedTs = (await poster.chat.postMessage({ channel: GENERAL, text: "standup recording" })).ts ?? "";
    });

    it("transcribes the message's recording into its thread", async () => {
      const run = await s.slack.shortcut({
        type: "message_action",
        callbackId: "transcribe_file",
        teamId: ACME,
        userId: bob,
        channelId: GENERAL,
        message: { ts: sharedTs, files: [{ id: fileId, name: "standup.wav", mimetype: "audio/wav" }] },
        eventsUrl: eventsUrl(),
      });
      expect(run.status).toBe(200);
      const job = await jobOf(run.triggerId);
      expect(job).toMatchObject({ type: "transcription", userId: `slack-${bob}` });
      const result = await channelMessage(GENERAL, job.jobId, /transcript\.txt/);
      expect(result.threadTs).toBe(sharedTs);
    }, 90_000);

    it("tells the user when the message has no recording", async () => {
      const none = await s.slack.shortcut({
        type: "message_action",
        callbackId: "transcribe_file",
        teamId: ACME,
        userId: bob,
        channelId: GENERAL,
        message: { ts: sharedTs, files: [] },
        eventsUrl: eventsUrl(),
      });
      await responseMatching(none.responseUrl?.split("/").pop() ?? "", /no audio or video file/);
    });
  });

  describe("the global shortcut Generate image", () => {
    const eventsUrl = () => `${s.api.url}/slack/events`;

    it("opens the form with a conversation to post in, where the result goes", async () => {
      await s.slack.shortcut({ type: "shortcut", callbackId: "generate_image", teamId: ACME, userId: ann, eventsUrl: eventsUrl() });
      const opened = await waitFor(async () => s.slack.openedView(ann, "generate"), 10_000, "the form");
      expect((opened.view.blocks as Array<{ block_id: string }>)[0]?.block_id).toBe("channel");
      await s.slack.submitView({
        userId: ann,
        teamId: ACME,
        callbackId: "generate",
        values: { channel: { channel: GENERAL }, prompt: { prompt: "a kite from anywhere" } },
        eventsUrl: eventsUrl(),
      });
      const job = await jobWith({ "input.prompt": "a kite from anywhere" }, "the job");
      await channelMessage(GENERAL, job.jobId, /image_1\.png/);
    }, 90_000);

    it("with no conversation picked, makes a private job whose result comes by DM", async () => {
      await s.slack.shortcut({ type: "shortcut", callbackId: "generate_image", teamId: ACME, userId: ann, eventsUrl: eventsUrl() });
      await waitFor(async () => s.slack.openedView(ann, "generate"), 10_000, "the form again");
      expect(
        await s.slack.submitView({
          userId: ann,
          teamId: ACME,
          callbackId: "generate",
          values: { prompt: { prompt: "a kite just for me" } },
          eventsUrl: eventsUrl(),
        }),
      ).toEqual({ status: 200, body: "" });
      const mine = await jobWith({ "input.prompt": "a kite just for me" }, "the private job");
      expect(mine.visibility).toBe("private");
      await waitFor(
        async () => s.slack.messages(ann).find((m) => textOf(m).includes(mine.jobId) && /image_1\.png/.test(textOf(m))),
        60_000,
        "the DM",
      );
    }, 90_000);
  });

  describe("/settings in a channel", () => {
    const CHANNEL = "C0SETTINGS";
    // Someone the app has not seen yet: what Slack says of a user is kept for ten minutes.
    const BOSS = "U0BOSS";
    let permalink: string;
    beforeAll(async () => {
      s.slack.admins.add(BOSS);
      const { zipSync } = await import("fflate");
      const { renderPicture } = await import("../../infra/fakes/picture.js");
      const faces: Record<string, Uint8Array> = {};
      for (let i = 0; i < 4; i++) faces[`pic${i}.png`] = new Uint8Array(renderPicture(`face ${i}`, i, 64, 64));
      permalink = s.slack.addFile({ name: "team.zip", mimetype: "application/zip", bytes: Buffer.from(zipSync(faces)) });
    });
    afterAll(() => void s.slack.admins.delete(BOSS));

    it("refuses a member who is not a workspace admin", async () => {
      const refused = command("settings", "set --size square", { channelId: CHANNEL, userId: bob });
      await post(refused.body);
      await responseMatching(refused.responseId, /only the server's or team's admins can change its settings/);
    });

    it("applies an admin's channel settings to the next /generate there", async () => {
      const set = command("settings", "set --size landscape_16_9 --private yes", { channelId: CHANNEL, userId: BOSS });
      await post(set.body);
      const shown = await responseMatching(set.responseId, /Settings here/);
      expect(textOf(shown.body)).toContain("landscape_16_9 (this channel)");
      const c = command("generate", "a wide pond", { channelId: CHANNEL, userId: bob });
      await post(c.body);
      const job = await jobOf(c.triggerId);
      expect(job).toMatchObject({ visibility: "private", input: { imageSize: "landscape_16_9" } });
    });

    // users.info says who is an admin.
    it("with training kept to admins, refuses a member's /train and runs an admin's", async () => {
      const noMore = command("settings", "set --training admins", { channelId: CHANNEL, userId: BOSS });
      await post(noMore.body);
      await responseMatching(noMore.responseId, /Settings here/);
      const memberTrains = command("train", `bobstyle <${permalink}>`, { channelId: CHANNEL, userId: bob });
      await post(memberTrains.body);
      await responseMatching(memberTrains.responseId, /only the server's or team's admins may train/);
      const adminTrains = command("train", `bossstyle <${permalink}>`, { channelId: CHANNEL, userId: BOSS });
      await post(adminTrains.body);
      expect((await jobOf(adminTrains.triggerId)).type).toBe("lora-training");
    });

    it("leaves other channels' settings as they were", async () => {
      const elsewhere = command("settings", "show", { userId: bob });
      await post(elsewhere.body);
      expect(textOf((await responseMatching(elsewhere.responseId, /Settings here/)).body)).toContain("*Default size*\\nnot set");
    });
  });

  describe("/settings set --model", () => {
    const BOSS = "U0BOSS2";
    const CHANNEL = "C0MODEL";
    let shown: Answer;
    beforeAll(async () => {
      s.slack.admins.add(BOSS);
      const set = command("settings", "set --model flux-schnell", { channelId: CHANNEL, userId: BOSS });
      await post(set.body);
      shown = await responseMatching(set.responseId, /Settings here/);
    }, 30_000);
    afterAll(() => void s.slack.admins.delete(BOSS));

    it("shows as the channel's default model", () => {
      expect(textOf(shown.body)).toContain("*Default model*\\nflux-schnell (this channel)");
    });

    it("runs the next /generate there, and the result names it", async () => {
      const defaulted = command("generate", "a quick pond", { channelId: CHANNEL, userId: bob });
      await post(defaulted.body);
      const fast = await jobOf(defaulted.triggerId);
      expect(fast.input).toMatchObject({ model: "flux-schnell" });
      expect(textOf((await channelMessage(CHANNEL, fast.jobId, /image_1\.png/)).blocks)).toContain("*Model*\\nFLUX.1 [schnell]");
    }, 90_000);

    it("gives way to the command's --model", async () => {
      const chosen = command("generate", "a careful pond --model flux-dev", { channelId: CHANNEL, userId: bob });
      await post(chosen.body);
      expect((await jobOf(chosen.triggerId)).input).toMatchObject({ model: "flux-dev" });
    });

    it("refuses an unknown --model, naming the models", async () => {
      const unknown = command("generate", "a pond --model flux-ultra", { channelId: CHANNEL, userId: bob });
      await post(unknown.body);
      expect(textOf((await responseMatching(unknown.responseId, /--model/)).body)).toContain(
        "--model must be one of flux-pro, flux-dev, flux-schnell.",
      );
    });

    it("gives way to the form's model picker, which offers every model", async () => {
      const form = command("generate", "", { channelId: CHANNEL, userId: bob, triggerId: s.slack.triggerId(bob) });
      await post(form.body);
      const opened = await waitFor(async () => s.slack.openedView(bob, "generate"), 10_000, "the form");
      const picker = (opened.view.blocks as Array<{ block_id: string; element: { options?: Array<{ value: string }> } }>).find(
        (b) => b.block_id === "model",
      );
      expect(picker?.element.options?.map((o) => o.value)).toEqual(["flux-pro", "flux-dev", "flux-schnell"]);
      await s.slack.submitView({
        userId: bob,
        teamId: ACME,
        callbackId: "generate",
        values: { prompt: { prompt: "a formal pond" }, model: { model: "flux-pro" } },
        eventsUrl: `${s.api.url}/slack/events`,
      });
      const formal = await jobWith({ "input.prompt": "a formal pond" }, "the form's job");
      expect(formal.input).toMatchObject({ model: "flux-pro" });
    });
  });

  describe("the App Home tab, drawn when opened", () => {
    let job: Job;
    let home: Record<string, unknown>;
    beforeAll(async () => {
      ({ job } = await generated("a fox for the home tab"));
      expect(await s.slack.openHome({ teamId: ACME, userId: ann, eventsUrl: `${s.api.url}/slack/events` })).toBe(200);
      home = await waitFor(
        async () => {
          const view = s.slack.homeView(ann);
          return view && textOf(view).includes(job.jobId) ? view : undefined;
        },
        20_000,
        "the home view",
      );
    }, 90_000);

    it("shows the user's recent jobs, their usage, the team's LoRAs and a button to the generate form", () => {
      for (const part of ["Your recent jobs", "a fox for the home tab", "Usage in", "The team's LoRAs", "home:generate"])
        expect(textOf(home)).toContain(part);
    });

    // Slack cannot fetch a local URL.
    it("shows the user's recent pictures from the Slack files the results uploaded", () => {
      const accessories = (home.blocks as Array<{ accessory?: { type: string; slack_file?: { id: string }; alt_text?: string } }>).flatMap(
        (b) => (b.accessory?.type === "image" ? [b.accessory] : []),
      );
      expect(textOf(home)).toContain("Your recent pictures");
      expect(accessories[0]?.alt_text).toBe("a fox for the home tab");
      const shownFile = accessories[0]?.slack_file?.id ?? "";
      expect(s.slack.uploaded(shownFile)?.channels.has(GENERAL)).toBe(true);
    });

    it("its Generate images button opens the form with a conversation to post in", async () => {
      await post(
        click("home:generate", ann, { channelId: "", triggerId: s.slack.triggerId(ann), responseUrl: s.slack.responseUrl() }).body,
      );
      const form = await waitFor(async () => s.slack.openedView(ann, "generate"), 10_000, "the form");
      expect((form.view.blocks as Array<{ block_id: string }>)[0]?.block_id).toBe("channel");
    });
  });

  it("a job's messages are in its requester's Slack language (users.info with include_locale)", async () => {
    const KLAUS = "U0KLAUS";
    s.slack.userLocales.set(KLAUS, "de-DE");
    const c = command("generate", "ein Leuchtturm im Nebel", { userId: KLAUS });
    await post(c.body);
    const job = await jobOf(c.triggerId);
    const done = await channelMessage(GENERAL, job.jobId, /image_1\.png/);
    expect(textOf(done)).toContain("1 Bild fertig.");
    expect(textOf(done.blocks)).toContain("Hochskalieren");
    expect(job.delivery).toMatchObject({ locale: "de" });
  }, 90_000);

  // An unknown language (Portuguese is not one of the bots') reads English.
  describe.each([
    {
      user: "U0JEANNE",
      locale: "fr-FR",
      prompt: "un phare",
      ownRefusal: "--count doit être un entier de 1 à 4.",
      apiRefusal: ["Non autorisé", "Le service répond : « only the server's or team's admins can change its settings »"],
      help: ["Ce que je sais faire", "Générer des images à partir d'un prompt", "p. ex. /generate un phare"],
      result: ["Génération d'images: un phare", "1 image prête.", "Agrandir", "pour <@U0JEANNE>"],
      jobs: ["Vos tâches récentes", "terminée"],
      settings: ["Réglages ici", "*Taille par défaut*\\nnon défini"],
      home: ["Génération de contenu", "Générer des images", "Vos tâches récentes", "Les LoRA de l'équipe"],
    },
    {
      user: "U0JONAS",
      locale: "de-DE",
      prompt: "ein Leuchtturm",
      ownRefusal: "--count muss eine ganze Zahl von 1 bis 4 sein.",
      apiRefusal: ["Nicht erlaubt", "Der Dienst sagt: „only the server's or team's admins can change its settings“"],
      help: ["Was ich kann", "Bilder aus einem Prompt erzeugen", "z. B. /generate ein Leuchtturm"],
      result: ["Bildgenerierung: ein Leuchtturm", "1 Bild fertig.", "Hochskalieren", "für <@U0JONAS>"],
      jobs: ["Deine letzten Aufträge", "fertig"],
      settings: ["Einstellungen hier", "*Standardgröße*\\nnicht gesetzt"],
      home: ["Content-Generierung", "Bilder erzeugen", "Deine letzten Aufträge", "Die LoRAs des Teams"],
    },
    {
      user: "U0JOAO",
      locale: "pt-BR",
      prompt: "um farol",
      ownRefusal: "--count must be a whole number from 1 to 4.",
      apiRefusal: ["Not allowed", "only the server's or team's admins can change its settings."],
      help: ["What I can do", "Generate images from a prompt", "e.g. /generate a lighthouse"],
      result: ["Image generation: um farol", "1 image ready.", "Upscale", "for <@U0JOAO>"],
      jobs: ["Your recent jobs", "completed"],
      settings: ["Settings here", "*Default size*\\nnot set"],
      home: ["Content generation", "Generate images", "Your recent jobs", "The team's LoRAs"],
    },
  ])("a Slack user in $locale", (c) => {
    // A channel of its own, where no test sets anything.
    const LANG = "C0LANG";
    const answer = async (name: string, text: string, marker: string) => {
      const sent = command(name, text, { userId: c.user, channelId: LANG });
      await post(sent.body);
      return textOf((await responseMatching(sent.responseId, new RegExp(marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))).body);
    };
    let result: string;
    beforeAll(async () => {
      s.slack.userLocales.set(c.user, c.locale);
      result = textOf((await generated(c.prompt, { userId: c.user, channelId: LANG })).done);
    }, 90_000);
    afterAll(() => void s.slack.userLocales.delete(c.user));

    it("gets the app's own refusals in their language", async () => {
      expect(await answer("generate", "a fox --count 9", c.ownRefusal), c.locale).toContain(c.ownRefusal);
    });

    it("gets the API's refusals in their language", async () => {
      const refused = await answer("settings", "set --size square", c.apiRefusal[0] ?? "");
      for (const part of c.apiRefusal) expect(refused, c.locale).toContain(part);
    });

    it("gets /help in their language", async () => {
      const help = await answer("help", "", c.help[0] ?? "");
      for (const part of c.help) expect(help, c.locale).toContain(part);
    });

    it("gets a result in their language", () => {
      for (const part of c.result) expect(result, c.locale).toContain(part);
    });

    it("gets /jobs in their language", async () => {
      const jobs = await answer("jobs", "", c.jobs[0] ?? "");
      for (const part of c.jobs) expect(jobs, c.locale).toContain(part);
    });

    it("gets /settings show in their language", async () => {
      const settings = await answer("settings", "show", c.settings[0] ?? "");
      for (const part of c.settings) expect(settings, c.locale).toContain(part);
    });

    it("gets the App Home tab in their language", async () => {
      expect(await s.slack.openHome({ teamId: ACME, userId: c.user, eventsUrl: `${s.api.url}/slack/events` })).toBe(200);
      const home = textOf(await waitFor(async () => s.slack.homeView(c.user), 20_000, "the home view"));
      for (const part of c.home) expect(home, c.locale).toContain(part);
    });
  });

  describe("Delete on a result", () => {
    let job: Job;
    let done: Message;
    let fileId: string;
    let link: string;
    let refused: Answer;
    let deletedAfterRefusal: Date | null;
    beforeAll(async () => {
      ({ job, done } = await generated("a paper boat"));
      fileId = (done.blocks.find((b) => b.type === "image") as { slack_file?: { id: string } } | undefined)?.slack_file?.id ?? "";
      link = linksIn(done)[0] ?? "";
    }, 90_000);

    it("is a button on the result, whose picture is uploaded and whose link works", async () => {
      expect(textOf(done.blocks)).toContain(`job:delete:${job.jobId}`);
      expect(s.slack.uploaded(fileId)?.complete).toBe(true);
      expect((await followLink(link)).status).toBe(200);
    });

    describe("pressed by a teammate, then by the owner", () => {
      beforeAll(async () => {
        const bobs = click(`job:delete:${job.jobId}`, bob, { messageTs: done.ts, responseUrl: s.slack.responseUrl() });
        expect((await post(bobs.body)).status).toBe(200);
        refused = await responseMatching(bobs.responseId, /Not allowed/);
        deletedAfterRefusal = (await s.api.deps.jobs.get(job.jobId))?.deletedAt ?? null;
        const anns = click(`job:delete:${job.jobId}`, ann, { messageTs: done.ts, responseUrl: s.slack.responseUrl() });
        await post(anns.body);
        await responseMatching(anns.responseId, /Deleted job/);
      }, 60_000);

      it("the teammate is refused through the response_url, and nothing is deleted", () => {
        expect(refused.body.response_type).toBe("ephemeral");
        expect(textOf(refused.body)).toContain("only the job's owner can delete it");
        expect(deletedAfterRefusal).toBeNull();
      });

      it("the owner's delete deletes the job", async () => {
        expect((await s.api.deps.jobs.get(job.jobId))?.deletedAt).toBeInstanceOf(Date);
      });

      it("edits the message, without a Delete button", async () => {
        const edited = await channelMessage(GENERAL, job.jobId, /Deleted/, 20_000);
        expect(textOf(edited.blocks)).not.toContain("job:delete:");
      });

      it("its link answers 410 Gone", async () => {
        expect((await fetch(link, { redirect: "manual" })).status).toBe(410);
      });

      it("deletes the picture uploaded to Slack, its share in the thread with it", () => {
        expect(s.slack.uploaded(fileId)).toBeUndefined();
        expect(s.slack.messages(GENERAL).some((m) => m.files?.includes(fileId))).toBe(false);
      });
    });
  });

  describe("Cancel while running, pressed by a teammate, then by the owner", () => {
    let job: Job;
    let statusAfterRefusal: string | undefined;
    beforeAll(async () => {
      s.fal.processingMs = 15_000;
      const c = command("generate", "a very slow painting");
      await post(c.body);
      job = await jobOf(c.triggerId);
      const running = await channelMessage(GENERAL, job.jobId, /job:cancel:/, 20_000);
      const bobs = click(`job:cancel:${job.jobId}`, bob, { messageTs: running.ts, responseUrl: s.slack.responseUrl() });
      await post(bobs.body);
      await responseMatching(bobs.responseId, /Not allowed/);
      statusAfterRefusal = (await s.api.deps.jobs.get(job.jobId))?.status;
      const anns = click(`job:cancel:${job.jobId}`, ann, { messageTs: running.ts, responseUrl: s.slack.responseUrl() });
      await post(anns.body);
      await responseMatching(anns.responseId, /Canceled job/);
    }, 60_000);
    afterAll(() => {
      s.fal.processingMs = 200;
    });

    it("the teammate is refused, and the job goes on", () => {
      expect(statusAfterRefusal).not.toBe("canceled");
    });

    it("the owner's click stops the job", async () => {
      expect((await s.api.deps.jobs.get(job.jobId))?.status).toBe("canceled");
    });

    it("the message says so, without a Cancel button, and is recorded delivered", async () => {
      const edited = await channelMessage(GENERAL, job.jobId, /[Cc]anceled/, 20_000);
      expect(textOf(edited.blocks)).not.toContain("job:cancel:");
      expect(await recordedDelivered(s, job.jobId)).toBeInstanceOf(Date);
    });
  });

  it("a private /generate answers only through the response_url and never posts in the channel", async () => {
    const c = command("generate", "my secret sketch --private", { channelId: OTHER });
    await post(c.body);
    await responseMatching(c.responseId, /Queued/);
    const result = await responseMatching(c.responseId, /image_1\.png/, 60_000);
    expect(result.body.response_type).toBe("ephemeral");
    expect(textOf(result.body)).not.toContain(`<@${ann}>`);
    const job = await jobOf(c.triggerId);
    expect(await recordedDelivered(s, job.jobId)).toBeInstanceOf(Date);
    expect(s.slack.messages(OTHER)).toHaveLength(0);
    expect(s.slack.calls.some((call) => call.method.startsWith("chat.") && textOf(call.args).includes("my secret sketch"))).toBe(false);
  }, 90_000);

  it("a teammate sees the shared job in /assets; another team does not", async () => {
    const c = command("generate", "a lighthouse at dusk");
    await post(c.body);
    const job = await jobOf(c.triggerId);
    await channelMessage(GENERAL, job.jobId, /image_1\.png/);

    const teammate = command("assets", "images lighthouse", { userId: bob });
    await post(teammate.body);
    const listing = await responseMatching(teammate.responseId, /lighthouse/);
    expect(listing.body.response_type).toBe("ephemeral");

    const stranger = command("assets", "images", { teamId: RIVALS, userId: eve, channelId: "C0RIVALS" });
    await post(stranger.body);
    const empty = await responseMatching(stranger.responseId, /No images yet/);
    expect(textOf(empty.body)).not.toContain(job.jobId);
  }, 90_000);

  it.each([
    ["no prompt, with a trigger Slack no longer takes for the form", "generate", "", /did not open the form in time/],
    ["a prompt over the limit", "generate", "x".repeat(2001), /at most 2000 characters/],
    ["a bad option", "generate", "a cat --count 9", /--count must be a whole number from 1 to 4/],
    ["an unknown LoRA", "generate", "a cat --lora nosuchlora", /no trained LoRA called \\"nosuchlora\\"/],
    ["a link that is not audio", "transcribe", "<https://example.com/about.html>", /not audio or video/],
    [
      "a Slack file that does not exist",
      "transcribe",
      "<https://fake-team.slack.com/files/U0ANN/F0NOSUCHFILE/x.wav>",
      /could not be opened/,
    ],
  ])(
    "%s gets an ephemeral explanation and creates nothing",
    async (_what, name, text, reason) => {
      const before = await rawJobs(s.api.deps).countDocuments({});
      const c = command(name, text);
      expect((await post(c.body)).status).toBe(200);
      const answer = await responseMatching(c.responseId, reason);
      expect(answer.body.response_type).toBe("ephemeral");
      expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
    },
    30_000,
  );

  it("a Slack file over the size limit is refused before it is downloaded", async () => {
    const before = await rawJobs(s.api.deps).countDocuments({});
    const permalink = s.slack.addFile({ name: "long.wav", mimetype: "audio/wav", bytes: makeWav(70) });
    const c = command("transcribe", `<${permalink}>`);
    await post(c.body);
    const answer = await responseMatching(c.responseId, /the limit is 2\.0 MB/);
    expect(answer.body.response_type).toBe("ephemeral");
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
  }, 30_000);

  it("with the API down the command is still acked, and the user is told nothing was created", async () => {
    const before = await rawJobs(s.api.deps).countDocuments({});
    s.apiDown.on = true;
    try {
      const c = command("generate", "while it is down");
      const ack = await post(c.body);
      expect(ack.status).toBe(200);
      const answer = await responseMatching(c.responseId, /not reachable/);
      expect(answer.body.response_type).toBe("ephemeral");
      expect(textOf(answer.body)).toContain("Nothing was created");
    } finally {
      s.apiDown.on = false;
    }
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
  }, 30_000);

  it("a workspace whose monthly budget is spent is told so, ephemerally, and nothing is created", async () => {
    const usage = command("usage", "", { teamId: "T0BROKE", userId: "U0BROKE" });
    await post(usage.body);
    await responseMatching(usage.responseId, /Usage/);
    const workspace = await s.api.deps.sql.db.query.workspaces.findFirst({ where: eq(workspaces.slug, "slack-T0BROKE") });
    expect(workspace).toBeDefined();
    await s.api.deps.sql.db.insert(quotas).values({ workspaceId: workspace?.id ?? "", monthlyCostLimitUsd: "0" });
    const before = await rawJobs(s.api.deps).countDocuments({});
    const c = command("generate", "a picture we cannot afford", { teamId: "T0BROKE", userId: "U0BROKE" });
    await post(c.body);
    const answer = await responseMatching(c.responseId, /Limit reached/);
    expect(answer.body.response_type).toBe("ephemeral");
    expect(textOf(answer.body)).toContain("monthly budget");
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
  }, 30_000);

  it("with the API taking 5 s per call the ack still arrives within 1 s, and the job is then made", async () => {
    s.apiDelay.ms = 5_000;
    try {
      const c = command("generate", "slow day");
      const ack = await post(c.body);
      expect(ack.status).toBe(200);
      expect(ack.ms).toBeLessThan(1_000);
      const job = await jobOf(c.triggerId, 30_000);
      await channelMessage(GENERAL, job.jobId, /image_1\.png/);
    } finally {
      s.apiDelay.ms = 0;
    }
  }, 90_000);

  it("a 429 from Slack is waited out for its Retry-After, and the message still lands", async () => {
    s.slack.rateLimit("chat.postMessage", 1, 1);
    const c = command("generate", "rate limited");
    await post(c.body);
    const job = await jobOf(c.triggerId);
    await channelMessage(GENERAL, job.jobId, /image_1\.png/);
    const posts = s.slack.calls.filter((call) => call.method === "chat.postMessage");
    const limited = posts.find((call) => call.status === 429);
    expect(limited).toBeDefined();
    const next = posts.find((call) => call.at > (limited?.at ?? 0) && call.status === 200);
    expect((next?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(900);
  }, 90_000);

  it("/usage and /jobs answer only the user", async () => {
    const usage = command("usage", "");
    await post(usage.body);
    const u = await responseMatching(usage.responseId, /Usage/);
    expect(u.body.response_type).toBe("ephemeral");
    const jobs = command("jobs", "");
    await post(jobs.body);
    const j = await responseMatching(jobs.responseId, /a red fox in snow|a paper boat|a lighthouse/);
    expect(j.body.response_type).toBe("ephemeral");
  }, 30_000);
});
