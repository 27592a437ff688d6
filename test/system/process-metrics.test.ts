import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { slashCommandBody } from "../../infra/fakes/slack/index.js";
import { postToSlackApp, useChatStack } from "../helpers/chat.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { runEntry, waitFor } from "../helpers/processes.js";
import { testConfig } from "../helpers/stack.js";
import { configEnv } from "../helpers/worker-process.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const TOKEN = "metrics-token-for-tests-0123456789";

/** The sum of a metric's samples whose labels include all of `labels`. */
function total(text: string, metric: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${metric}{`)) continue;
    const parts = line.slice(metric.length + 1, line.indexOf("}")).split(",");
    if (wanted.every((w) => parts.includes(w))) sum += Number(line.slice(line.indexOf("}") + 1));
  }
  return sum;
}

describe("metrics of the work itself: provider calls, S3 bytes, chat acks", () => {
  const s = useChatStack({ env: { METRICS_TOKEN: TOKEN } });
  const scrape = async () => {
    const res = await s.api.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    return res.text();
  };

  it("times each chat acknowledgement and each provider call, and counts the bytes written to S3", async () => {
    const triggerId = `${Date.now()}.${randomBytes(3).toString("hex")}`;
    const body = slashCommandBody({
      command: "/generate",
      text: "a measured fox",
      teamId: "T0M",
      userId: "U0M",
      channelId: "C0M",
      triggerId,
      responseUrl: s.slack.responseUrl(),
    });
    expect((await postToSlackApp(s, body)).status).toBe(200);
    s.discord.slashCommand({
      name: "generate",
      guildId: "100000000000000077",
      channelId: "200000000000000077",
      user: { id: "300000000000000077", username: "mo" },
      options: { prompt: "a measured owl" },
    });
    const jobs = await waitFor(
      async () => {
        const found = await rawJobs(s.api.deps)
          .find({ "input.prompt": { $in: ["a measured fox", "a measured owl"] }, status: "completed" })
          .toArray();
        return found.length === 2 ? found : undefined;
      },
      60_000,
      "both jobs to complete",
    );
    const written = jobs.flatMap((j) => j.versions.flatMap((v) => ("images" in v ? v.images.map((i) => i.sizeBytes ?? 0) : [])));

    const text = await scrape();
    expect(total(text, "chat_acks_total", { platform: "slack", kind: "command", outcome: "in_time" })).toBeGreaterThanOrEqual(1);
    expect(total(text, "chat_ack_duration_seconds_count", { platform: "slack", kind: "command" })).toBeGreaterThanOrEqual(1);
    await waitFor(
      async () => (total(await scrape(), "chat_acks_total", { platform: "discord", kind: "command" }) >= 1 ? true : undefined),
      10_000,
      "the Discord ack to be counted",
    );
    expect(
      total(text, "provider_call_duration_seconds_count", { provider: "fal", operation: "submit", outcome: "ok" }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      total(text, "provider_call_duration_seconds_count", { provider: "fal", operation: "result", outcome: "ok" }),
    ).toBeGreaterThanOrEqual(2);
    expect(total(text, "s3_bytes_written_total", { prefix: "generated-images" })).toBeGreaterThanOrEqual(
      written.reduce((a, b) => a + b, 0),
    );
    // Ids never become labels.
    for (const j of jobs) expect(text).not.toContain(j.jobId);
  }, 90_000);

  it("counts a provider's failed calls by operation and outcome", async () => {
    const before = total(await scrape(), "provider_call_errors_total", { provider: "fal", operation: "submit", outcome: "server_error" });
    s.fal.failSubmissions(1, 500);
    const created = dataOf<{ jobId: string }>(
      await trpcCall(s.api.app, s.alice.key, "jobs.create", { type: "image-generation", prompt: "after a provider error" }, "mutation"),
    );
    expect((await s.settled(created.jobId)).status).toBe("completed");
    expect(total(await scrape(), "provider_call_errors_total", { provider: "fal", operation: "submit", outcome: "server_error" })).toBe(
      before + 1,
    );
  }, 90_000);
});

describe("the worker process's own /metrics", () => {
  it("serves on METRICS_PORT behind METRICS_TOKEN", async () => {
    const worker = runEntry("apps/worker.ts", { ...configEnv(testConfig()), METRICS_PORT: "0", METRICS_TOKEN: TOKEN });
    try {
      const url = await waitFor(
        () => /"url":"(http:[^"]+\/metrics)"/.exec(worker.stdout())?.[1],
        60_000,
        `the worker's metrics: ${worker.stderr()}`,
      );
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
      const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      for (const name of ["provider_call_duration_seconds", "s3_bytes_written_total", "process_cpu_seconds_total"])
        expect(text).toContain(`# TYPE ${name}`);
    } finally {
      worker.child.kill("SIGTERM");
      await worker.exited;
    }
  }, 90_000);
});
