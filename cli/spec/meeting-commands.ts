import type { Command } from "./types.js";

/** Commands on a finished meeting's transcript. */
export const meetingCommands: readonly Command[] = [
  {
    path: ["ask"],
    args: "<jobId> <question…>",
    positionals: [2, Number.POSITIVE_INFINITY],
    summary: "ask a question of a finished transcription; the answer quotes its lines with speaker and time",
    via: "api",
    flags: [],
  },
  {
    path: ["notes"],
    args: "<jobId>",
    positionals: [1, 1],
    summary: "have a finished transcription's meeting notes made again (notes.md, notes.json)",
    via: "api",
    flags: [],
  },
];
