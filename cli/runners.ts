import { jobsAdopt, keysCreate, keysList, keysRevoke } from "./admin.js";
import { assetsDownloadUrl, assetsList, assetsSearch, assetsStats } from "./commands/assets.js";
import type { Args, CliContext } from "./commands/context.js";
import { download } from "./commands/download.js";
import { generate } from "./commands/generate.js";
import { health } from "./commands/health.js";
import { jobsRerun, jobsRetrain } from "./commands/job-again.js";
import { jobsCancel, jobsDelete, jobsGet, jobsList, jobsShare, jobsWait, jobsWatch } from "./commands/jobs.js";
import { loginLink } from "./commands/login-link.js";
import { ask, notes } from "./commands/meeting.js";
import { blend, describePicture, pan, varyRegion, zoom } from "./commands/image-tools.js";
import { edit, upscale, vary } from "./commands/picture-operations.js";
import { search } from "./commands/search.js";
import { settingsGet, settingsSet } from "./commands/settings.js";
import { train } from "./commands/train.js";
import { transcribe } from "./commands/transcribe.js";
import { translate } from "./commands/translate.js";
import { upload, uploadUrl } from "./commands/upload.js";
import { usageGet, usageHistory } from "./commands/usage.js";
import { animate, extend, video } from "./commands/video.js";
import { completion } from "./completion/index.js";
import { sessions } from "./sessions.js";
import { thumbnails } from "./thumbnails.js";

/** How a command runs: through the API with a client, or on its own (the databases, this machine). */
export type Runner =
  | { api: (ctx: CliContext, a: Args) => Promise<void> }
  | { alone: (a: Args, print: (text: string) => void, json: boolean) => Promise<void> };

/** The code behind each command of the table (spec/), by its name; a test checks that none is missing. */
export const runners: Record<string, Runner> = {
  generate: { api: generate },
  upscale: { api: upscale },
  vary: { api: vary },
  edit: { api: edit },
  describe: { api: describePicture },
  blend: { api: blend },
  zoom: { api: zoom },
  pan: { api: pan },
  "vary-region": { api: varyRegion },
  animate: { api: animate },
  video: { api: video },
  extend: { api: extend },
  transcribe: { api: transcribe },
  translate: { api: translate },
  ask: { api: ask },
  notes: { api: notes },
  train: { api: train },
  "jobs list": { api: jobsList },
  "jobs get": { api: jobsGet },
  "jobs wait": { api: jobsWait },
  "jobs watch": { api: jobsWatch },
  "jobs cancel": { api: jobsCancel },
  "jobs delete": { api: jobsDelete },
  "jobs rerun": { api: jobsRerun },
  "jobs retrain": { api: jobsRetrain },
  "jobs share": { api: jobsShare },
  "assets loras": { api: assetsList },
  "assets images": { api: assetsList },
  "assets transcripts": { api: assetsList },
  "assets videos": { api: assetsList },
  "assets search": { api: assetsSearch },
  search: { api: search },
  "assets stats": { api: assetsStats },
  "assets upload-url": { api: uploadUrl },
  "assets download-url": { api: assetsDownloadUrl },
  upload: { api: upload },
  download: { api: download },
  "usage get": { api: usageGet },
  "usage history": { api: usageHistory },
  "settings get": { api: settingsGet },
  "settings set": { api: settingsSet },
  health: { api: health },
  "login-link": { api: loginLink },
  "keys create": { alone: keysCreate },
  "keys list": { alone: keysList },
  "keys revoke": { alone: keysRevoke },
  "jobs adopt": { alone: jobsAdopt },
  "sessions list": { alone: (a, _print, json) => sessions(a, json) },
  "sessions revoke": { alone: (a, _print, json) => sessions(a, json) },
  "thumbnails backfill": { alone: () => thumbnails() },
  completion: { alone: async (a, print) => print(completion(a.positionals[0] as string)) },
  help: { alone: async () => {} },
};
