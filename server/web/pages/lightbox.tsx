/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { galleryText } from "../locale/gallery-text.js";

/**
 * The gallery's picture viewer, filled in by web/client/lightbox.ts from the tile that opened it:
 * the picture on a stage that zooms and pans (and swipes on a phone), previous and next beside
 * it, and the actions above the picture's facts, so they show without scrolling.
 */
export function Lightbox() {
  const text = inViewerLocale(galleryText).lightbox;
  return (
    <dialog class="lightbox" aria-label={text.label}>
      <div class="stage" data-scale="">
        <img alt="" draggable={false} />
        <button type="button" class="nav prev" aria-label={text.previous}>
          ‹
        </button>
        <button type="button" class="nav next" aria-label={text.next}>
          ›
        </button>
      </div>
      <div class="panel">
        <div class="bar">
          <p class="actions">
            <a class="job" href="/app">
              {text.openJob}
            </a>
            <a class="download" href="/app">
              {text.download}
            </a>
            <a class="remix" href="/app">
              {text.remix}
            </a>
            <button type="button" class="copy">
              {text.copyPrompt}
            </button>
            <button type="button" class="zoom" aria-pressed="false">
              {text.fullSize}
            </button>
          </p>
          <form method="dialog">
            <button type="submit" class="close" aria-label={text.close}>
              ×
            </button>
          </form>
        </div>
        <p class="said" role="status" />
        <dl />
      </div>
    </dialog>
  );
}
