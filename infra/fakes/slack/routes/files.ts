import { randomBytes } from "node:crypto";
import type { SlackMessage } from "../handle.js";
import type { SlackState } from "../state.js";
import { refuse, type SlackApp, webApiMethod } from "./web-api.js";

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};

/**
 * Slack's file hosts, outside the Web API: private downloads (`url_private`), which need a bot
 * token, and the upload URL files.getUploadURLExternal hands out, which takes the file's bytes.
 */
export function fileTransferRoutes(app: SlackApp, state: SlackState) {
  app.get("/files-pri/:id/*", (c) => {
    const grant = state.grants.get((c.req.header("authorization") ?? "").replace(/^Bearer /, ""));
    if (!grant || grant.revoked) return c.json({ ok: false, error: "not_authed" }, 403);
    const file = state.visibleFile(c.req.param("id"), grant);
    if (!file) return c.json({ ok: false, error: "file_not_found" }, 404);
    return c.body(new Uint8Array(file.bytes), 200, { "content-type": file.mimetype, "content-length": String(file.bytes.length) });
  });

  app.post("/upload/v1/:id", async (c) => {
    // Slack's upload URL takes the file's bytes as the body; its answer is plain text.
    const upload = state.uploads.get(c.req.param("id"));
    let bytes: Buffer;
    if ((c.req.header("content-type") ?? "").includes("multipart/form-data")) {
      // The SDK sends the file as a multipart part; its field name does not matter to Slack.
      const file = [...(await c.req.formData()).values()].find((v): v is File => typeof v !== "string");
      bytes = file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
    } else {
      bytes = Buffer.from(await c.req.arrayBuffer());
    }
    if (!upload) return c.body("not found", 404, { "content-type": "text/plain" });
    upload.bytes = bytes;
    return c.body(`OK - ${bytes.length}`, 200, { "content-type": "text/plain" });
  });
}

/** files.info, the external upload flow (getUploadURLExternal, completeUploadExternal) and files.delete. */
export function filesRoutes(app: SlackApp, state: SlackState) {
  webApiMethod(app, "files.info", (c) => {
    const file = state.visibleFile(String(c.get("args").file ?? ""), c.get("grant"));
    if (!file) return refuse(c, "file_not_found");
    const name = encodeURIComponent(file.name);
    return c.json({
      ok: true,
      file: {
        id: file.id,
        name: file.name,
        mimetype: file.mimetype,
        size: file.bytes.length,
        user: file.user,
        url_private: `${state.origin}/files-pri/${file.id}/${name}`,
        url_private_download: `${state.origin}/files-pri/${file.id}/download/${name}`,
        permalink: `${state.origin}/files/${file.user}/${file.id}/${name}`,
      },
    });
  });

  webApiMethod(app, "files.getUploadURLExternal", (c) => {
    const args = c.get("args");
    const filename = typeof args.filename === "string" ? args.filename : "";
    const length = Number(args.length);
    if (!filename || !Number.isInteger(length) || length <= 0) return c.json({ ok: false, error: "invalid_arguments" });
    const id = `F${randomBytes(5).toString("hex").toUpperCase()}`;
    const ext = filename.split(".").pop()?.toLowerCase() ?? "";
    state.uploads.set(id, {
      name: filename,
      length,
      channels: new Set(),
      complete: false,
      mimetype: IMAGE_TYPES[ext] ?? "application/octet-stream",
    });
    return c.json({ ok: true, upload_url: `${state.origin}/upload/v1/${id}`, file_id: id });
  });

  webApiMethod(app, "files.completeUploadExternal", (c) => {
    const args = c.get("args");
    const list = Array.isArray(args.files) ? (args.files as Array<{ id?: string; title?: string }>) : [];
    if (list.length === 0) return c.json({ ok: false, error: "invalid_arguments" });
    const found = list.map((f) => state.uploads.get(String(f.id ?? "")));
    // A file whose bytes never arrived, or not as many as announced, cannot be completed.
    if (found.some((u) => !u?.bytes || u.bytes.length !== u.length)) return c.json({ ok: false, error: "file_not_found" });
    const target = typeof args.channel_id === "string" ? args.channel_id : undefined;
    const threadTs = typeof args.thread_ts === "string" ? args.thread_ts : undefined;
    if (target && state.settings.botNotIn.has(target)) return c.json({ ok: false, error: "not_in_channel" });
    if (target && threadTs && !state.channels.get(target)?.some((m) => m.ts === threadTs && !m.threadTs))
      return c.json({ ok: false, error: "thread_not_found" });
    for (const u of found) {
      if (!u) continue;
      u.complete = true;
      if (target) u.channels.add(target);
    }
    if (target) {
      const msg: SlackMessage = {
        channel: target,
        ts: state.nextTs(),
        text: "",
        blocks: [],
        updates: 0,
        files: list.map((f) => String(f.id)),
        ...(threadTs ? { threadTs } : {}),
      };
      state.post(msg);
    }
    return c.json({
      ok: true,
      files: list.map((f, i) => ({ id: f.id, title: f.title ?? found[i]?.name, name: found[i]?.name, mimetype: found[i]?.mimetype })),
    });
  });

  webApiMethod(app, "files.delete", (c) => {
    const id = String(c.get("args").file ?? "");
    if (!state.uploads.delete(id)) return c.json({ ok: false, error: "file_not_found" });
    // Its shares go with it.
    for (const [channel, list] of state.channels)
      state.channels.set(
        channel,
        list.filter((m) => !m.files?.includes(id)),
      );
    return c.json({ ok: true });
  });
}
