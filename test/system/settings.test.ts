import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { useChatStack } from "../helpers/chat.js";
import { trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { eq } from "drizzle-orm";
import { usageLedger } from "../../shared/db/sql/schema.js";
import { waitFor } from "../helpers/processes.js";

const GUILD = "100000000000000009";
const CHANNEL = "200000000000000019";

/** A server's or team's chat settings: only admins change them, and jobs.create applies them to chat jobs, whatever the bot sends. */
describe("chat settings", () => {
  const s = useChatStack();
  const codeOf = async (p: Promise<unknown>) =>
    p.then(
      () => "OK",
      (err: unknown) => (err instanceof TRPCClientError ? String(err.data?.code) : String(err)),
    );

  it("only an admin the bot vouches for changes them; a channel's value overrides the server's", async () => {
    const member = s.apiAs("discord", GUILD, "300000000000000091");
    const admin = s.apiAs("discord", GUILD, "300000000000000092", true);
    expect(await codeOf(member.settings.set.mutate({ imageSize: "square" }))).toBe("FORBIDDEN");
    await admin.settings.set.mutate({ imageSize: "square", maxImages: 3 });
    const after = await admin.settings.set.mutate({ channelId: CHANNEL, imageSize: "portrait_4_3" });
    expect(after.effective).toMatchObject({ imageSize: "portrait_4_3", maxImages: 3 });
    expect((await member.settings.get.query({})).effective).toMatchObject({ imageSize: "square", maxImages: 3 });
    // null clears a value: the server's shows through again.
    expect((await admin.settings.set.mutate({ channelId: CHANNEL, imageSize: null })).effective.imageSize).toBe("square");
    expect(await codeOf(admin.settings.set.mutate({ lora: "00000000-0000-0000-0000-000000000000" }))).toBe("NOT_FOUND");
    // A member's own API key cannot claim to be an admin: only a bot key's word counts.
    const own = await s.api.member("acme", "mallory");
    const claimed = await trpcCall(s.api.app, own.key, "settings.set", { imageSize: "square" }, "mutation", { "x-act-as-admin": "1" });
    expect(claimed.status).toBe(403);
  });

  it("a channel's monthly budget refuses new jobs there (429) once its jobs' estimated cost reaches it; other channels go on", async () => {
    const admin = s.apiAs("discord", GUILD, "300000000000000092", true);
    const BUDGETED = "200000000000000030";
    await admin.settings.set.mutate({ channelId: BUDGETED, monthlyBudgetUsd: 0.01 });
    const first = await admin.jobs.create.mutate({
      type: "image-generation",
      prompt: "a budgeted pond",
      imageSize: "square",
      delivery: { channelId: BUDGETED },
    });
    await waitFor(
      async () => ((await rawJobs(s.api.deps).findOne({ jobId: first.jobId }))?.status === "completed" ? true : undefined),
      30_000,
      "the first job",
    );
    const [row] = await s.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, first.jobId));
    expect(row?.channelId).toBe(BUDGETED);
    expect(
      await codeOf(admin.jobs.create.mutate({ type: "image-generation", prompt: "one too many", delivery: { channelId: BUDGETED } })),
    ).toBe("TOO_MANY_REQUESTS");
    await admin.jobs.create.mutate({ type: "image-generation", prompt: "another channel", delivery: { channelId: "200000000000000031" } });
  }, 60_000);

  it("a default model: a chat job without one runs on it, an explicit one overrides it, priced at its endpoint's rate; an unknown model is refused and changes nothing", async () => {
    const admin = s.apiAs("discord", GUILD, "300000000000000092", true);
    const member = s.apiAs("discord", GUILD, "300000000000000091");
    const MODELLED = "200000000000000040";
    const delivery = { channelId: MODELLED };
    expect((await admin.settings.set.mutate({ channelId: MODELLED, model: "flux-schnell" })).effective.model).toBe("flux-schnell");
    // An unknown model, in a setting or a job: 400, and nothing changes.
    expect(await codeOf(admin.settings.set.mutate({ channelId: MODELLED, model: "flux-ultra" as never }))).toBe("BAD_REQUEST");
    expect((await admin.settings.get.query({ channelId: MODELLED })).channel?.model).toBe("flux-schnell");
    const before = await rawJobs(s.api.deps).countDocuments({});
    expect(
      await codeOf(
        member.jobs.create.mutate({ type: "image-generation", prompt: "an unknown model", model: "flux-ultra" as never, delivery }),
      ),
    ).toBe("BAD_REQUEST");
    // What the model cannot take is refused before anything is made: schnell's 12 steps, and a LoRA (FLUX.1 [dev] adapters) on another model.
    expect(
      await codeOf(member.jobs.create.mutate({ type: "image-generation", prompt: "too many steps", model: "flux-schnell", steps: 20 })),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        member.jobs.create.mutate({
          type: "image-generation",
          prompt: "a LoRA on schnell",
          model: "flux-schnell",
          lora: { jobId: "00000000-0000-4000-8000-000000000000" },
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);

    const settled = (jobId: string) =>
      waitFor(
        async () =>
          (await rawJobs(s.api.deps).findOne({ jobId }))?.status === "completed" ? rawJobs(s.api.deps).findOne({ jobId }) : undefined,
        30_000,
        `job ${jobId}`,
      );
    const submittedTo = (prompt: string) => s.fal.submissions.filter((r) => r.input.prompt === prompt).map((r) => r.app);
    const defaulted = await member.jobs.create.mutate({
      type: "image-generation",
      prompt: "a fast pond",
      imageSize: "square_hd",
      steps: 8,
      delivery,
    });
    const fast = await settled(defaulted.jobId);
    expect(fast?.input).toMatchObject({ model: "flux-schnell", steps: 8 });
    expect(submittedTo("a fast pond")).toEqual(["fal-ai/flux/schnell"]);
    expect(fast?.versions[0]).toMatchObject({ endpoint: "fal-ai/flux/schnell" });
    const chosen = await member.jobs.create.mutate({
      type: "image-generation",
      prompt: "a careful pond",
      imageSize: "square_hd",
      model: "flux-dev",
      delivery,
    });
    expect((await settled(chosen.jobId))?.input).toMatchObject({ model: "flux-dev" });
    expect(submittedTo("a careful pond")).toEqual(["fal-ai/flux/dev"]);
    // Each at its endpoint's list price per megapixel (a 1024×1024 picture is one).
    const costOf = async (jobId: string) =>
      Number((await s.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, jobId)))[0]?.costUsd);
    expect(await costOf(defaulted.jobId)).toBeCloseTo(0.003, 6);
    expect(await costOf(chosen.jobId)).toBeCloseTo(0.025, 6);
    // Outside chat, and elsewhere in the server, no default applies.
    const plain = await member.jobs.create.mutate({
      type: "image-generation",
      prompt: "a plain pond",
      delivery: { channelId: "200000000000000041" },
    });
    expect((await rawJobs(s.api.deps).findOne({ jobId: plain.jobId }))?.input).not.toHaveProperty("model");
  }, 60_000);

  it("applies to chat jobs: results made private, training kept to admins, the cap refused; nothing is made on a refusal", async () => {
    const admin = s.apiAs("discord", GUILD, "300000000000000092", true);
    const member = s.apiAs("discord", GUILD, "300000000000000091");
    await admin.settings.set.mutate({ channelId: CHANNEL, privateResults: true, trainers: "admins", maxImages: 2 });
    const delivery = { channelId: CHANNEL };
    const made = await member.jobs.create.mutate({ type: "image-generation", prompt: "a quiet pond", delivery });
    const job = await rawJobs(s.api.deps).findOne({ jobId: made.jobId });
    expect(job?.visibility).toBe("private");
    expect(job?.delivery).toMatchObject({ private: true });
    const before = await rawJobs(s.api.deps).countDocuments({});
    expect(await codeOf(member.jobs.create.mutate({ type: "image-generation", prompt: "three ponds", count: 3, delivery }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      await codeOf(
        member.jobs.create.mutate({ type: "lora-training", triggerWord: "pond", imagesZipKey: "temp/w/u/k/faces.zip", delivery }),
      ),
    ).toBe("FORBIDDEN");
    expect(await rawJobs(s.api.deps).countDocuments({})).toBe(before);
    // Elsewhere in the server, and for API callers outside chat, nothing changes.
    const elsewhere = await member.jobs.create.mutate({
      type: "image-generation",
      prompt: "a loud pond",
      count: 3,
      delivery: { channelId: "200000000000000020" },
    });
    expect((await rawJobs(s.api.deps).findOne({ jobId: elsewhere.jobId }))?.visibility).toBe("workspace");
  });
});
