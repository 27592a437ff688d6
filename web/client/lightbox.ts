import { humanDate } from "./local-time.js";
import { panZoom } from "./pan-zoom.js";
import { fill, pageLocale, text } from "./text.js";

/**
 * The gallery's lightbox: a tile's picture at full resolution with its facts, moved through by
 * the previous and next buttons, the arrow keys or a swipe; the picture zooms and pans
 * (pan-zoom.ts); Copy prompt puts the prompt on the clipboard, Remix opens the create bar with it.
 */
export function lightbox() {
  const dialog = document.querySelector<HTMLDialogElement>("dialog.lightbox");
  const stage = dialog?.querySelector<HTMLElement>(".stage");
  const found = stage?.querySelector("img");
  if (!dialog || !stage || !found) return;
  const img: HTMLImageElement = found;
  const $ = <T extends Element>(selector: string) => dialog.querySelector<T>(selector);
  const facts = $<HTMLDListElement>("dl");
  const openJob = $<HTMLAnchorElement>("a.job");
  const download = $<HTMLAnchorElement>("a.download");
  const remix = $<HTMLAnchorElement>("a.remix");
  const copy = $<HTMLButtonElement>("button.copy");
  const zoom = $<HTMLButtonElement>("button.zoom");
  const previous = $<HTMLButtonElement>("button.prev");
  const next = $<HTMLButtonElement>("button.next");
  const said = $<HTMLElement>(".said");
  let current: HTMLAnchorElement | null = null;
  /** What had the focus when the lightbox opened: where the browser puts it back on close. */
  let opener: Element | null = null;

  const tiles = () => [...document.querySelectorAll<HTMLAnchorElement>("a[data-lightbox]")];
  const neighbour = (step: 1 | -1) => {
    const all = tiles();
    return current ? all[all.indexOf(current) + step] : undefined;
  };
  const move = (step: 1 | -1) => {
    const to = neighbour(step);
    if (to) show(to);
  };

  const view = panZoom(stage, img, {
    onSwipe: (direction) => move(direction === "next" ? 1 : -1),
    onChange(scale, zoomed) {
      if (!zoom) return;
      zoom.setAttribute("aria-pressed", String(zoomed));
      zoom.textContent = zoomed ? text().fit : text().fullSize;
      zoom.title = fill(text().shownAt, { percent: new Intl.NumberFormat(pageLocale(), { style: "percent" }).format(scale) });
    },
  });

  /** A LoRA by the name its tile gives it (its trigger word), else the gallery's LoRA filter's, else its id. */
  const loraName = (d: DOMStringMap, jobId: string) =>
    d.loraName ||
    (document.querySelector<HTMLOptionElement>(`select[name="lora"] option[value="${CSS.escape(jobId)}"]`)?.textContent ?? jobId);

  function show(link: HTMLAnchorElement) {
    current = link;
    const d = link.dataset;
    // Before opening: showModal focuses the first enabled control, which a later disabling would drop to the page's body.
    if (previous) previous.disabled = !neighbour(-1);
    if (next) next.disabled = !neighbour(1);
    // Open next: the stage has its size only once shown, and the picture is fitted to it.
    if (!dialog?.open) {
      opener = document.activeElement;
      dialog?.showModal();
    }
    if (said) said.textContent = "";
    img.alt = link.querySelector("img")?.alt ?? "";
    if (img.getAttribute("src") !== d.full) img.src = d.full ?? "";
    else view.fitToStage();
    if (facts) {
      facts.replaceChildren();
      const names = text().facts;
      for (const [name, value] of [
        [names.prompt, d.prompt],
        [names.author, d.author],
        [names.seed, d.seed],
        [names.size, d.size],
        [names.model, d.model],
        [names.lora, d.lora ? loraName(d, d.lora) : ""],
        [names.cost, d.cost],
        [names.created, d.created ? humanDate(d.created, pageLocale()) : ""],
      ] as const) {
        if (!value) continue;
        const dt = document.createElement("dt");
        dt.textContent = name;
        const dd = document.createElement("dd");
        dd.textContent = value;
        if (name === names.created && d.created) {
          const time = document.createElement("time");
          time.dateTime = d.created;
          time.textContent = value;
          dd.replaceChildren(time);
        }
        facts.append(dt, dd);
      }
    }
    const jobId = link.closest<HTMLElement>("[data-job-id]")?.dataset.jobId ?? "";
    if (openJob) openJob.href = link.getAttribute("href") ?? "/app";
    if (download) download.href = d.download ?? "";
    if (remix) remix.href = `/app?remix=${encodeURIComponent(jobId)}`;
    if (copy) copy.disabled = !d.prompt;
    // Moving onto the last picture disables Next under the focus: the focus goes on to Previous, inside the lightbox.
    if (document.activeElement === document.body || (document.activeElement as HTMLButtonElement | null)?.disabled) {
      [next, previous, $<HTMLButtonElement>("button.close")].find((b) => b && !b.disabled)?.focus();
    }
  }

  document.addEventListener("click", (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>("a[data-lightbox]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    show(link);
  });
  previous?.addEventListener("click", () => move(-1));
  next?.addEventListener("click", () => move(1));
  zoom?.addEventListener("click", () => view.toggle());
  copy?.addEventListener("click", async () => {
    const prompt = current?.dataset.prompt ?? "";
    try {
      await navigator.clipboard.writeText(prompt);
      if (said) said.textContent = text().promptCopied;
    } catch {
      if (said) said.textContent = text().copyRefused;
    }
  });
  // Arrow keys move through the grid while the lightbox is open.
  document.addEventListener("keydown", (event) => {
    if (!dialog.open || !current || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) return;
    event.preventDefault();
    move(event.key === "ArrowRight" ? 1 : -1);
  });
  // Back on the picture it showed last (arrows may have moved on from the one it opened on), unless
  // the focus has already left where the browser put it back: "close" comes a task after the dialog
  // closed, and by then a quick Shift+Tab may have moved on.
  dialog.addEventListener("close", () => {
    const at = document.activeElement;
    if (!at || at === document.body || at === opener || dialog.contains(at)) current?.focus();
  });
}
