import { statusDetail } from "../../shared/jobs/status-detail.js";
import { api } from "./api.js";
import { text } from "./text.js";

/**
 * A job's tiles in the grid, as the server renders them (/app/tiles/<jobId>), kept live: the
 * status and progress from jobs.watch while it runs, its pictures once it is done.
 */

const isFinal = (status: string) => status === "completed" || status === "failed" || status === "canceled";

async function tilesOf(jobId: string): Promise<HTMLLIElement[]> {
  const response = await fetch(`/app/tiles/${encodeURIComponent(jobId)}`, { headers: { accept: "text/html" } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const fragment = new DOMParser().parseFromString(await response.text(), "text/html");
  return [...fragment.querySelectorAll<HTMLLIElement>("ul.grid > li")];
}

function grid(): HTMLUListElement {
  const existing = document.querySelector<HTMLUListElement>("ul.grid");
  if (existing) return existing;
  // An empty gallery has no grid yet: its first tile makes one where the "nothing here" line was.
  const made = document.createElement("ul");
  made.className = "grid";
  made.setAttribute("aria-label", text().results);
  const empty = document.querySelector("p.empty");
  if (empty) empty.replaceWith(made);
  else document.querySelector("main")?.append(made);
  return made;
}

/** The new job's tile at the top of the grid. */
export async function placeTiles(jobId: string) {
  grid().prepend(...(await tilesOf(jobId)));
}

async function replaceTiles(jobId: string) {
  const old = [...document.querySelectorAll<HTMLLIElement>(`ul.grid > li[data-job-id="${CSS.escape(jobId)}"]`)];
  const fresh = await tilesOf(jobId);
  if (old[0]) old[0].before(...fresh);
  else grid().prepend(...fresh);
  for (const li of old) li.remove();
}

/**
 * How often a tile without a stream reads its job again: past the page's streams, when the member
 * already holds as many live views as they may (jobs.watch allows 8), or when its stream broke.
 */
const POLL_MS = 3_000;
/**
 * The streams the page holds at once. Over HTTP/1.1 a browser opens at most 6 connections to one
 * host and each stream holds one: past 3, the page's other requests (a create, a tile) would wait
 * behind them, so further tiles read their job again instead.
 */
const MAX_STREAMS = 3;
let streams = 0;

const tilesFor = (jobId: string) => document.querySelectorAll<HTMLLIElement>(`ul.grid > li[data-job-id="${CSS.escape(jobId)}"]`);

/** A job's tiles are final once they show pictures (no status) or a final status. */
function tilesFinal(jobId: string): boolean {
  // By the status's class: its text is in the page's language.
  const status = tilesFor(jobId)[0]?.querySelector(".status");
  return !status || ["completed", "failed", "canceled"].some((s) => status.classList.contains(`status-${s}`));
}

function pollTiles(jobId: string) {
  setTimeout(async () => {
    if (tilesFor(jobId).length === 0) return;
    await replaceTiles(jobId).catch(() => undefined);
    if (!tilesFinal(jobId)) pollTiles(jobId);
  }, POLL_MS);
}

/** Follows the job: its tile's status and a progress bar while it runs, its pictures when it is done. */
export function followTile(jobId: string) {
  if (streams >= MAX_STREAMS) return pollTiles(jobId);
  streams++;
  let final = false;
  let open = true;
  const closed = () => {
    if (open) streams--;
    open = false;
  };
  const subscription = api.jobs.watch.subscribe(
    { jobId },
    {
      onData(job) {
        for (const tile of tilesFor(jobId)) {
          tile.dataset.status = job.status;
          const status = tile.querySelector<HTMLElement>(".status");
          if (status) {
            status.textContent = text().statuses[job.status];
            status.className = `status status-${job.status}`;
          }
          let bar = tile.querySelector<HTMLProgressElement>("progress");
          if (!bar) {
            bar = document.createElement("progress");
            bar.max = 100;
            bar.setAttribute("aria-label", text().progress);
            (tile.querySelector("a") ?? tile).append(bar);
          }
          bar.value = job.progress ?? 0;
          const detail = tile.querySelector<HTMLElement>("[data-field=detail]");
          if (detail) detail.textContent = statusDetail(job, text().statusDetail);
        }
        if (isFinal(job.status)) {
          final = true;
          closed();
          subscription.unsubscribe();
          void replaceTiles(jobId);
        }
      },
      onError() {
        closed();
        if (!final) pollTiles(jobId);
      },
      // A stream the server ended before the job did (it lasts half an hour): ask again.
      onComplete() {
        closed();
        if (!final) followTile(jobId);
      },
    },
  );
}

/** The jobs followed from their tiles' `data-follow`: a job is followed once, however many times its tiles arrive. */
const following = new Set<string>();

/**
 * Follows the jobs still in the making among `tiles` (`data-follow`): the page's own on load, and
 * those a later page of the grid brings in while scrolling, each filled in when its job is done.
 */
export function followPendingTiles(tiles: Iterable<Element> = document.querySelectorAll("ul.grid > li[data-follow]")) {
  for (const tile of tiles) {
    const jobId = tile instanceof HTMLElement && tile.dataset.follow !== undefined ? tile.dataset.jobId : undefined;
    if (!jobId || following.has(jobId)) continue;
    following.add(jobId);
    followTile(jobId);
  }
}
