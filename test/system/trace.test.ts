import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { slashCommandBody } from "../../infra/fakes/slack/index.js";
import { postToSlackApp, useChatStack } from "../helpers/chat.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";

interface LogLine {
  msg: string;
  level: number;
  requestId?: string;
  jobId?: string;
  [key: string]: unknown;
}

describe("one id through a job's whole story in the logs", () => {
  const logLines: string[] = [];
  const s = useChatStack({ logLines });
  const parsed = () => logLines.map((l) => JSON.parse(l) as LogLine);

  it("a Slack /generate is logged under one request id from the command through the API and the worker to the delivery", async () => {
    const triggerId = `${Date.now()}.${randomBytes(3).toString("hex")}.abc`;
    const body = slashCommandBody({
      command: "/generate",
      text: "a lantern on a pier",
      teamId: "T0TRACE",
      userId: "U0TRACE",
      channelId: "C0TRACE",
      triggerId,
      responseUrl: s.slack.responseUrl(),
    });
    expect((await postToSlackApp(s, body)).status).toBe(200);
    const requestId = `slack-${triggerId.replace(/\./g, "_")}`;

    const job = await waitFor(
      async () => (await rawJobs(s.api.deps).findOne({ idempotencyKey: `slack:${triggerId}` })) ?? undefined,
      20_000,
      "the job",
    );
    expect(job.requestId).toBe(requestId);
    await waitFor(
      () => parsed().find((l) => l.msg === "chat delivery" && l.jobId === job.jobId && l.status === "completed"),
      60_000,
      "the final delivery",
    );

    const story = parsed().filter((l) => l.requestId === requestId);
    const steps = story.map((l) => l.msg);
    expect(steps).toEqual(expect.arrayContaining(["command", "request", "job created", "job started", "job finished", "chat delivery"]));
    // In that order: command, then the job's creation, its run, and the final delivery.
    const at = (msg: string) => steps.indexOf(msg);
    expect(at("command")).toBeLessThan(at("job created"));
    expect(at("job created")).toBeLessThan(at("job started"));
    expect(at("job started")).toBeLessThan(at("job finished"));
    expect(
      story
        .filter((l) => l.msg === "job finished" || (l.msg === "chat delivery" && l.status === "completed"))
        .every((l) => l.jobId === job.jobId),
    ).toBe(true);
    expect(story.find((l) => l.msg === "chat delivery" && l.status === "completed")).toMatchObject({
      platform: "slack",
      channelId: "C0TRACE",
      level: 30,
    });
  }, 90_000);

  it("an API caller's own X-Request-Id names its job in the worker's lines, and no line holds a key, a token or a presigned URL", async () => {
    const requestId = `cli-${randomBytes(6).toString("hex")}`;
    const created = dataOf<{ jobId: string }>(
      await trpcCall(s.api.app, s.alice.key, "jobs.create", { type: "image-generation", prompt: "a traced request" }, "mutation", {
        "x-request-id": requestId,
      }),
    );
    await waitFor(() => parsed().find((l) => l.msg === "job finished" && l.jobId === created.jobId), 60_000, "the job to finish");
    const story = parsed().filter((l) => l.requestId === requestId);
    expect(story.map((l) => l.msg)).toEqual(expect.arrayContaining(["request", "job created", "job started", "job finished"]));

    // A download link's redirect goes through the API too; its presigned target must not be logged.
    const done = dataOf<{ files: Array<{ url: string }> }>(
      await trpcCall(s.api.app, s.alice.key, "jobs.get", { jobId: created.jobId }, "query"),
    );
    const link = done.files[0]?.url ?? "";
    expect((await fetch(link, { redirect: "manual" })).status).toBe(302);

    const all = logLines.join("\n");
    for (const secret of [
      s.alice.key,
      s.slack.botToken,
      s.slack.signingSecret,
      s.discord.token,
      s.api.deps.config.s3.secretAccessKey ?? "none",
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toMatch(/X-Amz-Signature|X-Amz-Credential/i);
    expect(all).not.toContain(new URL(link).pathname);
    expect(all).toContain('"path":"/d/[redacted]"');
  }, 90_000);
});
