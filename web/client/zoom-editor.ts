import { fill, pageLocale, text } from "./text.js";

/**
 * Zoom Out and Pan: as the choices change, the preview draws the frame the job will have, the
 * picture where it stays (one to one, at the centre or on the far side) and the new part as a
 * checkerboard. The form posts itself; only the choices of the chosen mode are sent.
 */

/** The grown frame's longest side (shared/media/outpaint.ts MAX_FRAME_SIDE): past it, frame and picture shrink together. */
const MAX_FRAME_SIDE = 2048;

interface Layout {
  frame: { width: number; height: number };
  place: { left: number; top: number; width: number; height: number };
}

/** The frame and the picture's place on it, as the worker lays them out (shared/media/outpaint.ts). */
function layoutOf(w: number, h: number, data: FormData): Layout {
  let fw = w;
  let fh = h;
  let left = 0;
  let top = 0;
  if (data.get("action") === "pan") {
    const direction = String(data.get("direction") ?? "left");
    const amount = Number(data.get("amount") ?? 0.5);
    const sideways = direction === "left" || direction === "right";
    const grow = sideways ? w * amount : h * amount;
    if (sideways) fw += grow;
    else fh += grow;
    left = direction === "left" ? grow : 0;
    top = direction === "up" ? grow : 0;
  } else {
    const factor = Math.min(2, Math.max(1, Number(data.get("factor") ?? 2) || 1));
    fw = w * factor;
    fh = h * factor;
    const [rw, rh] = String(data.get("aspectRatio") ?? "")
      .split(":")
      .map(Number);
    if (rw && rh) {
      if (fw / fh < rw / rh) fw = (fh * rw) / rh;
      else fh = (fw * rh) / rw;
    }
    left = (fw - w) / 2;
    top = (fh - h) / 2;
  }
  const s = Math.min(1, MAX_FRAME_SIDE / Math.max(fw, fh));
  const frame = { width: Math.round(fw * s), height: Math.round(fh * s) };
  return { frame, place: { left: Math.round(left * s), top: Math.round(top * s), width: Math.round(w * s), height: Math.round(h * s) } };
}

function checkerboard(ctx: CanvasRenderingContext2D, width: number, height: number) {
  const square = 12;
  for (let y = 0; y < height; y += square)
    for (let x = 0; x < width; x += square) {
      ctx.fillStyle = (x / square + y / square) % 2 === 0 ? "#8a8f99" : "#c9ccd2";
      ctx.fillRect(x, y, square, square);
    }
}

export function zoomEditor() {
  const form = document.querySelector<HTMLFormElement>("form[data-zoom-editor]");
  const canvas = form?.querySelector<HTMLCanvasElement>("canvas[data-preview]");
  const ctx = canvas?.getContext("2d");
  const source = form?.querySelector<HTMLImageElement>("img[data-source]");
  if (!form || !canvas || !ctx || !source) return;
  const w = Number(form.dataset.width);
  const h = Number(form.dataset.height);
  const caption = form.querySelector<HTMLElement>("[data-frame-size]");
  const submit = form.querySelector<HTMLButtonElement>("button[type=submit]");
  const factor = form.querySelector<HTMLInputElement>("input[data-factor]");

  const update = () => {
    const data = new FormData(form);
    const mode = data.get("action") === "pan" ? "pan" : "zoom-out";
    // The other mode's choices are hidden and not sent.
    for (const set of form.querySelectorAll<HTMLFieldSetElement>("fieldset[data-for]")) {
      set.hidden = set.dataset.for !== mode;
      set.disabled = set.dataset.for !== mode;
    }
    const { frame, place } = layoutOf(w, h, data);
    const shown = Math.min(1, (form.clientWidth || 720) / frame.width, 520 / frame.height);
    canvas.width = Math.max(1, Math.round(frame.width * shown));
    canvas.height = Math.max(1, Math.round(frame.height * shown));
    checkerboard(ctx, canvas.width, canvas.height);
    const at = [place.left * shown, place.top * shown, place.width * shown, place.height * shown] as const;
    if (source.complete && source.naturalWidth > 0) ctx.drawImage(source, ...at);
    ctx.strokeStyle = "#7cc4ff";
    ctx.lineWidth = 2;
    ctx.strokeRect(...at);
    canvas.dataset.frame = `${frame.width}x${frame.height}`;
    canvas.dataset.place = `${place.left},${place.top},${place.width},${place.height}`;
    const words = text();
    const direction = String(data.get("direction"));
    const how =
      mode === "pan"
        ? (words.pans[direction as keyof typeof words.pans] ?? direction)
        : fill(words.zoomCaption, { factor: new Intl.NumberFormat(pageLocale()).format(Number(data.get("factor"))) });
    if (caption) caption.textContent = fill(words.frameCaption, { how, width: frame.width, height: frame.height });
    if (submit) submit.textContent = how;
  };

  for (const preset of form.querySelectorAll<HTMLButtonElement>("[data-set-factor]")) {
    preset.addEventListener("click", () => {
      if (factor) factor.value = preset.dataset.setFactor ?? "2";
      update();
    });
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  source.addEventListener("load", update);
  window.addEventListener("resize", update);
  update();
}
