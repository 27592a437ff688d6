import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type SlackFake, slackSignature, startSlackFake } from "../../infra/fakes/slack/index.js";
import { renderPicture } from "../../infra/fakes/picture.js";

/** What the local Slack refuses, as Slack does: the product's tests are only as strict as these. */
describe("the Slack fake's refusals", () => {
  let slack: SlackFake;
  let client: WebClient;
  let pictures: ReturnType<typeof createServer>;
  let pictureUrl = "";
  const png = renderPicture("fox", 1, 64, 64);

  beforeAll(async () => {
    slack = await startSlackFake();
    // Each refusal below is one call; the channel's pace (a burst, then 429) has a test of its own.
    slack.channelPostLimit = undefined;
    client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    pictures = createServer((req, res) => {
      if (req.url === "/fox.png") {
        res.writeHead(200, { "content-type": "image/png" });
        return res.end(png);
      }
      if (req.url === "/fox.webp") {
        // A picture Slack does not show: its image block supports png, jpg, jpeg and gif.
        res.writeHead(200, { "content-type": "image/webp" });
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

  it("refuses an image it cannot download or show: a local address, a missing file, a WebP", async () => {
    slack.reachesLocalImages = false;
    const local = await refusal(client.chat.postMessage({ channel: "C1", text: "t", blocks: [image(`${pictureUrl}/fox.png`)] }));
    expect(local).toEqual({ error: "invalid_blocks", errors: ["downloading image failed [json-pointer:/blocks/0/image_url]"] });
    slack.reachesLocalImages = true;
    try {
      expect(
        await refusal(client.chat.postMessage({ channel: "C1", text: "t", blocks: [image(`${pictureUrl}/fox.png`)] })),
      ).toBeUndefined();
      expect(
        await refusal(client.chat.postMessage({ channel: "C1", text: "t", blocks: [image(`${pictureUrl}/moved.png`)] })),
      ).toBeUndefined();
      const missing = await refusal(
        client.chat.postMessage({ channel: "C1", text: "t", blocks: [{ type: "divider" }, image(`${pictureUrl}/gone.png`)] }),
      );
      expect(missing?.errors).toEqual(["downloading image failed [json-pointer:/blocks/1/image_url]"]);
      const webp = await refusal(client.chat.postMessage({ channel: "C1", text: "t", blocks: [image(`${pictureUrl}/fox.webp`)] }));
      expect(webp?.errors).toEqual(["downloading image failed [json-pointer:/blocks/0/image_url]"]);
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
      [
        "a section over 3000 characters",
        [header(10), section(3001)],
        "must be less than 3001 characters [json-pointer:/blocks/1/text/text]",
      ],
      ["51 blocks", Array.from({ length: 51 }, () => section(5)), "no more than 50 items allowed [json-pointer:/blocks]"],
      [
        "a button label over 75",
        [{ type: "actions", elements: [button("a", "x".repeat(76))] }],
        "must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]",
      ],
      [
        "an action_id over 255",
        [{ type: "actions", elements: [button("a".repeat(256))] }],
        "must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]",
      ],
      [
        "two buttons with one action_id",
        [{ type: "actions", elements: [button("same"), button("same")] }],
        "action_id already exists [json-pointer:/blocks/0/elements/1/action_id]",
      ],
      [
        "26 buttons",
        [{ type: "actions", elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`)) }],
        "must provide between 1 and 25 items [json-pointer:/blocks/0/elements]",
      ],
      [
        "an image without alt text",
        [{ type: "image", image_url: "https://example.com/a.png" }],
        "must provide a string [json-pointer:/blocks/0/alt_text]",
      ],
      [
        "11 section fields",
        [{ type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })) }],
        "must provide between 1 and 10 items [json-pointer:/blocks/0/fields]",
      ],
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
    expect([...slack.scopes].sort()).toEqual([
      "chat:write",
      "chat:write.public",
      "commands",
      "files:read",
      "files:write",
      "im:write",
      "users:read",
    ]);
    slack.scopes.delete("chat:write");
    try {
      const r = await client.chat
        .postMessage({ channel: "C1", text: "no scope" })
        .catch((err: { data?: Record<string, unknown> }) => err.data);
      expect(r).toMatchObject({ ok: false, error: "missing_scope", needed: "chat:write" });
    } finally {
      slack.scopes.add("chat:write");
    }
    slack.scopes.delete("users:read");
    try {
      const users = await client.users.info({ user: "U1" }).catch((err: { data?: Record<string, unknown> }) => err.data);
      expect(users).toMatchObject({ error: "missing_scope", needed: "users:read" });
    } finally {
      slack.scopes.add("users:read");
    }
  });

  it("takes an upload in three steps, and shows a slack_file image only where the file is shared", async () => {
    const png = renderPicture("shared", 2, 32, 32);
    const shared = (await client.filesUploadV2({
      file_uploads: [{ file: png, filename: "fox.png" }],
      channel_id: "C1",
      thread_ts: undefined,
    })) as { files: Array<{ files: Array<{ id: string }> }> };
    const id = shared.files[0]?.files[0]?.id ?? "";
    expect(slack.uploaded(id)).toMatchObject({ name: "fox.png", complete: true });
    expect(slack.uploaded(id)?.bytes.equals(png)).toBe(true);
    const block = { type: "image", slack_file: { id }, alt_text: "a fox" };
    expect(await refusal(client.chat.postMessage({ channel: "C1", text: "t", blocks: [block] }))).toBeUndefined();
    // Elsewhere the file is not visible: Slack calls it an invalid file.
    expect((await refusal(client.chat.postMessage({ channel: "C2", text: "t", blocks: [block] })))?.errors).toEqual([
      "invalid slack file [json-pointer:/blocks/0/slack_file]",
    ]);
    // Completed without a channel, a file is the bot's alone.
    const own = (await client.filesUploadV2({ file_uploads: [{ file: png, filename: "own.png" }] })) as {
      files: Array<{ files: Array<{ id: string }> }>;
    };
    const ownBlock = { type: "image", slack_file: { id: own.files[0]?.files[0]?.id }, alt_text: "a fox" };
    expect((await refusal(client.chat.postMessage({ channel: "C1", text: "t", blocks: [ownBlock] })))?.error).toBe("invalid_blocks");
    // A home tab may show a file shared in some conversation, as a section's accessory too, but not the bot's own.
    const accessory = (file: unknown) => [
      { type: "section", text: { type: "mrkdwn", text: "a fox" }, accessory: { type: "image", slack_file: file, alt_text: "a fox" } },
    ];
    expect(await refusal(client.views.publish({ user_id: "U1", view: { type: "home", blocks: accessory({ id }) } }))).toBeUndefined();
    expect(
      (await refusal(client.views.publish({ user_id: "U1", view: { type: "home", blocks: accessory(ownBlock.slack_file) } })))?.errors,
    ).toEqual(["invalid slack file [json-pointer:/blocks/0/accessory/slack_file]"]);
    // A completion for a file whose bytes never arrived is refused.
    const url = (await client.files.getUploadURLExternal({ filename: "never.png", length: 10 })) as { file_id: string };
    expect((await refusal(client.files.completeUploadExternal({ files: [{ id: url.file_id }] })))?.error).toBe("file_not_found");
  });

  it("takes a response_url five times within 30 minutes, then answers used_url; after its lifetime expired_url; validates its blocks", async () => {
    const post = (url: string, body: unknown) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(
        async (r) => [r.status, await r.text()] as const,
      );
    const url = slack.responseUrl();
    expect(await post(url, { text: "hi", blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }] })).toEqual([
      400,
      "invalid_blocks",
    ]);
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

  it("records the control sequences in mrkdwn the app cannot have meant (a group mention, a link elsewhere), and not escaped text, its mentions or its own links", async () => {
    slack.unescaped.length = 0;
    const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
    await client.chat.postMessage({
      channel: "C1",
      text: "a fox <!channel> for <@U0ANN>",
      blocks: [
        section("<https://evil.example/x|click> &lt;!here&gt; <http://127.0.0.1:9/d/abc|image_1.png>"),
        { type: "section", fields: [{ type: "mrkdwn", text: "*Prompt*\n<#C0SECRET|general> in <#C0GENERAL>" }] },
        { type: "header", text: { type: "plain_text", text: "<!here> as plain text is only text" } },
      ],
    });
    await fetch(slack.responseUrl(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "ok", blocks: [{ type: "context", elements: [{ type: "mrkdwn", text: "<!subteam^S0ADMINS>" }] }] }),
    });
    await client.views.publish({ user_id: "U0ANN", view: { type: "home", blocks: [section("<mailto:a@evil.example|mail>")] } });
    expect(slack.unescaped).toEqual([
      { where: "chat.postMessage", sequence: "<!channel>" },
      { where: "chat.postMessage", sequence: "<https://evil.example/x|click>" },
      { where: "chat.postMessage", sequence: "<#C0SECRET|general>" },
      { where: "response_url", sequence: "<!subteam^S0ADMINS>" },
      { where: "views.publish", sequence: "<mailto:a@evil.example|mail>" },
    ]);
    slack.unescaped.length = 0;
  });

  it("paces chat.postMessage per channel: a short burst, then 429 with Retry-After, which the SDK waits out", async () => {
    const limit = { burst: 3, perSecond: 1 };
    slack.channelPostLimit = limit;
    onTestFinished(() => {
      slack.channelPostLimit = undefined;
    });
    const strict = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
    for (let i = 0; i < limit.burst; i++) await strict.chat.postMessage({ channel: "CPACE", text: `burst ${i}` });
    const limited = await strict.chat
      .postMessage({ channel: "CPACE", text: "one too many" })
      .catch((err: { code?: string; retryAfter?: number }) => err);
    expect(limited).toMatchObject({ code: "slack_webapi_rate_limited_error", retryAfter: 1 });
    // Another channel has its own pace.
    expect((await strict.chat.postMessage({ channel: "CPACE2", text: "elsewhere" })).ok).toBe(true);
    // The SDK's default client waits the Retry-After and sends again.
    const patient = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl });
    expect((await patient.chat.postMessage({ channel: "CPACE", text: "after the pause" })).ok).toBe(true);
    const statuses = slack.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === "CPACE").map((c) => c.status);
    expect(statuses.filter((st) => st === 429).length).toBeGreaterThanOrEqual(2);
    expect(slack.messages("CPACE").map((m) => m.text)).toEqual(["burst 0", "burst 1", "burst 2", "after the pause"]);
  });

  it("opens a modal for a trigger it issued, once and within 3 seconds, and refuses a view beyond its limits", async () => {
    const view = (over: Record<string, unknown> = {}) => ({
      type: "modal",
      callback_id: "edit:1:1",
      title: { type: "plain_text", text: "Edit picture 1" },
      submit: { type: "plain_text", text: "Edit" },
      blocks: [
        {
          type: "input",
          block_id: "instruction",
          label: { type: "plain_text", text: "What?" },
          element: { type: "plain_text_input", action_id: "instruction", max_length: 2000 },
        },
      ],
      ...over,
    });
    const open = (trigger_id: string, v: Record<string, unknown>) => refusal(client.views.open({ trigger_id, view: v as never }));
    expect((await open("1.2.unknown", view()))?.error).toBe("invalid_trigger_id");
    const trigger = slack.triggerId("U0MODAL");
    expect((await open(trigger, view({ title: { type: "plain_text", text: "t".repeat(25) } })))?.error).toBe("invalid_arguments");
    expect((await open(trigger, view({ submit: undefined })))?.error).toBe("invalid_arguments");
    expect(await open(trigger, view())).toBeUndefined();
    expect(slack.openedView("U0MODAL", "edit:1:1")?.view).toMatchObject({ callback_id: "edit:1:1" });
    expect((await open(trigger, view()))?.error).toBe("expired_trigger_id");
  });

  it("refuses a modal's select, text and number inputs and conversation picker outside the Block Kit reference, naming each", async () => {
    const input = (block_id: string, element: Record<string, unknown>) => ({
      type: "input",
      block_id,
      label: { type: "plain_text", text: block_id },
      element: { action_id: block_id, ...element },
    });
    const option = { text: { type: "plain_text", text: "one" }, value: "1" };
    /** views.open of a modal with these inputs: Slack's messages, none when it opens. */
    const problems = async (...blocks: Array<Record<string, unknown>>) => {
      const view = { type: "modal", title: { type: "plain_text", text: "Form" }, submit: { type: "plain_text", text: "Go" }, blocks };
      try {
        await client.views.open({ trigger_id: slack.triggerId("U0FORMS"), view: view as never });
        return [];
      } catch (err) {
        const data = (err as { data?: { error?: string; response_metadata?: { messages?: string[] } } }).data;
        expect(data?.error).toBe("invalid_arguments");
        return data?.response_metadata?.messages ?? [];
      }
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        input("s", { type: "static_select", options: [option], placeholder: { type: "mrkdwn", text: "*pick*" } }),
        "/view/blocks/0/element/placeholder",
      ],
      [
        input("s", { type: "static_select", options: [option], placeholder: { type: "plain_text", text: "p".repeat(151) } }),
        "/view/blocks/0/element/placeholder/text",
      ],
      [input("t", { type: "plain_text_input", max_length: 10, initial_value: "eleven char" }), "/view/blocks/0/element/initial_value"],
      [input("n", { type: "number_input", is_decimal_allowed: true, min_value: "2", max_value: "1" }), "/view/blocks/0/element/min_value"],
      [
        input("n", { type: "number_input", is_decimal_allowed: true, min_value: "0", max_value: "2", initial_value: "2.5" }),
        "/view/blocks/0/element/initial_value",
      ],
      [input("n", { type: "number_input", is_decimal_allowed: false, initial_value: "0.5" }), "/view/blocks/0/element/initial_value"],
      [input("n", { type: "number_input", is_decimal_allowed: true, max_value: "two" }), "/view/blocks/0/element/max_value"],
      [input("c", { type: "conversations_select", filter: {} }), "/view/blocks/0/element/filter"],
      [input("c", { type: "conversations_select", filter: { include: [] } }), "/view/blocks/0/element/filter/include"],
      [input("c", { type: "conversations_select", filter: { include: ["public", "channels"] } }), "/view/blocks/0/element/filter/include"],
      [
        input("c", { type: "conversations_select", default_to_current_conversation: "yes" }),
        "/view/blocks/0/element/default_to_current_conversation",
      ],
      [
        input("c", { type: "conversations_select", placeholder: { type: "plain_text", text: "c".repeat(151) } }),
        "/view/blocks/0/element/placeholder/text",
      ],
    ];
    for (const [block, pointer] of cases) {
      const said = await problems(block);
      expect(
        said.some((m) => m.endsWith(`[json-pointer:${pointer}]`)),
        `${JSON.stringify(block.element)}: ${said.join("; ")}`,
      ).toBe(true);
    }
    // Within the reference, each opens.
    expect(
      await problems(
        input("s", { type: "static_select", options: [option], placeholder: { type: "plain_text", text: "Pick one" } }),
        input("t", { type: "plain_text_input", max_length: 11, initial_value: "eleven char" }),
        input("n", { type: "number_input", is_decimal_allowed: true, min_value: "0", max_value: "2", initial_value: "0.8" }),
        input("c", {
          type: "conversations_select",
          response_url_enabled: true,
          filter: { include: ["public", "private"], exclude_bot_users: true },
        }),
      ),
    ).toEqual([]);
  });

  describe("the OAuth install flow", () => {
    const redirectUri = "https://app.example/slack/oauth_redirect";
    const authorizeUrl = (params: Record<string, string>) => {
      const u = new URL(slack.authorizeUrl);
      for (const [k, v] of Object.entries({
        client_id: slack.oauth.clientId,
        scope: "commands,chat:write",
        redirect_uri: redirectUri,
        state: "s1",
        ...params,
      }))
        u.searchParams.set(k, v);
      return u.toString();
    };
    const approve = async (teamId: string, params: Record<string, string> = {}) => {
      const res = await fetch(authorizeUrl(params), { redirect: "manual", headers: { cookie: slack.signIn(teamId, `U${teamId}`) } });
      return { status: res.status, location: res.headers.get("location"), body: await res.text() };
    };
    const exchange = (args: Record<string, string>) =>
      new WebClient(undefined, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }).oauth.v2
        .access({ client_id: slack.oauth.clientId, client_secret: slack.oauth.clientSecret, redirect_uri: redirectUri, code: "", ...args })
        .catch((err: { data?: Record<string, unknown> }) => err.data ?? {});

    beforeAll(() => {
      slack.redirectUrls.add(redirectUri);
    });

    it("refuses an authorize for another client id, an unregistered redirect URI or an unknown scope, and asks a signed-out browser to sign in", async () => {
      expect((await approve("T0A", { client_id: "123.456" })).body).toContain("invalid_client_id");
      expect((await approve("T0A", { redirect_uri: "https://evil.example/cb" })).body).toContain("bad_redirect_uri");
      expect((await approve("T0A", { scope: "commands,admin" })).body).toContain("invalid_scope");
      const signedOut = await fetch(authorizeUrl({}), { redirect: "manual" });
      expect(signedOut.status).toBe(200);
      expect(await signedOut.text()).toContain("Sign in");
    });

    it("gives each workspace its own bot token for a code, once, within 10 minutes, for the redirect URI it was issued to", async () => {
      const approved = await approve("T0ONE");
      expect(approved.status).toBe(302);
      const back = new URL(approved.location ?? "");
      expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
      expect(back.searchParams.get("state")).toBe("s1");
      const code = back.searchParams.get("code") ?? "";
      expect(await exchange({ code, client_secret: "wrong" })).toMatchObject({ ok: false, error: "bad_client_secret" });
      expect(await exchange({ code, redirect_uri: "https://app.example/other" })).toMatchObject({ ok: false, error: "bad_redirect_uri" });
      const granted = (await exchange({ code })) as { ok: boolean; access_token: string; team: { id: string }; scope: string };
      expect(granted).toMatchObject({
        ok: true,
        token_type: "bot",
        team: { id: "T0ONE" },
        scope: "commands,chat:write",
        is_enterprise_install: false,
      });
      expect(await exchange({ code })).toMatchObject({ ok: false, error: "invalid_code" });
      // Expired: issued longer ago than the code's lifetime.
      const late = new URL((await approve("T0ONE")).location ?? "").searchParams.get("code") ?? "";
      const lifetime = slack.codeLifetimeMs;
      slack.codeLifetimeMs = -1;
      onTestFinished(() => {
        slack.codeLifetimeMs = lifetime;
      });
      expect(await exchange({ code: late })).toMatchObject({ ok: false, error: "invalid_code" });

      // The token is the team's: its auth.test, its scopes, its conversations only.
      const team = new WebClient(granted.access_token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
      expect(await team.auth.test()).toMatchObject({ ok: true, team_id: "T0ONE" });
      slack.addChannel("C0ONE", "T0ONE");
      slack.addChannel("C0TWO", "T0TWO");
      expect((await team.chat.postMessage({ channel: "C0ONE", text: "home" })).ok).toBe(true);
      expect((await refusal(team.chat.postMessage({ channel: "C0TWO", text: "next door" })))?.error).toBe("channel_not_found");
      expect((await refusal(team.files.info({ file: "F1" })))?.error).toBe("missing_scope");
    });

    it("shows a member's file only to a token of its workspace: files.info and url_private answer file_not_found to another's", async () => {
      const code =
        new URL((await approve("T0HOME", { scope: "commands,chat:write,files:read" })).location ?? "").searchParams.get("code") ?? "";
      const home = new WebClient(((await exchange({ code })) as { access_token: string }).access_token, {
        slackApiUrl: slack.apiUrl,
        retryConfig: { retries: 0 },
      });
      const bytes = renderPicture("lighthouse", 3, 16, 16);
      const fileOf = (teamId: string) => slack.addFile({ name: "phare.png", mimetype: "image/png", bytes, teamId }).split("/")[5] ?? "";
      const ours = fileOf("T0HOME");
      const theirs = fileOf("T0ELSEWHERE");
      const info = (await home.files.info({ file: ours })) as { file: { url_private: string } };
      const download = (url: string, token: string) => fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const homeToken = String(home.token);
      expect(Buffer.from(await (await download(info.file.url_private, homeToken)).arrayBuffer()).equals(bytes)).toBe(true);
      expect((await refusal(home.files.info({ file: theirs })))?.error).toBe("file_not_found");
      const theirUrl = info.file.url_private.replace(ours, theirs);
      const refused = await download(theirUrl, homeToken);
      expect([refused.status, await refused.json()]).toEqual([404, { ok: false, error: "file_not_found" }]);
      // The single-workspace token is no token of a named workspace: it does not see their files either.
      expect((await refusal(client.files.info({ file: ours })))?.error).toBe("file_not_found");
      expect((await download(info.file.url_private, slack.botToken)).status).toBe(404);
      // A file of no named workspace is the single-workspace token's own.
      const plain = slack.addFile({ name: "notes.png", mimetype: "image/png", bytes }).split("/")[5] ?? "";
      expect(await client.files.info({ file: plain })).toMatchObject({ ok: true, file: { id: plain, size: bytes.length } });
    });

    it("on uninstall revokes the team's tokens and sends the app app_uninstalled and tokens_revoked, signed", async () => {
      const code = new URL((await approve("T0GONE")).location ?? "").searchParams.get("code") ?? "";
      const token = ((await exchange({ code })) as { access_token: string }).access_token;
      const received: Array<{ body: Record<string, unknown>; verified: boolean }> = [];
      const app = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const ts = Number(req.headers["x-slack-request-timestamp"]);
          received.push({
            body: JSON.parse(raw) as Record<string, unknown>,
            verified: slackSignature(slack.signingSecret, raw, ts)["x-slack-signature"] === req.headers["x-slack-signature"],
          });
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
      onTestFinished(() => void app.close());
      const statuses = await slack.uninstall("T0GONE", `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`);
      expect(statuses).toEqual([200, 200]);
      expect(received.map((r) => [r.body.type, (r.body.event as { type: string }).type, r.body.team_id, r.verified])).toEqual([
        ["event_callback", "app_uninstalled", "T0GONE", true],
        ["event_callback", "tokens_revoked", "T0GONE", true],
      ]);
      const gone = new WebClient(token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
      expect((await refusal(gone.chat.postMessage({ channel: "C1", text: "still here?" })))?.error).toBe("token_revoked");
      // Another team's install is untouched.
      const other = new URL((await approve("T0STAY")).location ?? "").searchParams.get("code") ?? "";
      const stays = new WebClient(((await exchange({ code: other })) as { access_token: string }).access_token, {
        slackApiUrl: slack.apiUrl,
        retryConfig: { retries: 0 },
      });
      expect((await stays.auth.test()).team_id).toBe("T0STAY");
    });
  });
});
