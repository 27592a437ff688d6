import { TRPCClientError } from "@trpc/client";
import { CommandInputError } from "../../shared/chat/input-error.js";
import type { CreateJobInputRaw } from "../../shared/jobs/input.js";
import { readSize } from "../../shared/jobs/typed-choices.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { api } from "./api.js";
import { followTile, placeTiles } from "./live-tiles.js";
import { uploadFile } from "./upload-file.js";
import { fill, text } from "./text.js";

/**
 * The create bar on the gallery: sends a generation to jobs.create as typed, shows each of the
 * API's refusals beside its field, puts the new job's tile at the top of the grid and follows it
 * live. ?remix=<jobId> fills the bar from a job; ?reference=<jobId>:<n> adds a picture of ours.
 */

type Role = "style" | "subject" | "composition";
type Reference = ({ source: { jobId: string; image: number } } | { uploadKey: string }) & { role: Role; label: string };

/** The API's field (the first part of an issue's path) and the bar's field that shows its refusal. */
const fieldOfIssue: Record<string, string> = {
  prompt: "prompt",
  imageSize: "size",
  width: "size",
  height: "size",
  aspectRatio: "size",
  model: "model",
  count: "count",
  seed: "seed",
  // The LoRA is picked from a list of the workspace's own: what can be wrong is its strength.
  lora: "loraScale",
  references: "references",
};

export function createBar() {
  const form = document.querySelector<HTMLFormElement>("form[data-create-bar]");
  if (!form) return;
  const submit = form.querySelector<HTMLButtonElement>("[data-create-submit]");
  const formError = form.querySelector<HTMLElement>("[data-form-error]");
  const list = form.querySelector<HTMLUListElement>("[data-references]");
  const template = form.querySelector<HTMLTemplateElement>("template[data-reference-template]");
  const references: Reference[] = [];
  let idempotencyKey = crypto.randomUUID();
  if (submit) submit.disabled = false;

  const control = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  const value = (name: string) => control(name)?.value.trim() ?? "";

  function showErrors(byField: Record<string, string[]>, rest: string) {
    for (const slot of form?.querySelectorAll<HTMLElement>(".field-error") ?? []) slot.textContent = "";
    for (const c of form?.querySelectorAll("[aria-invalid]") ?? []) c.removeAttribute("aria-invalid");
    let first: HTMLElement | null = null;
    for (const [field, messages] of Object.entries(byField)) {
      const slot = form?.querySelector<HTMLElement>(`#create-${field}-error`);
      if (slot) slot.textContent = messages.join("; ");
      const input = control(field);
      input?.setAttribute("aria-invalid", "true");
      first ??= input ?? null;
    }
    if (formError) formError.textContent = rest;
    // A refused option on a phone sits in the closed options: open them so the focus can reach it.
    const closed = first?.closest<HTMLDetailsElement>("details:not([open])");
    if (closed) closed.open = true;
    first?.focus();
  }

  function renderReferences() {
    if (!list || !template) return;
    list.replaceChildren();
    references.forEach((ref, i) => {
      const item = (template.content.firstElementChild?.cloneNode(true) as HTMLLIElement | undefined) ?? document.createElement("li");
      const img = item.querySelector("img");
      if (img && "source" in ref) {
        img.src = `/app/thumbnails/${ref.source.jobId}/${ref.source.image}`;
        img.alt = ref.label;
      } else img?.replaceWith(Object.assign(document.createElement("span"), { className: "name", textContent: ref.label }));
      const role = item.querySelector("select");
      if (role) {
        role.value = ref.role;
        role.setAttribute("aria-label", fill(text().roleOf, { name: ref.label }));
        role.addEventListener("change", () => {
          ref.role = role.value as Role;
        });
      }
      const remove = item.querySelector<HTMLButtonElement>("[data-remove-reference]");
      if (remove) {
        remove.setAttribute("aria-label", fill(text().removeReference, { name: ref.label }));
        remove.addEventListener("click", () => {
          references.splice(i, 1);
          renderReferences();
          control("prompt")?.focus();
        });
      }
      list.append(item);
    });
  }

  function addReference(ref: Reference) {
    references.push(ref);
    renderReferences();
  }

  /** A dropped, pasted or chosen picture: uploaded first, then kept as a reference by its uploadKey. */
  async function addFile(file: File) {
    const status = form?.querySelector<HTMLElement>("#create-references-error");
    const progress = document.createElement("progress");
    progress.max = file.size;
    progress.setAttribute("aria-label", fill(text().uploading, { name: file.name }));
    list?.after(progress);
    try {
      const { uploadKey } = await uploadFile(file, (sent) => {
        progress.value = sent;
      });
      addReference({ uploadKey, role: "style", label: file.name });
      if (status) status.textContent = "";
    } catch (err) {
      if (status) status.textContent = `${file.name}: ${(err as Error).message}`;
    } finally {
      progress.remove();
    }
  }

  function input(): CreateJobInputRaw | undefined {
    const fields: Record<string, unknown> = { type: "image-generation", prompt: value("prompt"), idempotencyKey };
    const size = value("size");
    // A generation with references takes its shape as a ratio (FLUX Kontext's and Redux's aspect_ratio).
    if (size && references.length > 0 && /^\d+\s*:\s*\d+$/.test(size)) fields.aspectRatio = size.replace(/\s/g, "");
    else if (size) {
      try {
        Object.assign(fields, readSize(size));
      } catch (err) {
        if (!(err instanceof CommandInputError)) throw err;
        showErrors({ size: [err.message] }, "");
        return undefined;
      }
    }
    if (value("model")) fields.model = value("model");
    // Numbers as typed: a count of 9 or a strength of 3 is the API's to refuse, in its words.
    if (value("count")) fields.count = Number(value("count"));
    if (value("seed")) fields.seed = value("seed");
    if (value("lora")) fields.lora = { jobId: value("lora"), scale: value("loraScale") ? Number(value("loraScale")) : undefined };
    if (references.length > 0) fields.references = references.map(({ label: _label, ...ref }) => ref);
    return fields as CreateJobInputRaw;
  }

  // Ctrl+Enter (⌘+Enter) in the prompt sends it, as in the chat apps; Enter alone is a new line.
  control("prompt")?.addEventListener("keydown", (event) => {
    if (event instanceof KeyboardEvent && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const asked = input();
    if (!asked || !submit) return;
    submit.disabled = true;
    try {
      const { jobId } = await api.jobs.create.mutate(asked);
      idempotencyKey = crypto.randomUUID();
      showErrors({}, "");
      await placeTiles(jobId);
      followTile(jobId);
    } catch (err) {
      if (!(err instanceof TRPCClientError)) throw err;
      const data = err.data as { fieldErrors?: Record<string, string[]> } | undefined;
      const byField: Record<string, string[]> = {};
      const rest: string[] = [];
      for (const [name, messages] of Object.entries(data?.fieldErrors ?? {})) {
        const field = fieldOfIssue[name];
        if (field) byField[field] = [...(byField[field] ?? []), ...messages];
        else rest.push(`${name}: ${messages.join("; ")}`);
      }
      // The API's own words, in English as it wrote them, inside a sentence of the page's language.
      const refusal = Object.keys(byField).length === 0 && rest.length === 0 ? err.message : rest.join("; ");
      showErrors(byField, refusal ? fill(text().apiRefused, { message: refusal }) : "");
    } finally {
      submit.disabled = false;
    }
  });

  // Pictures as references: dropped on the bar, pasted anywhere on the page, or chosen.
  const drop = form.querySelector<HTMLElement>("[data-reference-drop]");
  form.addEventListener("dragover", (event) => {
    if (!event.dataTransfer?.types.includes("Files")) return;
    event.preventDefault();
    drop?.classList.add("dragging");
  });
  form.addEventListener("dragleave", () => drop?.classList.remove("dragging"));
  form.addEventListener("drop", (event) => {
    const files = [...(event.dataTransfer?.files ?? [])].filter((f) => f.type.startsWith("image/"));
    if (files.length === 0) return;
    event.preventDefault();
    drop?.classList.remove("dragging");
    for (const file of files) void addFile(file);
  });
  document.addEventListener("paste", (event) => {
    const files = [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith("image/"));
    if (files.length === 0) return;
    event.preventDefault();
    for (const file of files) void addFile(file);
  });
  const picker = form.querySelector<HTMLInputElement>("[data-reference-file]");
  picker?.addEventListener("change", () => {
    for (const file of picker.files ?? []) void addFile(file);
    picker.value = "";
  });

  function prefill(job: PublicJob) {
    const set = (name: string, v: unknown) => {
      const c = control(name);
      if (c && v !== undefined && v !== null) c.value = String(v);
    };
    const i = job.input;
    set("prompt", typeof i.prompt === "string" ? i.prompt : (job.parent?.prompt ?? ""));
    set("size", i.imageSize ?? i.aspectRatio ?? (i.width && i.height ? `${i.width}x${i.height}` : ""));
    set("model", i.model ?? "");
    set("count", i.count ?? 1);
    set("seed", i.seed ?? "");
    const lora = i.lora as { jobId?: string; scale?: number } | undefined;
    const loraSelect = control("lora");
    if (lora?.jobId && loraSelect instanceof HTMLSelectElement) {
      // A LoRA the list does not hold (another member's, kept private) is still the job's.
      if (![...loraSelect.options].some((o) => o.value === lora.jobId)) loraSelect.add(new Option(lora.jobId, lora.jobId));
      loraSelect.value = lora.jobId;
      set("loraScale", lora.scale ?? 1);
    }
    references.length = 0;
    for (const ref of (i.references as Array<{ source?: { jobId: string; image: number }; role: Role }> | undefined) ?? []) {
      if (ref.source) addReference({ source: ref.source, role: ref.role, label: `picture ${ref.source.image} of ${ref.source.jobId}` });
    }
    renderReferences();
    control("prompt")?.focus();
  }

  const params = new URLSearchParams(location.search);
  const remix = params.get("remix");
  if (remix) {
    api.jobs.get
      .query({ jobId: remix })
      .then(prefill)
      .catch((err: Error) => showErrors({}, fill(text().remixFailed, { message: err.message })));
  }
  const picked = /^([^:]{1,64}):([1-4])$/.exec(params.get("reference") ?? "");
  if (picked?.[1] && picked[2]) pickReference(picked[1], Number(picked[2]));

  function pickReference(jobId: string, image: number) {
    addReference({ source: { jobId, image }, role: "style", label: `picture ${image} of ${jobId}` });
  }

  lightboxActions(pickReference, (jobId) => api.jobs.get.query({ jobId }).then(prefill));
}

/**
 * The lightbox's Use as reference (added here, as it fills the bar) and its Remix link, which on
 * this page fills the bar in place instead of loading /app?remix= again. The picture shown is
 * read from the lightbox itself (its picture's /app/images path).
 */
function lightboxActions(useAsReference: (jobId: string, image: number) => void, remix: (jobId: string) => Promise<void>) {
  const dialog = document.querySelector<HTMLDialogElement>("dialog.lightbox");
  const actions = dialog?.querySelector(".actions");
  if (!dialog || !actions) return;
  const shown = () => {
    const match = /\/app\/images\/([^/]+)\/(\d+)/.exec(dialog.querySelector("img")?.getAttribute("src") ?? "");
    return match?.[1] ? { jobId: match[1], image: Number(match[2]) } : undefined;
  };
  const act = (run: (p: { jobId: string; image: number }) => void) => {
    const picture = shown();
    if (!picture) return false;
    // After the lightbox's own close handler, which returns focus to the tile.
    dialog.addEventListener("close", () => document.querySelector<HTMLElement>("#create-prompt")?.focus(), { once: true });
    dialog.close();
    run(picture);
    return true;
  };
  dialog.querySelector<HTMLAnchorElement>("a.remix")?.addEventListener("click", (event) => {
    if (act((p) => void remix(p.jobId))) event.preventDefault();
  });
  const reference = Object.assign(document.createElement("button"), { type: "button", textContent: text().useAsReference });
  reference.addEventListener("click", () => act((p) => useAsReference(p.jobId, p.image)));
  actions.append(" ", reference);
}
