/**
 * A picture on a stage that fits it, zooms to its full resolution and pans: a click (or a tap)
 * toggles between the fitted picture and one picture pixel per CSS pixel at that point, the wheel
 * and a pinch zoom around the pointer, and a drag pans a zoomed picture. A drag across an unzoomed
 * picture is a swipe, handed to `onSwipe`. The image is placed with a CSS transform through the
 * CSSOM, which the page's CSP (style-src 'self') allows.
 */
export interface PanZoom {
  /** Back to the fitted picture (a new picture, a resized window). */
  fitToStage(): void;
  /** Full resolution around the stage's centre, or back to fitted. */
  toggle(): void;
  readonly zoomed: boolean;
}

/** How far past the full resolution the wheel and a pinch may go. */
const MAX_OVER_FULL = 4;
/** A pointer that moved less than this was a click or a tap, not a drag. */
const CLICK_SLOP = 6;
/** A swipe is at least this far across, and more across than down. */
const SWIPE_MIN = 50;

export function panZoom(
  stage: HTMLElement,
  img: HTMLImageElement,
  opts: { onSwipe(direction: "next" | "previous"): void; onChange(scale: number, zoomed: boolean): void },
): PanZoom {
  let scale = 1;
  let tx = 0;
  let ty = 0;
  let fitted = 1;
  const pointers = new Map<number, { x: number; y: number }>();
  let gesture: { x: number; y: number; moved: number; pinch: number | null } | null = null;

  const natural = () => ({ w: img.naturalWidth || 1, h: img.naturalHeight || 1 });
  const box = () => stage.getBoundingClientRect();
  const isZoomed = () => scale > fitted * 1.01;

  /** Keeps the picture on the stage: centred along a side it does not fill, edge to edge along one it overfills. */
  function place() {
    const { w, h } = natural();
    const b = box();
    const sw = w * scale;
    const sh = h * scale;
    tx = sw <= b.width ? (b.width - sw) / 2 : Math.min(0, Math.max(b.width - sw, tx));
    ty = sh <= b.height ? (b.height - sh) / 2 : Math.min(0, Math.max(b.height - sh, ty));
    img.style.width = `${w}px`;
    img.style.height = `${h}px`;
    img.style.transform = `translate(${tx}px, ${ty}px) scale(${scale})`;
    stage.dataset.scale = String(Math.round(scale * 1000) / 1000);
    stage.classList.toggle("zoomed", isZoomed());
    opts.onChange(scale, isZoomed());
  }

  /** Zooms to `next` keeping the picture's point under (x, y) of the stage where it is. */
  function zoomAt(next: number, x: number, y: number) {
    const bounded = Math.min(Math.max(fitted, 1) * MAX_OVER_FULL, Math.max(fitted, next));
    const px = (x - tx) / scale;
    const py = (y - ty) / scale;
    scale = bounded;
    tx = x - px * scale;
    ty = y - py * scale;
    place();
  }

  function fitToStage() {
    const { w, h } = natural();
    const b = box();
    // A small picture is shown at its own size, not blown up.
    fitted = Math.min(1, b.width / w, b.height / h);
    scale = fitted;
    place();
  }

  /** Full resolution at a point, or back to fitted; a picture that already fits at full size doubles. */
  function toggleAt(x: number, y: number) {
    if (isZoomed()) fitToStage();
    else zoomAt(fitted < 1 ? 1 : fitted * 2, x, y);
  }

  const local = (e: PointerEvent | WheelEvent) => {
    const b = box();
    return { x: e.clientX - b.left, y: e.clientY - b.top };
  };

  stage.addEventListener("pointerdown", (e) => {
    if ((e.target as Element).closest("button")) return;
    stage.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, local(e));
    const [a, b] = [...pointers.values()];
    gesture = {
      x: local(e).x,
      y: local(e).y,
      moved: 0,
      pinch: a && b ? Math.hypot(a.x - b.x, a.y - b.y) : null,
    };
  });
  stage.addEventListener("pointermove", (e) => {
    const before = pointers.get(e.pointerId);
    if (!before || !gesture) return;
    const now = local(e);
    pointers.set(e.pointerId, now);
    gesture.moved = Math.max(gesture.moved, Math.hypot(now.x - gesture.x, now.y - gesture.y));
    const [a, b] = [...pointers.values()];
    if (a && b) {
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      if (gesture.pinch) zoomAt(scale * (distance / gesture.pinch), (a.x + b.x) / 2, (a.y + b.y) / 2);
      gesture.pinch = distance;
      gesture.moved = Number.POSITIVE_INFINITY;
    } else if (isZoomed()) {
      tx += now.x - before.x;
      ty += now.y - before.y;
      place();
    }
  });
  const end = (e: PointerEvent) => {
    if (!pointers.has(e.pointerId) || !gesture) return;
    pointers.delete(e.pointerId);
    if (pointers.size > 0) return;
    const done = gesture;
    gesture = null;
    if (e.type === "pointercancel") return;
    const at = local(e);
    const dx = at.x - done.x;
    const dy = at.y - done.y;
    if (done.moved < CLICK_SLOP) toggleAt(at.x, at.y);
    else if (!isZoomed() && done.pinch === null && Math.abs(dx) >= SWIPE_MIN && Math.abs(dx) > Math.abs(dy) * 1.5)
      opts.onSwipe(dx < 0 ? "next" : "previous");
  };
  stage.addEventListener("pointerup", end);
  stage.addEventListener("pointercancel", end);
  stage.addEventListener(
    "wheel",
    (e) => {
      e.preventDefault();
      const at = local(e);
      zoomAt(scale * Math.exp(-e.deltaY * 0.0015), at.x, at.y);
    },
    { passive: false },
  );
  img.addEventListener("load", fitToStage);
  addEventListener("resize", () => {
    if (!isZoomed()) fitToStage();
    else place();
  });

  return {
    fitToStage,
    toggle() {
      const b = box();
      toggleAt(b.width / 2, b.height / 2);
    },
    get zoomed() {
      return isZoomed();
    },
  };
}
