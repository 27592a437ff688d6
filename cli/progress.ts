import type { WriteStream } from "node:tty";
import cliProgress from "cli-progress";
import ora, { type Ora } from "ora";

/**
 * Whether a stream can show a spinner or a bar redrawn in place: a terminal that reports its
 * width and can move the cursor. A pipe, a log, TERM=dumb (Node reads it: colour depth 1, as
 * with NO_COLOR) and a terminal reporting 0 columns (a pty with no window size, as under
 * `script`) get plain lines instead: redrawing into 0 columns never ends.
 */
export function canRedraw(stream: NodeJS.WriteStream = process.stderr): boolean {
  const tty = stream as Partial<WriteStream>;
  return Boolean(stream.isTTY) && (tty.columns ?? 0) > 0 && (tty.getColorDepth?.() ?? 1) > 1;
}

/**
 * What a long command shows on stderr while it works: a spinner while it waits, a bar once
 * there is a percentage or a byte count. Where they can be redrawn in place they are;
 * otherwise each change of state is one plain line, and `--json` shows nothing, so stdout
 * carries only the result.
 */
export class Progress {
  private spinner: Ora | undefined;
  private bar: cliProgress.SingleBar | undefined;
  private barLabel = "";
  private lastLine = "";

  constructor(
    private readonly quiet: boolean,
    private readonly redraw = canRedraw(),
  ) {}

  /** A wait with no measure of how far along it is. */
  wait(text: string): void {
    if (this.quiet) return;
    this.stopBar();
    if (!this.redraw) {
      this.line(text);
      return;
    }
    if (this.spinner) this.spinner.text = text;
    // discardStdin off: the spinner leaves the terminal's input alone, so Ctrl+C stays a plain SIGINT.
    else this.spinner = ora({ text, stream: process.stderr, discardStdin: false }).start();
  }

  /** Work with a known total: percent (total 100) or bytes. */
  update(label: string, value: number, total: number, unit: "%" | "bytes"): void {
    if (this.quiet) return;
    if (!this.redraw) {
      // Plain output: a line at each tenth, not one per poll or chunk.
      const tenth = Math.floor((Math.min(value, total) / Math.max(total, 1)) * 10) * 10;
      this.line(`${label} ${tenth}%`);
      return;
    }
    this.stopSpinner();
    if (!this.bar || this.barLabel !== label) {
      this.stopBar();
      this.barLabel = label;
      const format = unit === "%" ? `${label} [{bar}] {percentage}%` : `${label} [{bar}] {percentage}% {done}/{size}`;
      this.bar = new cliProgress.SingleBar(
        { format, stream: process.stderr, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0, { done: mb(0), size: mb(total) });
    }
    this.bar.update(Math.min(value, total), { done: mb(value), size: mb(total) });
  }

  /** Ends whatever is showing with a final line; a bar is cleared, so only the line stays. */
  done(text: string): void {
    if (this.quiet) return;
    this.stopBar();
    if (this.spinner) {
      this.spinner.stopAndPersist({ text, symbol: "✔" });
      this.spinner = undefined;
    } else this.line(text);
  }

  /** Clears what is showing and gives the cursor back (before an error, or on SIGINT/SIGTERM). */
  stop(): void {
    this.stopBar();
    this.stopSpinner();
  }

  private line(text: string): void {
    if (text === this.lastLine) return;
    this.lastLine = text;
    process.stderr.write(`${text}\n`);
  }

  private stopSpinner(): void {
    this.spinner?.stop();
    this.spinner = undefined;
  }

  private stopBar(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
