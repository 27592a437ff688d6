import type { Command, Flag } from "./types.js";

const workspace: Flag = { name: "workspace", kind: "string", value: "<slug>", help: "the workspace (required)" };
const db = { via: "database" as const };

/** Commands on the databases directly (DATABASE_URL, MONGODB_URL, S3_*), for whoever runs the deployment. */
export const adminCommands: readonly Command[] = [
  {
    path: ["keys", "create"],
    positionals: [0, 0],
    summary: "a key: a user's (--user), a service's (--service) or a chat bot's (--bot); printed on the last line",
    ...db,
    flags: [
      workspace,
      { name: "user", kind: "string", value: "<userId>", help: "the member the key acts as" },
      { name: "service", kind: "boolean", help: "a service key, acting for members of its workspace" },
      {
        name: "bot",
        kind: "string",
        value: "<discord|slack>",
        choices: ["discord", "slack"],
        help: "a chat bot's key, acting in every guild or team",
      },
      { name: "name", kind: "string", value: "<label>", help: "a label to tell it by" },
    ],
  },
  { path: ["keys", "list"], positionals: [0, 0], summary: "a workspace's keys, without their secrets", ...db, flags: [workspace] },
  {
    path: ["keys", "revoke"],
    args: "<keyId|prefix>",
    positionals: [1, 1],
    summary: "a key stops working at once",
    ...db,
    flags: [workspace],
  },
  {
    path: ["jobs", "adopt"],
    positionals: [0, 0],
    summary: "give older job documents to a workspace",
    ...db,
    flags: [workspace, { name: "user", kind: "string", value: "<userId>", help: "only this user's" }],
  },
  {
    path: ["sessions", "list"],
    positionals: [0, 0],
    summary: "web gallery sessions",
    ...db,
    flags: [workspace, { name: "all", kind: "boolean", help: "ended ones too" }],
  },
  {
    path: ["sessions", "revoke"],
    args: "[<sessionId>]",
    positionals: [0, 1],
    summary: "sign out one session, a user's (--user) or everyone's (--everyone) at once",
    ...db,
    flags: [
      workspace,
      { name: "user", kind: "string", value: "<userId>", help: "every session of this user" },
      { name: "everyone", kind: "boolean", help: "every session of the workspace" },
    ],
  },
  {
    path: ["thumbnails", "backfill"],
    positionals: [0, 0],
    summary: "make the missing gallery thumbnails of image jobs (MONGODB_URL, S3_*)",
    ...db,
    flags: [],
  },
];

export const shells = ["bash", "zsh", "fish"] as const;

/** Commands that run on this machine alone. */
export const localCommands: readonly Command[] = [
  {
    path: ["completion"],
    args: "<bash|zsh|fish>",
    positionals: [1, 1],
    summary: "a shell completion script: cg completion bash > /etc/bash_completion.d/cg",
    via: "local",
    flags: [],
  },
  { path: ["help"], args: "[<command…>]", positionals: [0, 2], summary: "this help, or a command's", via: "local", flags: [] },
];
