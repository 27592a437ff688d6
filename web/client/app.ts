import { statusDetail } from "../../shared/jobs/status-detail.js";
import { momentOf } from "../../shared/meeting-search/moment.js";
import { api } from "./api.js";
import { createBar } from "./create-bar.js";
import { trapDialogFocus } from "./keyboard.js";
import { lightbox } from "./lightbox.js";
import { followPendingTiles } from "./live-tiles.js";
import { localTimes } from "./local-time.js";
import { organize } from "./organize.js";
import { phoneDisclosures } from "./phone.js";
import { queueView } from "./queue.js";
import { uploadJobForms } from "./upload-jobs.js";
import { regionEditor } from "./region-editor.js";
import { zoomEditor } from "./zoom-editor.js";
import { fill, text } from "./text.js";
import { clipPreviews } from "./video.js";

/**
 * The gallery's islands: the pages are whole without this script (links and forms); with it the
 * grid loads its next page in place, a picture opens in a lightbox, a running job's page follows
 * the job live through the API's own subscription, and a picture's editors draw.
 */

function watchJob(panel: HTMLElement, jobId: string) {
  const field = (name: string) => panel.querySelector<HTMLElement>(`[data-field="${name}"]`);
  const subscription = api.jobs.watch.subscribe(
    { jobId },
    {
      onData(job) {
        const status = field("status");
        if (status) {
          status.textContent = text().statuses[job.status];
          status.className = `status status-${job.status}`;
        }
        const progress = field("progress");
        if (progress instanceof HTMLProgressElement) {
          progress.value = job.progress ?? 0;
          progress.textContent = `${job.progress ?? 0}%`;
        }
        const detail = field("detail");
        if (detail) detail.textContent = statusDetail(job, text().statusDetail);
        panel.dataset.status = job.status;
        // A finished job has pictures and actions the running page did not: show the page it now has.
        if (job.status === "completed" || job.status === "failed" || job.status === "canceled") {
          subscription.unsubscribe();
          location.reload();
        }
      },
      onError(err) {
        const detail = field("detail");
        if (detail) detail.textContent = fill(text().liveStopped, { message: err.message });
      },
      // A stream the server ended before the job did (it lasts half an hour): a fresh page asks again.
      onComplete() {
        if (panel.dataset.status !== "completed" && panel.dataset.status !== "failed" && panel.dataset.status !== "canceled")
          location.reload();
      },
    },
  );
}

function infiniteScroll() {
  const grid = document.querySelector<HTMLUListElement>("ul.grid");
  let more = document.querySelector<HTMLAnchorElement>("a.more[data-more]");
  if (!grid || !more) return;
  let loading = false;
  const observer = new IntersectionObserver(
    async (entries) => {
      if (!entries.some((e) => e.isIntersecting) || loading || !more?.dataset.more) return;
      loading = true;
      try {
        const response = await fetch(more.dataset.more, { headers: { accept: "text/html" } });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const fragment = new DOMParser().parseFromString(await response.text(), "text/html");
        const tiles = [...fragment.querySelectorAll("ul.grid > li")];
        grid.append(...tiles);
        // A job of the new page still in the making is followed as the first page's are.
        followPendingTiles(tiles);
        const next = fragment.querySelector<HTMLElement>("a.more, p.end");
        observer.unobserve(more);
        if (next) more.replaceWith(next);
        more = next instanceof HTMLAnchorElement && next.dataset.more ? next : null;
        if (more) observer.observe(more);
      } catch (err) {
        if (more) more.textContent = fill(text().loadMoreFailed, { message: (err as Error).message });
      } finally {
        loading = false;
      }
    },
    { rootMargin: "600px" },
  );
  observer.observe(more);
}

/** A transcript's lines play the audio from their second, and the search box narrows them as one types. */
function transcriptReader() {
  const audio = document.querySelector<HTMLAudioElement>("audio[data-transcript-audio]");
  const lines = [...document.querySelectorAll<HTMLLIElement>("ol.transcript > li")];
  document.addEventListener("click", (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>("ol.transcript button.at");
    const start = Number(button?.closest("li")?.dataset.start);
    if (!audio || !button || !Number.isFinite(start)) return;
    audio.currentTime = start;
    void audio.play();
  });
  // A search hit links here with `#t=<seconds>`: the audio starts there, and the line it is in shows.
  const toMoment = () => {
    const at = momentOf(location.hash);
    if (!audio || at === null) return;
    const seek = () => {
      audio.currentTime = at;
    };
    if (audio.readyState >= 1) seek();
    else audio.addEventListener("loadedmetadata", seek, { once: true });
    const line = lines.filter((li) => Number(li.dataset.start) <= at).at(-1);
    for (const li of lines) li.classList.toggle("moment", li === line);
    line?.scrollIntoView({ block: "center" });
  };
  toMoment();
  window.addEventListener("hashchange", toMoment);
  document.querySelector<HTMLInputElement>("input[data-transcript-search]")?.addEventListener("input", (event) => {
    const needle = (event.target as HTMLInputElement).value.trim().toLowerCase();
    for (const li of lines) li.hidden = needle !== "" && !(li.querySelector(".text")?.textContent ?? "").toLowerCase().includes(needle);
  });
}

/** The header's language switch: picking a language is enough; its button is for a page without this script. */
function languageSwitch() {
  const select = document.querySelector<HTMLSelectElement>("select[data-language-switch]");
  select?.addEventListener("change", () => select.form?.requestSubmit());
}

for (const panel of document.querySelectorAll<HTMLElement>("[data-watch]")) {
  const jobId = panel.dataset.watch;
  if (jobId) watchJob(panel, jobId);
}
localTimes();
languageSwitch();
infiniteScroll();
lightbox();
createBar();
queueView();
uploadJobForms();
transcriptReader();
organize();
regionEditor();
zoomEditor();
phoneDisclosures();
trapDialogFocus();
clipPreviews();
followPendingTiles();
