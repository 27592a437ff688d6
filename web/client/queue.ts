import { api } from "./api.js";
import { fill, text } from "./text.js";

/**
 * The queue view keeps itself up to date: its lists are fetched again every few seconds while
 * the page is shown, rather than one jobs.watch stream per job, as a team's queue can hold more
 * jobs than the streams a member may hold open (8). A cancel is sent through the API and the
 * lists follow at once; focus stays on the row it was in.
 */
const REFRESH_MS = 2_500;

export function queueView() {
  let lists = document.querySelector<HTMLElement>("[data-queue]");
  if (!lists) return;
  let busy = false;

  async function refresh() {
    if (busy || document.hidden || !lists) return;
    busy = true;
    try {
      const response = await fetch("/app/queue/rows", { headers: { accept: "text/html" } });
      if (!response.ok) return;
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector<HTMLElement>("[data-queue]");
      if (!fresh) return;
      // The focused control's row and name, to focus its twin in the new lists.
      const focused =
        document.activeElement instanceof HTMLElement && lists.contains(document.activeElement) ? document.activeElement : null;
      const row = focused?.closest<HTMLElement>("[data-job-id]")?.dataset.jobId;
      const tag = focused?.tagName;
      lists.replaceWith(fresh);
      lists = fresh;
      if (row && tag) fresh.querySelector<HTMLElement>(`[data-job-id="${CSS.escape(row)}"] ${tag.toLowerCase()}`)?.focus();
    } finally {
      busy = false;
    }
  }

  document.addEventListener("submit", async (event) => {
    const form = (event.target as Element).closest<HTMLFormElement>("form[data-queue-cancel]");
    const jobId = form?.dataset.queueCancel;
    if (!form || !jobId) return;
    event.preventDefault();
    const button = form.querySelector("button");
    if (button) button.disabled = true;
    try {
      await api.jobs.cancel.mutate({ jobId });
    } catch (err) {
      const detail = form.closest("li")?.querySelector(".detail");
      if (detail) detail.textContent = fill(text().couldNotCancel, { message: (err as Error).message });
      if (button) button.disabled = false;
      return;
    }
    await refresh();
  });
  setInterval(() => void refresh(), REFRESH_MS);
  document.addEventListener("visibilitychange", () => void refresh());
}
