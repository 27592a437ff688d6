import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { MongoClient } from "mongodb";
import { describe, expect, it } from "vitest";
import { freePort } from "../../infra/child-process.js";
import { slackSignature, slashCommandBody } from "../../infra/fakes/slack/index.js";
import { createApp } from "../../server/app.js";
import type { HealthReport } from "../../server/health.js";
import { createLogger } from "../../shared/logger.js";
import { createStorage } from "../../shared/storage/index.js";
import { ASSEMBLYAI_WEBHOOK_HEADER, webhookToken } from "../../shared/webhook-token.js";
import { postToSlackApp, useChatStack } from "../helpers/chat.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("security edges", () => {
  const s = useChatStack();

  describe("provider webhooks with a body that is not JSON", () => {
    it("fal: a correctly signed delivery whose body is not JSON is 400, not 500, and records nothing", async () => {
      // fal's keys for this app come from a JWKS of the test's own, so it can sign any body.
      const { publicKey, privateKey } = generateKeyPairSync("ed25519");
      const jwks = JSON.stringify({ keys: [{ kty: "OKP", crv: "Ed25519", x: publicKey.export({ format: "jwk" }).x, kid: "test" }] });
      const server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(jwks));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
        const deps = s.api.deps;
        const app = createApp({ ...deps, config: { ...deps.config, providers: { ...deps.config.providers, falJwksUrl: jwksUrl } } });
        const requestId = randomUUID();
        // A job of ours that made this request: only webhooks about one are stored.
        const jobId = randomUUID();
        await deps.jobs.create({ jobId, type: "image-generation", userId: "alice", workspaceId: randomUUID(), input: {} });
        await deps.jobs.setProvider(jobId, { name: "fal", requestId });
        const post = (body: string) => {
          const timestamp = String(Math.floor(Date.now() / 1000));
          const message = [requestId, "u", timestamp, createHash("sha256").update(body).digest("hex")].join("\n");
          return app.request(`/webhooks/fal?jobId=${jobId}`, {
            method: "POST",
            body,
            headers: {
              "content-type": "application/json",
              "x-fal-webhook-request-id": requestId,
              "x-fal-webhook-user-id": "u",
              "x-fal-webhook-timestamp": timestamp,
              "x-fal-webhook-signature": sign(null, Buffer.from(message), privateKey).toString("hex"),
            },
          });
        };
        for (const body of ["not json at all", '{"request_id":', ""]) {
          const res = await post(body);
          expect(res.status).toBe(400);
          expect(await res.json()).toEqual({ error: { code: "BAD_REQUEST", message: "not a fal webhook body" } });
        }
        expect(await deps.webhooks.forRequest("fal", requestId)).toBeNull();
        // The same key and route take a well-formed delivery: the 400s above were about the body.
        expect((await post(JSON.stringify({ request_id: requestId, status: "OK", payload: {} }))).status).toBe(200);
        expect((await deps.webhooks.forRequest("fal", requestId))?.status).toBe("OK");
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it("AssemblyAI: a delivery with the job's token whose body is not JSON is 400 and records nothing", async () => {
      const jobId = randomUUID();
      for (const body of ["transcript_id=t-x&status=completed", "{", ""]) {
        const res = await s.api.app.request(`/webhooks/assemblyai?jobId=${jobId}`, {
          method: "POST",
          body,
          headers: {
            "content-type": "application/json",
            [ASSEMBLYAI_WEBHOOK_HEADER]: webhookToken(s.api.deps.config.links.signingSecret, jobId),
          },
        });
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ error: { code: "BAD_REQUEST", message: "not an AssemblyAI webhook body" } });
      }
      expect(await s.api.deps.webhooks.forRequest("assemblyai", "t-x")).toBeNull();
    });
  });

  describe("health with a dependency down", () => {
    it("/healthz and health.check name what is down without its address; the log has the detail", async () => {
      const deadPort = await freePort();
      const client = new MongoClient(`mongodb://127.0.0.1:${deadPort}/`, { serverSelectionTimeoutMS: 300 });
      const downS3 = createStorage({ ...s.api.deps.config.s3, endpoint: `http://127.0.0.1:${deadPort}` });
      const lines: string[] = [];
      const logger = createLogger({ ...s.api.deps.config, logLevel: "debug" }, { write: (line: string) => void lines.push(line) });
      try {
        const app = createApp({
          ...s.api.deps,
          logger,
          mongo: { client, db: client.db("x"), close: () => client.close() },
          storage: downS3,
        });
        const healthz = await app.request("/healthz");
        expect(healthz.status).toBe(503);
        const report = (await healthz.json()) as HealthReport;
        const trpc = await app.request("/trpc/health.check");
        const viaTrpc = ((await trpc.json()) as { result: { data: HealthReport } }).result.data;

        for (const answer of [report, viaTrpc]) {
          expect(answer.status).toBe("degraded");
          expect(answer.dependencies.postgres.status).toBe("ok");
          expect(answer.dependencies.mongo).toMatchObject({ status: "down", error: "not reachable" });
          expect(answer.dependencies.s3.status).toBe("down");
          expect(answer.dependencies.s3.error).toMatch(/^(not reachable|no answer within \d+ ms)$/);
          const text = JSON.stringify(answer);
          expect(text).not.toContain("127.0.0.1");
          expect(text).not.toContain(String(deadPort));
          expect(text).not.toMatch(/ECONNREFUSED|localhost|mongodb:|http:/i);
        }

        // The operator's side: each down dependency is logged with the driver's error.
        const logged = lines.map(
          (l) => JSON.parse(l) as { msg: string; dependency?: string; err?: { message?: string }; requestId?: string },
        );
        const downs = logged.filter((l) => l.msg === "health check: dependency down");
        expect(downs.map((l) => l.dependency).sort()).toEqual(["mongo", "mongo", "s3", "s3"]);
        expect(downs.some((l) => l.dependency === "mongo" && (l.err?.message ?? "").includes(`127.0.0.1:${deadPort}`))).toBe(true);
        expect(downs.some((l) => l.dependency === "s3" && l.err)).toBe(true);
        // The tRPC check's lines carry its request id.
        expect(downs.filter((l) => l.requestId).length).toBe(2);
      } finally {
        await client.close();
        downS3.client.destroy();
      }
    });
  });

  describe("Slack request dates and replays", () => {
    const ACME = "T0ACME";
    const command = (text: string) => {
      const triggerId = `${Date.now()}.${randomBytes(4).toString("hex")}`;
      const responseUrl = s.slack.responseUrl();
      const body = slashCommandBody({
        command: "/generate",
        text,
        teamId: ACME,
        userId: "U0ANN",
        channelId: "C0GENERAL",
        triggerId,
        responseUrl,
      });
      return { body, triggerId, responseId: responseUrl.split("/").pop() ?? "" };
    };
    const post = async (body: string, headers: Record<string, string>) => {
      const res = await postToSlackApp(s, body, headers);
      return { status: res.status, text: await res.text() };
    };
    const now = () => Math.floor(Date.now() / 1000);

    it.each([
      ["a year ahead", 365 * 24 * 3600],
      ["six minutes ahead", 360],
      ["six minutes behind", -360],
    ])("a correctly signed command dated %s is 401 and creates nothing", async (_what, offsetSeconds) => {
      const jobsBefore = await rawJobs(s.api.deps).countDocuments({});
      const callsBefore = s.slack.calls.length;
      const c = command("from another time");
      const res = await post(c.body, slackSignature(s.slack.signingSecret, c.body, now() + offsetSeconds));
      expect(res.status).toBe(401);
      expect(res.text).toContain("invalid signature or stale timestamp");
      expect(await rawJobs(s.api.deps).countDocuments({})).toBe(jobsBefore);
      expect(s.slack.responses.filter((r) => r.id === c.responseId)).toHaveLength(0);
      expect(s.slack.calls.length).toBe(callsBefore);
    });

    it("a command dated four minutes ahead (a fast clock within the window) is taken", async () => {
      const c = command("slightly early fox --private");
      const res = await post(c.body, slackSignature(s.slack.signingSecret, c.body, now() + 240));
      expect(res.status).toBe(200);
      await waitFor(
        () => s.slack.responses.find((r) => r.id === c.responseId && JSON.stringify(r.body).includes("Queued")),
        20_000,
        "the Queued reply",
      );
    });

    it("a replayed signed command is answered once: one 'Queued' reply, one job; the replay gets an empty 200", async () => {
      const c = command("replayed fox --private");
      const headers = slackSignature(s.slack.signingSecret, c.body);
      const started = Date.now();
      const first = await post(c.body, headers);
      expect(first.status).toBe(200);
      const queued = () => s.slack.responses.filter((r) => r.id === c.responseId && JSON.stringify(r.body).includes("Queued"));
      await waitFor(() => (queued().length ? true : undefined), 20_000, "the Queued reply");
      const replyMs = Date.now() - started;

      const retryHeaders: Record<string, string> = { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" };
      for (const extra of [{}, retryHeaders]) {
        const replay = await post(c.body, { ...headers, ...extra });
        expect(replay).toEqual({ status: 200, text: "" });
      }
      // The first reply came within replyMs; a processed replay's would come as soon.
      await sleep(Math.max(2_000, 3 * replyMs));
      expect(queued()).toHaveLength(1);
      expect(await rawJobs(s.api.deps).countDocuments({ "input.prompt": "replayed fox" })).toBe(1);

      // The same command signed anew (a new timestamp) is not a replay: it is processed, and the
      // trigger id still makes it the same job.
      await sleep(1_100);
      const resigned = await post(c.body, slackSignature(s.slack.signingSecret, c.body));
      expect(resigned.status).toBe(200);
      await waitFor(() => (queued().length === 2 ? true : undefined), 20_000, "the second Queued reply");
      expect(await rawJobs(s.api.deps).countDocuments({ "input.prompt": "replayed fox" })).toBe(1);
    }, 60_000);
  });
});
