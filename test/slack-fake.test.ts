import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackFake, startSlackFake } from "../infra/fakes/slack.js";
import { renderPicture } from "../infra/fakes/picture.js";

/** What the local Slack refuses, as Slack does: the product's tests are only as strict as these. */
describe("the Slack fake's refusals", () => {
  let slack: SlackFake;
  let client: WebClient;
  let pictures: ReturnType<typeof createServer>;
  let pictureUrl = "";
  const png = renderPicture("fox", 1, 64, 64);

  beforeAll(async () => {
    slack = await startSlackFake();
    client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    pictures = createServer((req, res) => {
      if (req.url === "/fox.png") {
        res.writeHead(200, { "content-type": "image/png" });
        return res.end(png);
      }
      if (req.url === "/moved.png") {
        res.writeHead(302, { location: "/fox.png" });
        return res.end();
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => pictures.listen(0, "127.0.0.1", r));
    pictureUrl = `http://127.0.0.1:${(pictures.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await slack?.close();
    pictures?.closeAllConnections();
    await new Promise<void>((r) => pictures?.close(() => r()));
  });

  const refusal = async (call: Promise<unknown>) => {
    try {
      await call;
      return undefined;
    } catch (err) {
      const data = (err as { data?: { error?: string; errors?: string[] } }).data;
      return { error: data?.error, errors: data?.errors ?? [] };
    }
  };
  const image = (url: string) => ({ type: "image", image_url: url, alt_text: "a fox" });

  it("refuses an image it cannot download: a local address, a missing file, a page that is not a picture", async () => {
    slack.reachesLocalImages = false;
    const local = await refusal(client.chat.postMessage({ channel: "C1", text: "t", blocks: [image(`${pictureUrl}/fox.png`)] }));
    expect(local).toEqual({ error: "invalid_blocks", errors: ["downloading image failed [json-pointer:/blocks/0/image_url]"] });
    slack.reachesLocalImages = true;
    try {
      expect(await refusal(client.chat.postMessage({ channel: "C1", text: "t", blocks: [image(`${pictureUrl}/fox.png`)] }))).toBeUndefined();
      expect(await refusal(client.chat.postMessage({ channel: "C1", text: "t", blocks: [image(`${pictureUrl}/moved.png`)] }))).toBeUndefined();
      const missing = await refusal(client.chat.postMessage({ channel: "C1", text: "t", blocks: [{ type: "divider" }, image(`${pictureUrl}/gone.png`)] }));
      expect(missing?.errors).toEqual(["downloading image failed [json-pointer:/blocks/1/image_url]"]);
    } finally {
      slack.reachesLocalImages = false;
    }
  });

  it("refuses blocks beyond Block Kit's limits, naming each with its JSON pointer", async () => {
    const header = (n: number) => ({ type: "header", text: { type: "plain_text", text: "h".repeat(n) } });
    const section = (n: number) => ({ type: "section", text: { type: "mrkdwn", text: "s".repeat(n) } });
    const button = (id: string, label = "Go") => ({ type: "button", action_id: id, text: { type: "plain_text", text: label } });
    const cases: Array<[string, unknown[], string]> = [
      ["a header over 150 characters", [header(151)], "must be less than 151 characters [json-pointer:/blocks/0/text/text]"],
      ["a section over 3000 characters", [header(10), section(3001)], "must be less than 3001 characters [json-pointer:/blocks/1/text/text]"],
      ["51 blocks", Array.from({ length: 51 }, () => section(5)), "no more than 50 items allowed [json-pointer:/blocks]"],
      ["a button label over 75", [{ type: "actions", elements: [button("a", "x".repeat(76))] }], "must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]"],
      ["an action_id over 255", [{ type: "actions", elements: [button("a".repeat(256))] }], "must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]"],
      ["two buttons with one action_id", [{ type: "actions", elements: [button("same"), button("same")] }], "action_id already exists [json-pointer:/blocks/0/elements/1/action_id]"],
      ["26 buttons", [{ type: "actions", elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`)) }], "must provide between 1 and 25 items [json-pointer:/blocks/0/elements]"],
      ["an image without alt text", [{ type: "image", image_url: "https://example.com/a.png" }], "must provide a string [json-pointer:/blocks/0/alt_text]"],
      ["11 section fields", [{ type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })) }], "must provide between 1 and 10 items [json-pointer:/blocks/0/fields]"],
    ];
    for (const [what, blocks, expected] of cases) {
      const r = await refusal(client.chat.postMessage({ channel: "C1", text: what, blocks: blocks as never }));
      expect(r?.error, what).toBe("invalid_blocks");
      expect(r?.errors, what).toContain(expected);
    }
    expect(await refusal(client.chat.postMessage({ channel: "C1", text: "" }))).toEqual({ error: "no_text", errors: [] });
    expect((await refusal(client.chat.postMessage({ channel: "C1", text: "x".repeat(40_001) })))?.error).toBe("msg_too_long");
    // Nothing refused was posted.
    expect(slack.messages("C1").some((m) => m.text === "a header over 150 characters")).toBe(false);
  });

  it("grants the scopes the app's manifest asks for, and refuses a method that needs another with missing_scope", async () => {
    expect([...slack.scopes].sort()).toEqual(["chat:write", "chat:write.public", "commands", "files:read", "files:write"]);
    slack.scopes.delete("chat:write");
    try {
      const r = await client.chat.postMessage({ channel: "C1", text: "no scope" }).catch((err: { data?: Record<string, unknown> }) => err.data);
      expect(r).toMatchObject({ ok: false, error: "missing_scope", needed: "chat:write" });
    } finally {
      slack.scopes.add("chat:write");
    }
    const users = await client.users.info({ user: "U1" }).catch((err: { data?: Record<string, unknown> }) => err.data);
    expect(users).toMatchObject({ error: "missing_scope", needed: "users:read" });
  });

  it("takes an upload in three steps, and shows a slack_file image only where the file is shared", async () => {
    const png = renderPicture("shared", 2, 32, 32);
    const shared = (await client.filesUploadV2({ file_uploads: [{ file: png, filename: "fox.png" }], channel_id: "C1", thread_ts: undefined })) as { files: Array<{ files: Array<{ id: string }> }> };
    const id = shared.files[0]?.files[0]?.id ?? "";
    expect(slack.uploaded(id)).toMatchObject({ name: "fox.png", complete: true });
    expect(slack.uploaded(id)?.bytes.equals(png)).toBe(true);
    const block = { type: "image", slack_file: { id }, alt_text: "a fox" };
    expect(await refusal(client.chat.postMessage({ channel: "C1", text: "t", blocks: [block] }))).toBeUndefined();
    // Elsewhere the file is not visible: Slack calls it an invalid file.
    expect((await refusal(client.chat.postMessage({ channel: "C2", text: "t", blocks: [block] })))?.errors).toEqual(["invalid slack file [json-pointer:/blocks/0/slack_file]"]);
    // Completed without a channel, a file is the bot's alone.
    const own = (await client.filesUploadV2({ file_uploads: [{ file: png, filename: "own.png" }] })) as { files: Array<{ files: Array<{ id: string }> }> };
    const ownBlock = { type: "image", slack_file: { id: own.files[0]?.files[0]?.id }, alt_text: "a fox" };
    expect((await refusal(client.chat.postMessage({ channel: "C1", text: "t", blocks: [ownBlock] })))?.error).toBe("invalid_blocks");
    // A completion for a file whose bytes never arrived is refused.
    const url = (await client.files.getUploadURLExternal({ filename: "never.png", length: 10 })) as { file_id: string };
    expect((await refusal(client.files.completeUploadExternal({ files: [{ id: url.file_id }] })))?.error).toBe("file_not_found");
  });

  it("takes a response_url five times within 30 minutes, then answers used_url; after its lifetime expired_url; validates its blocks", async () => {
    const post = (url: string, body: unknown) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => [r.status, await r.text()] as const);
    const url = slack.responseUrl();
    expect(await post(url, { text: "hi", blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }] })).toEqual([400, "invalid_blocks"]);
    for (let i = 0; i < 5; i++) expect(await post(url, { text: `use ${i}` })).toEqual([200, "ok"]);
    expect(await post(url, { text: "sixth" })).toEqual([404, "used_url"]);
    expect(await post(`${slack.origin}/response/not-issued`, { text: "hi" })).toEqual([404, "no_service"]);
    const lifetime = slack.responseUrlLifetimeMs;
    // A negative lifetime: expired from the start.
    slack.responseUrlLifetimeMs = -1;
    try {
      expect(await post(slack.responseUrl(), { text: "late" })).toEqual([404, "expired_url"]);
    } finally {
      slack.responseUrlLifetimeMs = lifetime;
    }
  });
});
