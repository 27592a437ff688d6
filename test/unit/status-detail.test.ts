import { describe, expect, it } from "vitest";
import { statusDetail } from "../../shared/jobs/status-detail.js";

const waiting = (queuePosition: number | null) => ({
  status: "running" as const,
  error: null,
  provider: { name: "fal", queuePosition, logs: ["loading weights"] },
});

describe("a job's one-line status", () => {
  it("counts fal's queue from 1, as people do: fal's position 0 runs next", () => {
    expect(statusDetail(waiting(0))).toBe("next in line at the provider");
    expect(statusDetail(waiting(1))).toBe("number 2 in line at the provider");
    expect(statusDetail(waiting(9))).toBe("number 10 in line at the provider");
  });

  it("says the provider's last log line once the job is out of the queue, and nothing once it is done", () => {
    expect(statusDetail(waiting(null))).toBe("loading weights");
    expect(statusDetail({ ...waiting(0), status: "completed" })).toBe("");
    expect(statusDetail({ ...waiting(0), status: "failed", error: { message: "the provider refused the prompt" } })).toBe(
      "the provider refused the prompt",
    );
  });
});
