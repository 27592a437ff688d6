/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { galleryText } from "../locale/gallery-text.js";

export interface BoardChoice {
  boardId: string;
  name: string;
}

/**
 * What can be done with the selected tiles: a form the tiles' checkboxes belong to (their
 * `form="selection"`), so it works without the page script; with it, shift-click selects a range
 * and the count follows. `back` is where the page returns after a change.
 */
export function SelectionBar(props: { csrfToken: string; boards: BoardChoice[]; back: string; removeFrom?: string }) {
  const text = inViewerLocale(galleryText).selection;
  return (
    <form id="selection" class="selection" method="post" action="/app/selection" aria-label={text.label}>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="back" value={props.back} />
      <output class="count" aria-live="polite">
        {text.tick}
      </output>
      {props.boards.length > 0 ? (
        <span class="to-board">
          <label>
            {text.board}{" "}
            <select name="board">
              {props.boards.map((b) => (
                <option value={b.boardId}>{b.name}</option>
              ))}
            </select>
          </label>
          <button type="submit" name="action" value="add-to-board">
            {text.addToBoard}
          </button>
        </span>
      ) : (
        <a href="/app/boards">{text.makeBoard}</a>
      )}
      <button type="submit" name="action" value="zip">
        {text.zip}
      </button>
      <button type="submit" name="action" value="share" title={text.shareTitle}>
        {text.share}
      </button>
      <button type="submit" name="action" value="delete" class="danger" data-confirm={text.deleteConfirm}>
        {text.delete}
      </button>
      {props.removeFrom ? (
        <>
          <input type="hidden" name="from" value={props.removeFrom} />
          <button type="submit" name="action" value="remove-from-board">
            {text.takeOff}
          </button>
        </>
      ) : null}
    </form>
  );
}
