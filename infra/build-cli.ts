import { exitWithError } from "../shared/fatal.js";
import { ensureChromium } from "./chromium.js";
import { ensureEspeak } from "./espeak.js";
import { ensureFfmpeg } from "./ffmpeg.js";
import { LOCAL_SERVERS, type LocalServerName, ensureBinary } from "./binaries.js";

/** `npm run infra:build`: builds (or finds cached) every embedded server binary. */
async function main() {
  const names = Object.keys(LOCAL_SERVERS) as LocalServerName[];
  const paths = await Promise.all(names.map((n) => ensureBinary(n, (m) => process.stdout.write(`${m}\n`))));
  for (const p of paths) process.stdout.write(`ready: ${p}\n`);
  const chromium = await ensureChromium((m) => process.stdout.write(`${m}\n`));
  process.stdout.write(chromium ? `ready: ${chromium}\n` : "chromium: not installed (the gallery's browser tests need it)\n");
  const ffmpeg = await ensureFfmpeg((m) => process.stdout.write(`${m}\n`));
  process.stdout.write(ffmpeg ? `ready: ${ffmpeg}\n` : "ffmpeg: not installed (the worker reads LoRA training videos with it)\n");
  const espeak = await ensureEspeak((m) => process.stdout.write(`${m}\n`));
  process.stdout.write(espeak ? `ready: ${espeak}\n` : "espeak-ng: not installed (the system tier speaks its test recordings with it)\n");
}

main().catch(exitWithError);
