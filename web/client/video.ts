/**
 * Clips in the grid: a tile's preview plays while the tile is hovered, focused or tapped, and
 * stops when it is left. Delegated from the document, so the tiles of later pages play too; the
 * preview loads only when first asked for.
 */
export function clipPreviews() {
  const previewOf = (target: EventTarget | null) => {
    const tile = target instanceof Element ? target.closest<HTMLElement>(".tile-video") : null;
    const video = tile?.querySelector<HTMLVideoElement>("video[data-preview]");
    return tile && video ? { tile, video } : null;
  };
  const play = (event: Event) => {
    const found = previewOf(event.target);
    if (!found) return;
    const { tile, video } = found;
    if (!video.getAttribute("src") && video.dataset.preview) video.src = video.dataset.preview;
    tile.classList.add("playing");
    // A refused play (a browser's autoplay rules) leaves the poster showing.
    video.play().catch(() => tile.classList.remove("playing"));
  };
  const stop = (event: Event) => {
    const found = previewOf(event.target);
    // A finger lifted leaves the tile at once: its preview keeps playing until another tile or control takes the focus.
    if (!found || (event instanceof PointerEvent && event.pointerType === "touch")) return;
    const next = (event as FocusEvent | PointerEvent).relatedTarget;
    if (next instanceof Node && found.tile.contains(next)) return;
    found.video.pause();
    found.tile.classList.remove("playing");
    delete found.tile.dataset.tapped;
  };
  document.addEventListener("pointerover", play);
  document.addEventListener("focusin", play);
  // On a touch screen the first tap plays the preview, the second opens the clip's page.
  let touched = false;
  document.addEventListener("pointerdown", (event) => {
    touched = event.pointerType === "touch";
  });
  document.addEventListener("click", (event) => {
    const found = previewOf(event.target);
    if (!touched || !found || found.tile.dataset.tapped) return;
    event.preventDefault();
    found.tile.dataset.tapped = "1";
    play(event);
  });
  document.addEventListener("pointerout", stop);
  document.addEventListener("focusout", stop);
}
