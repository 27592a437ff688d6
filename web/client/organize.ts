import { api } from "./api.js";
import { fill, text } from "./text.js";

/**
 * Favourites and the selection, on top of forms that work alone: a star toggles in place through
 * the API instead of reloading the page, and the selection bar counts the ticked pictures and
 * ticks a range on shift-click (or shift-Space), as file managers do.
 */
export function organize() {
  document.addEventListener("submit", async (event) => {
    const form = event.target as HTMLFormElement;
    if (!form.matches("form.fav")) return;
    event.preventDefault();
    const button = form.querySelector("button");
    const wanted = form.querySelector<HTMLInputElement>('input[name="favourite"]');
    const [jobId = "", picture = "1"] = (form.querySelector<HTMLInputElement>('input[name="p"]')?.value ?? "").split("/");
    if (!button || !wanted || button.getAttribute("aria-disabled") === "true") return;
    // aria-disabled, not disabled: a disabled button loses the keyboard's focus, which would land on the page's start.
    button.setAttribute("aria-disabled", "true");
    try {
      const on = wanted.value === "1";
      if (on) await api.favourites.add.mutate({ jobId, picture: Number(picture) });
      else await api.favourites.remove.mutate({ jobId, picture: Number(picture) });
      button.setAttribute("aria-pressed", String(on));
      button.textContent = on ? "★" : "☆";
      wanted.value = on ? "0" : "1";
    } catch (err) {
      button.title = fill(text().couldNotChange, { message: (err as Error).message });
    } finally {
      button.removeAttribute("aria-disabled");
    }
  });

  const bar = document.querySelector<HTMLFormElement>("form#selection");
  if (!bar) return;
  // A destructive button asks first.
  bar.addEventListener("submit", (event) => {
    const asking = (event.submitter as HTMLButtonElement | null)?.dataset.confirm;
    if (asking && !confirm(asking)) event.preventDefault();
  });
  const count = bar.querySelector("output.count");
  const boxes = () => [...document.querySelectorAll<HTMLInputElement>('input.pick[form="selection"]')];
  const update = () => {
    const n = boxes().filter((b) => b.checked).length;
    if (count) count.textContent = n === 0 ? text().tickPictures : n === 1 ? text().oneSelected : fill(text().manySelected, { n });
  };
  let last: HTMLInputElement | null = null;
  document.addEventListener("click", (event) => {
    const box = event.target as HTMLInputElement;
    if (!box.matches?.('input.pick[form="selection"]')) return;
    const all = boxes();
    if (event.shiftKey && last && last !== box && all.includes(last)) {
      const [from, to] = [all.indexOf(last), all.indexOf(box)].sort((a, b) => a - b);
      for (const b of all.slice(from, (to ?? 0) + 1)) b.checked = box.checked;
    }
    last = box;
    update();
  });
  document.addEventListener("change", update);
  update();
}
