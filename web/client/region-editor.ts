import { api } from "./api.js";
import { type Mark, type Point, regionOf } from "./region-polygons.js";
import { text } from "./text.js";

/**
 * Vary Region: the canvas holds the picture's own pixels (it is only shown scaled), so a pointer's
 * place is turned into the picture's pixels once, as it is drawn; the marks are kept as drawn
 * (each stroke or lasso one step to undo) and turned into polygons when sent.
 */
export function regionEditor() {
  const root = document.querySelector<HTMLElement>("[data-region-editor]");
  const canvas = root?.querySelector<HTMLCanvasElement>("canvas[data-mask]");
  const form = root?.querySelector<HTMLFormElement>("form[data-region-form]");
  const ctx = canvas?.getContext("2d");
  if (!root || !canvas || !form || !ctx) return;
  const size = { width: Number(root.dataset.width), height: Number(root.dataset.height) };
  const limits = { maxShapes: Number(root.dataset.maxShapes), maxPoints: Number(root.dataset.maxPoints) };
  const button = (selector: string) => root.querySelector<HTMLButtonElement>(selector);
  const undo = button("[data-undo]");
  const clear = button("[data-clear]");
  const submit = form.querySelector<HTMLButtonElement>("button[type=submit]");
  const error = form.querySelector<HTMLElement>("[data-error]");
  const brushSize = root.querySelector<HTMLInputElement>("input[data-brush-size]");
  let tool: "brush" | "lasso" = "brush";
  const marks: Mark[] = [];
  let current: Mark | null = null;

  /** Picture pixels per pixel on screen, as the canvas is shown now. */
  const scale = () => size.width / (canvas.getBoundingClientRect().width || size.width);
  const toPicture = (event: PointerEvent): Point => {
    const box = canvas.getBoundingClientRect();
    const x = ((event.clientX - box.left) * size.width) / box.width;
    const y = ((event.clientY - box.top) * size.height) / box.height;
    return [Math.min(size.width, Math.max(0, x)), Math.min(size.height, Math.max(0, y))];
  };

  const draw = () => {
    ctx.clearRect(0, 0, size.width, size.height);
    ctx.fillStyle = ctx.strokeStyle = "#ff2d6f";
    for (const mark of current ? [...marks, current] : marks) {
      const [first, ...rest] = mark.points;
      if (!first) continue;
      ctx.beginPath();
      if (mark.kind === "brush") {
        ctx.lineWidth = mark.radius * 2;
        ctx.lineCap = ctx.lineJoin = "round";
        ctx.moveTo(...first);
        for (const p of rest.length > 0 ? rest : [first]) ctx.lineTo(...p);
        ctx.stroke();
      } else {
        ctx.moveTo(...first);
        for (const p of rest) ctx.lineTo(...p);
        ctx.closePath();
        ctx.fill("evenodd");
        if (mark === current) {
          ctx.lineWidth = 2 * scale();
          ctx.stroke();
        }
      }
    }
    if (undo) undo.disabled = marks.length === 0;
    if (clear) clear.disabled = marks.length === 0;
    if (submit) submit.disabled = marks.length === 0;
  };

  for (const choice of root.querySelectorAll<HTMLButtonElement>("[data-tool]")) {
    choice.addEventListener("click", () => {
      tool = choice.dataset.tool === "lasso" ? "lasso" : "brush";
      for (const other of root.querySelectorAll<HTMLButtonElement>("[data-tool]"))
        other.setAttribute("aria-pressed", String(other === choice));
    });
  }
  undo?.addEventListener("click", () => {
    marks.pop();
    draw();
  });
  clear?.addEventListener("click", () => {
    marks.length = 0;
    draw();
  });

  canvas.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    const at = toPicture(event);
    // The brush's size is chosen on screen: the same stroke on a phone and a desktop.
    current =
      tool === "brush"
        ? { kind: "brush", radius: (Number(brushSize?.value ?? 48) / 2) * scale(), points: [at] }
        : { kind: "lasso", points: [at] };
    draw();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!current) return;
    const last = current.points.at(-1) as Point;
    for (const e of event.getCoalescedEvents?.() ?? [event]) {
      const at = toPicture(e);
      // A point every two screen pixels is as fine as a finger or a mouse draws.
      if (Math.hypot(at[0] - last[0], at[1] - last[1]) >= 2 * scale()) current.points.push(at);
    }
    draw();
  });
  const finish = () => {
    if (current && (current.kind === "brush" || current.points.length >= 3)) marks.push(current);
    current = null;
    draw();
  };
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const region = regionOf(marks, size, limits, text());
    const show = (message: string) => {
      if (!error) return;
      error.textContent = message;
      error.hidden = false;
    };
    if ("refusal" in region) return show(region.refusal);
    const prompt = new FormData(form).get("prompt");
    if (submit) submit.disabled = true;
    try {
      const made = await api.jobs.create.mutate({
        type: "image-generation",
        operation: "vary-region",
        source: { jobId: root.dataset.jobId ?? "", image: Number(root.dataset.image) },
        region,
        prompt: typeof prompt === "string" ? prompt : "",
        visibility: root.dataset.visibility === "private" ? "private" : "workspace",
        idempotencyKey: crypto.randomUUID(),
      });
      location.assign(`/app/jobs/${made.jobId}`);
    } catch (err) {
      show((err as Error).message);
      if (submit) submit.disabled = false;
    }
  });
  draw();
}
