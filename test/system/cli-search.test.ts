import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { runCli } from "../helpers/cli.js";
import { storedMeeting } from "../helpers/stored-meetings.js";

describe("cg search, against the running API", () => {
  let api: TestApi;
  let alice: Awaited<ReturnType<TestApi["member"]>>;
  let jobId: string;
  const cg = (...args: string[]) => runCli(args, { API_URL: api.url, API_KEY: alice.key });

  beforeAll(async () => {
    api = await startTestApi();
    alice = await api.member("cliteam", "alice");
    jobId = (
      await storedMeeting(
        api,
        alice,
        [
          ["A", "Welcome to the weekly sync."],
          ["B", "We agreed the pricing for next quarter."],
        ],
        { fileName: "weekly-sync.m4a" },
      )
    ).jobId;
  }, 60_000);
  afterAll(() => api?.close());

  it("prints each hit with the recording, time, speaker, quote and a link to that moment", async () => {
    const run = await cg("search", '"next quarter"', "pricing");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split("\n").slice(0, 3)).toEqual([
      "weekly-sync.m4a  0:02  Speaker B",
      "  “We agreed the pricing for next quarter.”",
      `  ${api.url}/app/jobs/${jobId}#t=2`,
    ]);
  }, 60_000);

  it("--json prints the procedure's answer; a query without a word is refused with the API's reason", async () => {
    const run = await cg("search", "welcome", "--json");
    expect(run.code, run.stderr).toBe(0);
    const found = JSON.parse(run.stdout) as { hits: Array<{ jobId: string; start: number; speaker: string; matches: unknown[] }> };
    expect(found.hits).toEqual([expect.objectContaining({ jobId, start: 0, speaker: "A", matches: [{ start: 0, end: 7 }] })]);
    const refused = await cg("search", "?");
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/at least 2 letters/);
  }, 60_000);
});
