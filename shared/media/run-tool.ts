import { execFile } from "node:child_process";

/**
 * What one run of ffmpeg or ffprobe on an uploaded file (or, in the AssemblyAI emulator, a file it
 * was sent) may take. Both parse whatever the file holds, so every run is bounded: a file that
 * makes the parser spin or allocate without end stops the run, not the worker.
 */
export interface MediaToolLimits {
  /** Wall-clock time of one run; past it the process is killed (SIGKILL). */
  timeoutMs: number;
  /** Address space of one run (RLIMIT_AS): an allocation past it fails inside ffmpeg. */
  memoryBytes: number;
  /** Largest file one run may write (RLIMIT_FSIZE): one extracted frame. */
  fileBytes: number;
}

/**
 * The limits the workers run with. Read at each run, so a test may lower them for a while.
 * Debian's ffmpeg needs more than 256 MiB of address space just to map its libraries, and
 * extracts frames of 4K video in 512 MiB on the two threads it is given: 1 GiB leaves room for
 * ordinary uploads and stops a file that would make it allocate without end.
 */
export const MEDIA_TOOL_LIMITS: MediaToolLimits = {
  timeoutMs: 120_000,
  memoryBytes: 1024 * 1024 * 1024,
  fileBytes: 64 * 1024 * 1024,
};

/** Why a run did not give its output. */
export class MediaToolError extends Error {
  override name = "MediaToolError";
  constructor(
    message: string,
    readonly reason: "timeout" | "missing" | "failed",
  ) {
    super(message);
  }
}

/** prlimit's exit status when it cannot find the program it was to run (util-linux, EX_EXEC_ENOENT). */
const NOT_FOUND = 127;

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/**
 * Runs `ffmpeg` or `ffprobe` (Debian's, from the PATH) under `limits`. Node's child_process cannot
 * set resource limits, so the run goes through util-linux's `prlimit`, which sets them on itself
 * and then becomes the tool (exec, same process), so the limits bind the tool and the timeout's
 * SIGKILL reaches it. RLIMIT_AS rather than a cgroup: it needs no privilege nor systemd, and
 * ffmpeg's own `-max_alloc` bounds one allocation, not their sum.
 */
export function runMediaTool(
  tool: "ffmpeg" | "ffprobe",
  args: string[],
  limits: MediaToolLimits = MEDIA_TOOL_LIMITS,
  /** What the file is, as the errors name it. */
  subject = "the video",
): Promise<{ stdout: string; stderr: string }> {
  const command = [`--as=${limits.memoryBytes}`, `--fsize=${limits.fileBytes}`, "--", tool, ...args];
  return new Promise((resolve, reject) => {
    execFile(
      "prlimit",
      command,
      { timeout: limits.timeoutMs, killSignal: "SIGKILL", maxBuffer: 4 * 1024 * 1024, encoding: "utf8" },
      (err, stdout, stderr) => {
        if (!err) return resolve({ stdout, stderr });
        // execFile's error: `code` is the exit status, or a string for a spawn or buffer error.
        const failure = err as Omit<NodeJS.ErrnoException, "code"> & {
          killed?: boolean;
          signal?: NodeJS.Signals | null;
          code?: number | string;
        };
        // Checked first: past maxBuffer, Node kills the child with the same SIGKILL.
        if (failure.code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER")
          return reject(new MediaToolError(`${tool} printed too much about ${subject}`, "failed"));
        if (failure.killed && failure.signal === "SIGKILL") {
          return reject(
            new MediaToolError(`${tool} did not finish reading ${subject} within ${seconds(limits.timeoutMs)} and was stopped`, "timeout"),
          );
        }
        if (failure.code === "ENOENT") return reject(new MediaToolError("prlimit is not installed (Debian's util-linux)", "missing"));
        // The loader's own failures exit 127 too (a library it cannot map within the limit): only
        // prlimit's message says the tool is not there.
        if (failure.code === NOT_FOUND && /failed to execute/.test(stderr)) {
          return reject(new MediaToolError(`${tool} is not installed: run \`apt-get install -y ffmpeg\``, "missing"));
        }
        if (/Cannot allocate memory|failed to map segment/.test(stderr)) {
          return reject(new MediaToolError(`${tool} ran out of its ${mb(limits.memoryBytes)} memory limit reading ${subject}`, "failed"));
        }
        const last = stderr.trim().split("\n").at(-1)?.slice(0, 300);
        reject(new MediaToolError(`${tool} could not read ${subject}${last ? `: ${last}` : ""}`, "failed"));
      },
    );
  });
}
