import { isIP } from "node:net";

/**
 * Block Kit as Slack checks it when a message is posted (chat.postMessage, chat.update,
 * chat.postEphemeral, response_url), from the Block Kit reference: the limits of each block and
 * element, and the pictures of image blocks, which Slack downloads there and then. Each problem
 * is reported as Slack words it, with a JSON pointer: `must be less than 151 characters
 * [json-pointer:/blocks/0/text/text]`.
 */

export interface SlackFileRef {
  /** Uploaded and complete, shared in these conversations (slack_file images show only where their file is). */
  channels: Set<string>;
  mimetype: string;
}

export interface BlockCheckContext {
  /** Where the message goes. */
  channel: string;
  /** Whether Slack can download an image_url: by default, any address but a loopback or private one. */
  canFetch(url: URL): boolean;
  /** The workspace's files, for slack_file images. */
  file(id: string): SlackFileRef | undefined;
}

type Json = Record<string, unknown>;

const MAX_BLOCKS = 50;
const BLOCK_TYPES = new Set([
  "section",
  "header",
  "image",
  "context",
  "actions",
  "divider",
  "rich_text",
  "markdown",
  "input",
  "file",
  "video",
]);
/**
 * Image formats Slack displays, from a Slack file (slack_file object reference) or an image_url
 * (image block reference: "png, jpg, jpeg, and gif"); a WebP is not shown.
 */
const SLACK_FILE_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif"]);

/** Loopback, private, link-local and unique-local addresses: Slack's servers cannot reach them. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal")) return true;
  const v = isIP(host);
  if (v === 4) {
    const [a = 0, b = 0] = host.split(".").map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (v === 6) return host === "::1" || host === "::" || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith("::ffff:");
  return false;
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks a message's blocks; resolves to Slack's error lines, none when the message is accepted. */
export async function checkBlocks(blocks: unknown, ctx: BlockCheckContext): Promise<string[]> {
  const errors: string[] = [];
  const fail = (message: string, pointer: string) => errors.push(`${message} [json-pointer:${pointer}]`);
  if (blocks === undefined) return errors;
  if (!Array.isArray(blocks)) {
    fail("must be an array", "/blocks");
    return errors;
  }
  if (blocks.length > MAX_BLOCKS) fail(`no more than ${MAX_BLOCKS} items allowed`, "/blocks");
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  const images: Array<{ url: string; pointer: string }> = [];

  const text = (t: unknown, pointer: string, max: number, plainOnly = false) => {
    if (!isObject(t)) return fail("must provide an object", pointer);
    if (t.type !== "plain_text" && (plainOnly || t.type !== "mrkdwn"))
      fail(`must be one of [${plainOnly ? "plain_text" : "plain_text, mrkdwn"}]`, `${pointer}/type`);
    if (typeof t.text !== "string" || t.text.length === 0) return fail("must be more than 0 characters", `${pointer}/text`);
    if (t.text.length > max) fail(`must be less than ${max + 1} characters`, `${pointer}/text`);
  };
  const id = (v: unknown, pointer: string, seen: Set<string>) => {
    if (v === undefined) return;
    if (typeof v !== "string" || v.length > 255) return fail("must be less than 256 characters", pointer);
    if (seen.has(v)) fail(`${pointer.endsWith("block_id") ? "block_id" : "action_id"} already exists`, pointer);
    seen.add(v);
  };
  const image = (b: Json, pointer: string) => {
    if (typeof b.alt_text !== "string" || b.alt_text.length === 0) fail("must provide a string", `${pointer}/alt_text`);
    else if (b.alt_text.length > 2000) fail("must be less than 2001 characters", `${pointer}/alt_text`);
    if ((b.image_url === undefined) === (b.slack_file === undefined)) return fail("must provide either image_url or slack_file", pointer);
    if (b.image_url !== undefined) {
      if (typeof b.image_url !== "string" || b.image_url.length > 3000)
        return fail("must be less than 3001 characters", `${pointer}/image_url`);
      images.push({ url: b.image_url, pointer: `${pointer}/image_url` });
      return;
    }
    const f = b.slack_file;
    if (!isObject(f) || (f.id === undefined) === (f.url === undefined))
      return fail("must provide either url or id", `${pointer}/slack_file`);
    if (typeof f.id !== "string" || !/^F[A-Z0-9]{8,}$/.test(f.id))
      return fail("input must match regex pattern: ^[F][A-Z0-9]{8,}$", `${pointer}/slack_file/id`);
    const file = ctx.file(f.id);
    // A file the bot uploaded but never shared is visible to the bot alone. A view (channel "")
    // is in no conversation: it may show a file shared in one.
    const visible = ctx.channel === "" ? (file?.channels.size ?? 0) > 0 : file?.channels.has(ctx.channel);
    if (!file || !visible || !SLACK_FILE_IMAGE_TYPES.has(file.mimetype)) fail("invalid slack file", `${pointer}/slack_file`);
  };

  for (const [i, b] of blocks.entries()) {
    const p = `/blocks/${i}`;
    if (!isObject(b)) {
      fail("must provide an object", p);
      continue;
    }
    if (typeof b.type !== "string" || !BLOCK_TYPES.has(b.type)) {
      fail("unsupported type", `${p}/type`);
      continue;
    }
    id(b.block_id, `${p}/block_id`, blockIds);
    switch (b.type) {
      case "header":
        text(b.text, `${p}/text`, 150, true);
        break;
      case "section": {
        if (b.text === undefined && b.fields === undefined) fail("must define either `text` or `fields`", p);
        if (b.text !== undefined) text(b.text, `${p}/text`, 3000);
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields) || b.fields.length === 0 || b.fields.length > 10)
            fail("must provide between 1 and 10 items", `${p}/fields`);
          else for (const [k, f] of b.fields.entries()) text(f, `${p}/fields/${k}`, 2000);
        }
        if (isObject(b.accessory) && b.accessory.type === "image") image(b.accessory, `${p}/accessory`);
        break;
      }
      case "image":
        image(b, p);
        if (b.title !== undefined) text(b.title, `${p}/title`, 2000, true);
        break;
      case "context": {
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) {
          fail("must provide between 1 and 10 items", `${p}/elements`);
          break;
        }
        for (const [k, e] of b.elements.entries()) {
          if (isObject(e) && e.type === "image") image(e, `${p}/elements/${k}`);
          else text(e, `${p}/elements/${k}`, 3000);
        }
        break;
      }
      case "actions": {
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) {
          fail("must provide between 1 and 25 items", `${p}/elements`);
          break;
        }
        for (const [k, e] of b.elements.entries()) {
          const ep = `${p}/elements/${k}`;
          if (!isObject(e)) {
            fail("must provide an object", ep);
            continue;
          }
          id(e.action_id, `${ep}/action_id`, actionIds);
          if (e.type === "static_select") {
            staticSelect(e, ep, fail);
            continue;
          }
          if (e.type !== "button") continue;
          text(e.text, `${ep}/text`, 75, true);
          if (e.value !== undefined && (typeof e.value !== "string" || e.value.length > 2000))
            fail("must be less than 2001 characters", `${ep}/value`);
          if (e.url !== undefined && (typeof e.url !== "string" || e.url.length > 3000))
            fail("must be less than 3001 characters", `${ep}/url`);
          if (e.style !== undefined && e.style !== "primary" && e.style !== "danger")
            fail("must be one of [primary, danger]", `${ep}/style`);
        }
        break;
      }
      default:
        break;
    }
  }
  // Slack downloads each picture while it takes the message: one it cannot fetch refuses the message.
  for (const img of images) {
    if (!(await downloadable(img.url, ctx))) fail("downloading image failed", img.pointer);
  }
  return errors;
}

/** Slack's download of a picture: every hop of a redirect must be reachable, and the answer an image Slack shows. */
async function downloadable(raw: string, ctx: BlockCheckContext): Promise<boolean> {
  let next = raw;
  for (let hop = 0; hop < 5; hop++) {
    let url: URL;
    try {
      url = new URL(next);
    } catch {
      return false;
    }
    if ((url.protocol !== "https:" && url.protocol !== "http:") || !ctx.canFetch(url)) return false;
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      const location = res.headers.get("location");
      const type = res.headers.get("content-type") ?? "";
      await res.body?.cancel();
      if (res.status >= 300 && res.status < 400 && location) {
        next = new URL(location, url).toString();
        continue;
      }
      return res.ok && SLACK_FILE_IMAGE_TYPES.has(type.split(";")[0]?.trim().toLowerCase() ?? "");
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * A modal view's refusal for views.open (Slack answers `invalid_arguments` with these), from the
 * View and Block Kit references: a title, submit and close of at most 24 characters (a submit
 * when the view has inputs), a callback_id of at most 255, private_metadata of at most 3000,
 * 1 to 100 blocks; an input block's label at most 2000, its element's action_id at most 255 and
 * placeholder a plain_text of at most 150 (every select and input element of the Block Kit
 * reference); a plain_text_input's lengths within 0-3000 and its initial_value within its
 * max_length; a number_input's is_decimal_allowed, min_value at most max_value and initial_value
 * between them, whole numbers unless decimals are allowed ("Number input element"); a
 * conversations_select's filter with at least one field, `include` a non-empty list of im, mpim,
 * private and public ("Conversation filter object"), and its booleans booleans.
 */
export function checkModalView(view: unknown): string[] {
  const errors: string[] = [];
  const fail = (message: string, pointer: string) => errors.push(`${message} [json-pointer:/view${pointer}]`);
  if (!isObject(view)) return ["must provide an object [json-pointer:/view]"];
  if (view.type !== "modal") fail("must be modal", "/type");
  const plain = (t: unknown, pointer: string, max: number, required: boolean) => {
    if (t === undefined) {
      if (required) fail("must provide an object", pointer);
      return;
    }
    if (!isObject(t) || t.type !== "plain_text" || typeof t.text !== "string") return fail("must be a plain_text object", pointer);
    if (t.text.length === 0 || t.text.length > max) fail(`must be between 1 and ${max} characters`, `${pointer}/text`);
  };
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const hasInputs = blocks.some((b) => isObject(b) && b.type === "input");
  plain(view.title, "/title", 24, true);
  plain(view.submit, "/submit", 24, hasInputs);
  plain(view.close, "/close", 24, false);
  if (typeof view.callback_id === "string" && view.callback_id.length > 255) fail("must be less than 256 characters", "/callback_id");
  if (typeof view.private_metadata === "string" && view.private_metadata.length > 3000)
    fail("must be less than 3001 characters", "/private_metadata");
  if (blocks.length === 0 || blocks.length > 100) fail("must provide between 1 and 100 items", "/blocks");
  for (const [i, b] of blocks.entries()) {
    const p = `/blocks/${i}`;
    if (!isObject(b)) {
      fail("must provide an object", p);
      continue;
    }
    if (typeof b.block_id === "string" && b.block_id.length > 255) fail("must be less than 256 characters", `${p}/block_id`);
    if (b.type !== "input") continue;
    plain(b.label, `${p}/label`, 2000, true);
    const e = b.element;
    if (
      !isObject(e) ||
      !["plain_text_input", "static_select", "number_input", "conversations_select", "users_select"].includes(String(e.type))
    ) {
      fail("must be a plain_text_input, static_select, number_input, conversations_select or users_select", `${p}/element`);
      continue;
    }
    if (typeof e.action_id === "string" && e.action_id.length > 255) fail("must be less than 256 characters", `${p}/element/action_id`);
    if (e.placeholder !== undefined) plain(e.placeholder, `${p}/element/placeholder`, 150, false);
    if (e.type === "conversations_select") {
      conversationsSelect(e, `${p}/element`, fail);
      continue;
    }
    // A users_select ("Select menu element", users): an initial_user is a user id.
    if (e.type === "users_select") {
      if (e.initial_user !== undefined && typeof e.initial_user !== "string") fail("must provide a string", `${p}/element/initial_user`);
      continue;
    }
    if (e.type === "static_select") {
      // 1-100 options, each a plain_text of at most 75 and a value of at most 150; an initial option must be one of them.
      const options = Array.isArray(e.options) ? e.options : [];
      if (options.length === 0 || options.length > 100) fail("must provide between 1 and 100 items", `${p}/element/options`);
      for (const [k, o] of options.entries()) {
        if (!isObject(o)) continue;
        plain(o.text, `${p}/element/options/${k}/text`, 75, true);
        if (typeof o.value !== "string" || o.value.length === 0 || o.value.length > 150)
          fail("must be between 1 and 150 characters", `${p}/element/options/${k}/value`);
      }
      if (isObject(e.initial_option) && !options.some((o) => isObject(o) && o.value === (e.initial_option as Json).value))
        fail("must match one of the options", `${p}/element/initial_option`);
      continue;
    }
    if (e.type === "number_input") {
      numberInput(e, `${p}/element`, fail);
      continue;
    }
    for (const key of ["min_length", "max_length"] as const) {
      const v = e[key];
      if (v !== undefined && (typeof v !== "number" || v < (key === "min_length" ? 0 : 1) || v > 3000))
        fail("must be between 0 and 3000", `${p}/element/${key}`);
    }
    if (e.initial_value !== undefined) {
      const max = typeof e.max_length === "number" ? e.max_length : 3000;
      if (typeof e.initial_value !== "string") fail("must provide a string", `${p}/element/initial_value`);
      else if (e.initial_value.length > max) fail(`must be less than ${max + 1} characters`, `${p}/element/initial_value`);
    }
  }
  return errors;
}

type Fail = (message: string, pointer: string) => void;

/**
 * A static_select in a message's actions block (Block Kit, "Select menu element", static): a
 * placeholder plain_text of 150 at most, 1-100 options (or option groups, which this app does not
 * send and this fake refuses), each a plain_text of 75 at most, a value of 1-150 and a
 * description plain_text of 75 at most; an initial option must be one of them.
 */
function staticSelect(e: Json, pointer: string, fail: Fail): void {
  const plain = (t: unknown, at: string, max: number) => {
    if (!isObject(t) || t.type !== "plain_text") return fail("must be one of [plain_text]", `${at}/type`);
    if (typeof t.text !== "string" || t.text.length === 0) return fail("must be more than 0 characters", `${at}/text`);
    if (t.text.length > max) fail(`must be less than ${max + 1} characters`, `${at}/text`);
  };
  if (e.placeholder !== undefined) plain(e.placeholder, `${pointer}/placeholder`, 150);
  if (e.option_groups !== undefined) fail("this fake takes options, not option_groups", `${pointer}/option_groups`);
  const options = Array.isArray(e.options) ? e.options : [];
  if (options.length === 0 || options.length > 100) fail("must provide between 1 and 100 items", `${pointer}/options`);
  for (const [k, o] of options.entries()) {
    const at = `${pointer}/options/${k}`;
    if (!isObject(o)) {
      fail("must provide an object", at);
      continue;
    }
    plain(o.text, `${at}/text`, 75);
    if (typeof o.value !== "string" || o.value.length === 0 || o.value.length > 150)
      fail("must be between 1 and 150 characters", `${at}/value`);
    if (o.description !== undefined) plain(o.description, `${at}/description`, 75);
  }
  if (isObject(e.initial_option) && !options.some((o) => isObject(o) && o.value === (e.initial_option as Json).value))
    fail("must match one of the options", `${pointer}/initial_option`);
}

/** A number_input: numbers as strings, whole unless decimals are allowed, and min_value ≤ initial_value ≤ max_value. */
function numberInput(e: Json, pointer: string, fail: Fail): void {
  if (typeof e.is_decimal_allowed !== "boolean") fail("must provide a boolean", `${pointer}/is_decimal_allowed`);
  const number = (key: "min_value" | "max_value" | "initial_value") => {
    const v = e[key];
    if (v === undefined) return undefined;
    const n = typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
    if (Number.isNaN(n)) return fail("must be a number", `${pointer}/${key}`);
    if (e.is_decimal_allowed !== true && !Number.isInteger(n))
      return fail("must be a whole number: is_decimal_allowed is false", `${pointer}/${key}`);
    return n;
  };
  const [min, max, initial] = [number("min_value"), number("max_value"), number("initial_value")];
  if (min !== undefined && max !== undefined && min > max) fail("min_value cannot be greater than max_value", `${pointer}/min_value`);
  if (initial !== undefined && ((min !== undefined && initial < min) || (max !== undefined && initial > max)))
    fail("must be between min_value and max_value", `${pointer}/initial_value`);
}

const CONVERSATION_KINDS = new Set(["im", "mpim", "private", "public"]);

/** A conversations_select: its filter (at least one field; `include` a non-empty list of known kinds) and its booleans. */
function conversationsSelect(e: Json, pointer: string, fail: Fail): void {
  for (const key of ["response_url_enabled", "default_to_current_conversation"]) {
    if (e[key] !== undefined && typeof e[key] !== "boolean") fail("must provide a boolean", `${pointer}/${key}`);
  }
  if (e.initial_conversation !== undefined && typeof e.initial_conversation !== "string")
    fail("must provide a string", `${pointer}/initial_conversation`);
  const f = e.filter;
  if (f === undefined) return;
  if (!isObject(f)) {
    fail("must provide an object", `${pointer}/filter`);
    return;
  }
  if (f.include === undefined && f.exclude_external_shared_channels === undefined && f.exclude_bot_users === undefined)
    fail("must provide at least one of include, exclude_external_shared_channels, exclude_bot_users", `${pointer}/filter`);
  if (
    f.include !== undefined &&
    (!Array.isArray(f.include) || f.include.length === 0 || f.include.some((k) => !CONVERSATION_KINDS.has(String(k))))
  )
    fail("must be a non-empty list of [im, mpim, private, public]", `${pointer}/filter/include`);
  for (const key of ["exclude_external_shared_channels", "exclude_bot_users"]) {
    if (f[key] !== undefined && typeof f[key] !== "boolean") fail("must provide a boolean", `${pointer}/filter/${key}`);
  }
}
