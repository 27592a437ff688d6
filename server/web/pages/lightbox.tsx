/** @jsxImportSource hono/jsx */

/**
 * The gallery's picture viewer, filled in by web/client/lightbox.ts from the tile that opened it:
 * the picture on a stage that zooms and pans (and swipes on a phone), previous and next beside
 * it, and the actions above the picture's facts, so they show without scrolling.
 */
export function Lightbox() {
  return (
    <dialog class="lightbox" aria-label="Picture">
      <div class="stage" data-scale="">
        <img alt="" draggable={false} />
        <button type="button" class="nav prev" aria-label="Previous picture">
          ‹
        </button>
        <button type="button" class="nav next" aria-label="Next picture">
          ›
        </button>
      </div>
      <div class="panel">
        <div class="bar">
          <p class="actions">
            <a class="job" href="/app">
              Open job
            </a>
            <a class="download" href="/app">
              Download
            </a>
            <a class="remix" href="/app">
              Remix
            </a>
            <button type="button" class="copy">
              Copy prompt
            </button>
            <button type="button" class="zoom" aria-pressed="false">
              Full size
            </button>
          </p>
          <form method="dialog">
            <button type="submit" class="close" aria-label="Close">
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
