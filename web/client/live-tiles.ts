import { api } from "./api.js";

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
  made.setAttribute("aria-label", "Results");
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

/** Follows the job: its tile's status and a progress bar while it runs, its pictures when it is done. */
export function followTile(jobId: string) {
  const subscription = api.jobs.watch.subscribe(
    { jobId },
    {
      onData(job) {
        for (const tile of document.querySelectorAll<HTMLLIElement>(`ul.grid > li[data-job-id="${CSS.escape(jobId)}"]`)) {
          tile.dataset.status = job.status;
          const status = tile.querySelector<HTMLElement>(".status");
          if (status) {
            status.textContent = job.status;
            status.className = `status status-${job.status}`;
          }
          let bar = tile.querySelector<HTMLProgressElement>("progress");
          if (!bar) {
            bar = document.createElement("progress");
            bar.max = 100;
            bar.setAttribute("aria-label", "Progress");
            (tile.querySelector("a") ?? tile).append(bar);
          }
          bar.value = job.progress ?? 0;
        }
        if (isFinal(job.status)) {
          subscription.unsubscribe();
          void replaceTiles(jobId);
        }
      },
      onError() {
        // The tile keeps what it showed; a reload shows the job as it is.
      },
    },
  );
}
