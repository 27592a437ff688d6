import cliProgress from "cli-progress";
import ora, { type Ora } from "ora";

/**
 * What a long command shows on stderr while it works: a spinner while it waits, a bar once
 * there is a percentage or a byte count. On a terminal they redraw in place; otherwise
 * (a pipe, a CI log) each change of state is one plain line, and `--json` shows nothing, so
 * stdout carries only the result.
 */
export class Progress {
  private spinner: Ora | undefined;
  private bar: cliProgress.SingleBar | undefined;
  private barLabel = "";
  private lastLine = "";

  constructor(
    private readonly quiet: boolean,
    private readonly tty = Boolean(process.stderr.isTTY),
  ) {}

  /** A wait with no measure of how far along it is. */
  wait(text: string): void {
    if (this.quiet) return;
    this.stopBar();
    if (!this.tty) {
      this.line(text);
      return;
    }
    if (this.spinner) this.spinner.text = text;
    else this.spinner = ora({ text, stream: process.stderr }).start();
  }

  /** Work with a known total: percent (total 100) or bytes. */
  update(label: string, value: number, total: number, unit: "%" | "bytes"): void {
    if (this.quiet) return;
    if (!this.tty) {
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
