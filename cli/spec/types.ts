/**
 * The CLI described as data: every command with its arguments and flags. The parser, the help
 * and the shell completions are all made from this one table, so none of them can drift.
 */

export interface Flag {
  /** The long name, without the dashes: `--lora-scale` is "lora-scale". */
  name: string;
  short?: string;
  /** How the value is read: a string as typed, a whole number, any number, or a switch with no value. */
  kind: "string" | "int" | "number" | "boolean";
  /** The value's placeholder in help: `--count <n>`. */
  value?: string;
  help: string;
  /** The only values it takes; the completions offer them. */
  choices?: readonly string[];
  /** Values the completions offer, where others are taken too (a size can also be 1024x768). */
  offers?: readonly string[];
  /** Completes file names (or folders). */
  files?: boolean;
  /** May be given several times (`--rect a --rect b`); its values are kept in order, as a list. */
  repeatable?: boolean;
  /** The job input field it fills (a dotted path, `lora.scale`), so a refusal of that field names the flag. */
  field?: string;
}

export interface Command {
  /** The words that name it: ["jobs", "wait"]. */
  path: readonly string[];
  /** The arguments after those words, as shown in help: "<jobId>". */
  args?: string;
  /** How many arguments it takes (max Infinity for a prompt typed as several words). */
  positionals: readonly [min: number, max: number];
  /** The arguments name files, for the completions. */
  fileArgs?: boolean;
  summary: string;
  flags: readonly Flag[];
  /** Where it runs: through the API (API_URL, API_KEY), on the databases directly, or on this machine only. */
  via: "api" | "database" | "local";
  /** Through the API without a key: a public procedure. */
  keyless?: boolean;
  /** Run for its group's word alone: `cg jobs` is `cg jobs list`. */
  isDefault?: boolean;
}

/** The options every command takes, wherever they appear on the line. */
export const globalFlags: readonly Flag[] = [
  { name: "json", kind: "boolean", help: "print one JSON document on stdout, and no progress" },
  { name: "api-url", kind: "string", value: "<url>", help: "the API (default API_URL, else this machine's PORT)" },
  { name: "key", kind: "string", value: "<api key>", help: "the API key (default API_KEY)" },
  {
    name: "as",
    kind: "string",
    value: "<userId>",
    help: "with a service key (cg keys create --service): the member it acts for; sent as x-act-as-user",
  },
  { name: "poll-ms", kind: "int", value: "<ms>", help: "how often to ask for a job when its event stream cannot be had (default 1000)" },
  { name: "help", short: "h", kind: "boolean", help: "this help, or a command's: cg <command> --help" },
];
