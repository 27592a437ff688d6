import { TRPCClientError } from "@trpc/client";
import type { CreateJobInputRaw } from "../../shared/jobs/input.js";
import { api } from "./api.js";
import { followTile, placeTiles } from "./live-tiles.js";
import { transcriptionInput } from "./transcription-input.js";
import { contentTypeOf, uploadFile } from "./upload-file.js";
import { fill, pageLocale, text } from "./text.js";

/**
 * The forms that start work from files (a transcription, a LoRA training): the files dropped or
 * chosen are uploaded one after another with one progress bar for their bytes, then jobs.create
 * is asked; its refusals are shown beside their fields. A file already uploaded is not sent
 * again when the form is sent again (a corrected trigger word, say).
 */

type Kind = "transcription" | "lora-training";

/** The API's fields (the first part of an issue's path) that are the form's files. */
const fileFields = new Set(["uploadKey", "audioUrl", "imagesZipKey", "imageKeys", "videoKey"]);

const megabytes = (n: number) =>
  `${new Intl.NumberFormat(pageLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n / 1024 / 1024)} MB`;

export function uploadJobForms() {
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-upload-job]")) {
    const kind = form.dataset.uploadJob;
    if (kind === "transcription" || kind === "lora-training") uploadJobForm(form, kind);
  }
}

function uploadJobForm(form: HTMLFormElement, kind: Kind) {
  const picker = form.querySelector<HTMLInputElement>('input[type="file"]');
  const chosen = form.querySelector<HTMLUListElement>("[data-chosen]");
  const progress = form.querySelector<HTMLProgressElement>("[data-progress]");
  const progressText = form.querySelector<HTMLElement>("[data-progress-text]");
  const submit = form.querySelector<HTMLButtonElement>("[data-upload-submit]");
  const formError = form.querySelector<HTMLElement>("[data-form-error]");
  const uploaded = new WeakMap<File, string>();
  let files: File[] = [];
  if (submit) submit.disabled = false;

  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value.trim() ?? "";

  function showErrors(byField: Record<string, string>, rest: string) {
    for (const slot of form.querySelectorAll<HTMLElement>("[data-error-for]"))
      slot.textContent = byField[slot.dataset.errorFor ?? ""] ?? "";
    for (const c of form.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
    let first: HTMLElement | null = null;
    for (const field of Object.keys(byField)) {
      const control = (form.elements.namedItem(field) as HTMLElement | null) ?? null;
      control?.setAttribute("aria-invalid", "true");
      first ??= control;
    }
    if (formError) formError.textContent = rest;
    first?.focus();
  }

  function choose(list: File[]) {
    files = list;
    chosen?.replaceChildren(
      ...files.map((f) => Object.assign(document.createElement("li"), { textContent: `${f.name} (${megabytes(f.size)})` })),
    );
    showErrors({}, "");
  }

  picker?.addEventListener("change", () => choose([...(picker.files ?? [])]));
  form.addEventListener("dragover", (event) => {
    if (!event.dataTransfer?.types.includes("Files")) return;
    event.preventDefault();
    form.classList.add("dragging");
  });
  form.addEventListener("dragleave", () => form.classList.remove("dragging"));
  form.addEventListener("drop", (event) => {
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    form.classList.remove("dragging");
    choose([...event.dataTransfer.files]);
  });

  /** Each file's uploadKey, uploading those not sent yet, with the bytes of all of them on one bar. */
  async function upload(): Promise<string[]> {
    const total = files.reduce((n, f) => n + f.size, 0);
    let done = files.filter((f) => uploaded.has(f)).reduce((n, f) => n + f.size, 0);
    const show = (sent: number) => {
      if (progress) {
        progress.hidden = false;
        progress.max = total;
        progress.value = sent;
      }
      if (progressText) progressText.textContent = fill(text().uploadedOf, { sent: megabytes(sent), total: megabytes(total) });
    };
    show(done);
    const keys: string[] = [];
    for (const file of files) {
      let key = uploaded.get(file);
      if (!key) {
        const before = done;
        key = (await uploadFile(file, (sent) => show(before + sent))).uploadKey;
        uploaded.set(file, key);
        done += file.size;
      }
      keys.push(key);
    }
    show(total);
    return keys;
  }

  /** The job's input for the uploaded files; a LoRA's files are one zip, one video, or pictures. */
  function input(keys: string[]): CreateJobInputRaw | string {
    if (kind === "transcription") {
      if (keys.length !== 1) return text().chooseAudio;
      return transcriptionInput(form, keys[0] ?? "");
    }
    const types = files.map(contentTypeOf);
    const files_ = types.every((t) => t.startsWith("image/"))
      ? { imageKeys: keys }
      : keys.length === 1 && /zip/.test(types[0] ?? "")
        ? { imagesZipKey: keys[0] }
        : keys.length === 1 && types[0]?.startsWith("video/")
          ? { videoKey: keys[0] }
          : undefined;
    if (!files_) return text().chooseLoraFiles;
    return {
      type: "lora-training",
      ...files_,
      triggerWord: value("triggerWord"),
      ...(value("steps") ? { steps: Number(value("steps")) } : {}),
      mode: value("mode") === "style" ? "style" : "subject",
    } as CreateJobInputRaw;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!submit) return;
    if (files.length === 0) return showErrors({ file: text().dropAFile }, "");
    submit.disabled = true;
    try {
      const keys = await upload();
      const asked = input(keys);
      if (typeof asked === "string") return showErrors({ file: asked }, "");
      const { jobId } = await api.jobs.create.mutate(asked);
      showErrors({}, "");
      if (progressText) progressText.textContent = text().uploadedQueued;
      choose([]);
      if (picker) picker.value = "";
      await placeTiles(jobId);
      followTile(jobId);
    } catch (err) {
      if (!(err instanceof TRPCClientError)) return showErrors({ file: (err as Error).message }, "");
      const byField: Record<string, string> = {};
      const rest: string[] = [];
      const fieldErrors = (err.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? {};
      for (const [name, messages] of Object.entries(fieldErrors)) {
        const field = fileFields.has(name) ? "file" : form.querySelector(`[data-error-for="${name}"]`) ? name : undefined;
        if (field) byField[field] = messages.join("; ");
        else rest.push(`${name}: ${messages.join("; ")}`);
      }
      // The API's own words, in English as it wrote them, inside a sentence of the page's language.
      const refusal = Object.keys(byField).length === 0 && rest.length === 0 ? err.message : rest.join("; ");
      showErrors(byField, refusal ? fill(text().apiRefused, { message: refusal }) : "");
    } finally {
      submit.disabled = false;
    }
  });
}
