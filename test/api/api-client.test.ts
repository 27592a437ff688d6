import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { AppRouter } from "../../server/trpc/router.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { completedImageJob } from "../helpers/stored-jobs.js";

describe("typed tRPC client over HTTP", () => {
  let api: TestApi;
  let alice: Awaited<ReturnType<TestApi["member"]>>;
  let client: ReturnType<typeof createTRPCClient<AppRouter>>;

  beforeAll(async () => {
    api = await startTestApi();
    alice = await api.member("acme", "alice");
    client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${api.url}/trpc`, headers: { authorization: `Bearer ${alice.key}` } })],
    });
  });

  afterAll(() => api.close());

  it("creates a job, lists it, gets it, and gets a download URL", async () => {
    const created = await client.jobs.create.mutate({ type: "image-generation", prompt: "a red fox in snow", count: 2, seed: 42 });
    expect(created.status).toBe("queued");
    expectTypeOf(created.jobId).toEqualTypeOf<string>();
    expect(api.queue.enqueued).toContainEqual(expect.objectContaining({ jobId: created.jobId, type: "image-generation" }));

    const list = await client.jobs.list.query({ limit: 10 });
    expect(list.items.map((j) => j.jobId)).toContain(created.jobId);

    const job = await client.jobs.get.query({ jobId: created.jobId });
    expect(job).toMatchObject({
      jobId: created.jobId,
      type: "image-generation",
      status: "queued",
      userId: "alice",
      visibility: "workspace",
    });
    expect(job.input).toMatchObject({ prompt: "a red fox in snow", count: 2, seed: "42" });
    expectTypeOf(job.createdAt).toEqualTypeOf<string>();

    const { job: done, bytes } = await completedImageJob(api, alice);
    const link = await client.assets.downloadUrl.query({ jobId: done.jobId, file: "image_1.png" });
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it("answers invalid input with BAD_REQUEST naming the field", async () => {
    const err = await client.jobs.create
      // @ts-expect-error count must be a number: the type system and the server both refuse it
      .mutate({ type: "image-generation", prompt: "x", count: "many" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCClientError);
    expect((err as TRPCClientError<AppRouter>).data?.code).toBe("BAD_REQUEST");
    expect((err as TRPCClientError<AppRouter>).data?.fieldErrors).toHaveProperty("count");
  });

  it("refuses a call without a key with UNAUTHORIZED", async () => {
    const anonymous = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${api.url}/trpc` })] });
    const err = await anonymous.jobs.list.query({}).catch((e: unknown) => e);
    expect((err as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
    expect((err as Error).message).toMatch(/Authorization: Bearer/);
  });
});
