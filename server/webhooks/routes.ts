import { Hono } from "hono";
import { z } from "zod";
import { isValidWebhookToken, ASSEMBLYAI_WEBHOOK_HEADER } from "../../shared/webhook-token.js";
import type { AppEnv } from "../app-env.js";
import type { AppDeps } from "../deps.js";
import { falKeySource, verifyFalWebhook } from "./fal-signature.js";

const falBody = z.object({ request_id: z.string().min(1), status: z.string() }).loose();
const assemblyAiBody = z.object({ transcript_id: z.string().min(1), status: z.string() }).loose();

/** The body as JSON, or undefined when it is not JSON (which the schema then refuses with 400). */
function parseJson(raw: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(raw).toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Provider webhooks. Each delivery is verified before anything is read from it; a verified one
 * is recorded (once) for the waiting worker, which then fetches the result at once. Forged
 * deliveries get 401 and change nothing; repeated ones get 200 and change nothing; a verified one
 * whose body is not the provider's JSON gets 400.
 */
export function webhookRoutes(deps: AppDeps) {
  const hooks = new Hono<AppEnv>();
  const falKeys = falKeySource(deps.config.providers.falJwksUrl);

  hooks.post("/fal", async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!(await verifyFalWebhook(falKeys, c.req.raw.headers, raw))) {
      return c.json({ error: { code: "UNAUTHORIZED", message: "webhook signature is not valid" } }, 401);
    }
    // fal signs every customer's webhooks with the same keys: a valid signature says fal sent it,
    // not that it is about our account or this job.
    const ourUser = deps.config.providers.falWebhookUserId;
    if (ourUser && c.req.header("x-fal-webhook-user-id") !== ourUser) {
      return c.json({ error: { code: "UNAUTHORIZED", message: "webhook is not for this fal account" } }, 401);
    }
    const body = falBody.safeParse(parseJson(raw));
    if (!body.success) return c.json({ error: { code: "BAD_REQUEST", message: "not a fal webhook body" } }, 400);
    // The job and the submission's nonce come from the URL our worker gave fal: with them the
    // next attempt finds this request even if the worker that submitted it died before storing
    // its id. The nonce is random and known only to the job and to fal. A delivery is kept only
    // when it is about the job's own request (its stored id, or its announced submission's
    // nonce), so nothing else, however validly signed, is stored: inserts are bounded by our
    // own submissions.
    const jobId = c.req.query("jobId") ?? "";
    const submission = c.req.query("submission");
    const provider = jobId ? (await deps.jobs.get(jobId))?.provider : undefined;
    const ours =
      provider?.name === "fal" &&
      (provider.requestId === body.data.request_id || (submission !== undefined && provider.submission?.nonce === submission));
    if (!ours) return c.json({ error: { code: "NOT_FOUND", message: "no job of ours made this request" } }, 404);
    const first = await deps.webhooks.record("fal", body.data.request_id, body.data.status, { jobId, submission });
    deps.logger.debug({ jobId, providerRequestId: body.data.request_id, first }, "fal webhook");
    return c.json({ ok: true });
  });

  hooks.post("/assemblyai", async (c) => {
    const jobId = c.req.query("jobId") ?? "";
    if (!isValidWebhookToken(deps.config.links.signingSecret, jobId, c.req.header(ASSEMBLYAI_WEBHOOK_HEADER))) {
      return c.json({ error: { code: "UNAUTHORIZED", message: "webhook token is not valid" } }, 401);
    }
    const body = assemblyAiBody.safeParse(parseJson(new Uint8Array(await c.req.arrayBuffer())));
    if (!body.success) return c.json({ error: { code: "BAD_REQUEST", message: "not an AssemblyAI webhook body" } }, 400);
    // As for fal: the submission's nonce from the URL lets a retry whose worker died before
    // storing the transcript id find it here, kept only when it is the job's announced one.
    const nonce = c.req.query("submission");
    const announced = nonce ? (await deps.jobs.get(jobId))?.provider?.submission?.nonce === nonce : false;
    const first = await deps.webhooks.record("assemblyai", body.data.transcript_id, body.data.status, {
      jobId,
      ...(announced ? { submission: nonce } : {}),
    });
    deps.logger.debug({ jobId, first }, "assemblyai webhook");
    return c.json({ ok: true });
  });
  return hooks;
}
