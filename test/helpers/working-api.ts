import type { RetryPolicy } from "../../queue/queues.js";
import { useFixture } from "./use-fixture.js";
import { type AssemblyAiFake, startAssemblyAiFake } from "../../infra/fakes/assemblyai/emulator.js";
import { type FalFake, startFalFake } from "../../infra/fakes/fal/emulator.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { type TestApi, startTestApi } from "./api.js";
import { dataOf, trpcCall } from "./http.js";
import { waitFor } from "./processes.js";

export interface WorkingApi {
  api: TestApi;
  fal: FalFake;
  aai: AssemblyAiFake;
  alice: Awaited<ReturnType<TestApi["member"]>>;
  /** jobs.create as alice; returns the job id. */
  create(input: unknown): Promise<string>;
  /** Polls jobs.get as alice until the job is final. */
  settled(jobId: string, timeoutMs?: number): Promise<PublicJob>;
  /** Polls the stored document until the job is final (for fields the API does not show). */
  finished(jobId: string, timeoutMs?: number): Promise<JobDocument>;
  close(): Promise<void>;
}

const isFinal = (status: string) => ["completed", "failed", "canceled"].includes(status);

/** The API with the real queue, the provider emulators the real SDKs talk to, and a member, alice. */
export async function startWorkingApi(
  opts: {
    processingMs?: number;
    enqueueOnly?: boolean;
    publicUrl?: boolean;
    env?: Record<string, string>;
    logLines?: string[];
    retry?: RetryPolicy;
    beforeServe?: NonNullable<Parameters<typeof startTestApi>[1]>["beforeServe"];
  } = {},
): Promise<WorkingApi> {
  const fal = await startFalFake({ processingMs: opts.processingMs ?? 300 });
  const aai = await startAssemblyAiFake({ processingMs: opts.processingMs ?? 300 });
  const api = await startTestApi(
    {
      FAL_KEY: "test-key",
      FAL_BASE_URL: fal.url,
      FAL_JWKS_URL: fal.jwksUrl,
      ASSEMBLYAI_API_KEY: "test-key",
      ASSEMBLYAI_BASE_URL: aai.url,
      ASSEMBLYAI_LLM_GATEWAY_URL: aai.url,
      ...opts.env,
    },
    {
      ...(opts.enqueueOnly ? { enqueueOnly: true } : { work: true }),
      ...(opts.publicUrl ? { publicUrl: true } : {}),
      ...(opts.logLines ? { logLines: opts.logLines } : {}),
      ...(opts.retry ? { retry: opts.retry } : {}),
      ...(opts.beforeServe ? { beforeServe: opts.beforeServe } : {}),
      trustedOrigins: [fal.url, aai.url],
    },
  );
  const alice = await api.member("acme", "alice");
  const get = async (jobId: string) => dataOf<PublicJob>(await trpcCall(api.app, alice.key, "jobs.get", { jobId }, "query"));
  return {
    api,
    fal,
    aai,
    alice,
    create: async (input) => dataOf<{ jobId: string }>(await trpcCall(api.app, alice.key, "jobs.create", input, "mutation")).jobId,
    settled: (jobId, timeoutMs = 60_000) =>
      waitFor(
        async () => {
          const job = await get(jobId);
          return isFinal(job.status) ? job : undefined;
        },
        timeoutMs,
        `job ${jobId} to finish`,
      ),
    finished: (jobId, timeoutMs = 90_000) =>
      waitFor(
        async () => {
          const job = await api.deps.jobs.get(jobId);
          return job && isFinal(job.status) ? job : undefined;
        },
        timeoutMs,
        `job ${jobId} to finish`,
      ),
    async close() {
      await api.close();
      await fal.close();
      await aai.close();
    },
  };
}

/**
 * Starts the working API before the file's tests and closes it after them. The returned object
 * is filled in by `beforeAll`, so tests read its fields (`w.api`, `w.fal`, …) when they run.
 */
export function useWorkingApi(opts: Parameters<typeof startWorkingApi>[0] = {}): WorkingApi {
  return useFixture(() => startWorkingApi(opts));
}
