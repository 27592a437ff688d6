/** @jsxImportSource hono/jsx */

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
  return (
    <form id="selection" class="selection" method="post" action="/app/selection" aria-label="Selected pictures">
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="back" value={props.back} />
      <output class="count" aria-live="polite">
        Tick pictures to act on them
      </output>
      {props.boards.length > 0 ? (
        <span class="to-board">
          <label>
            Board{" "}
            <select name="board">
              {props.boards.map((b) => (
                <option value={b.boardId}>{b.name}</option>
              ))}
            </select>
          </label>
          <button type="submit" name="action" value="add-to-board">
            Add to board
          </button>
        </span>
      ) : (
        <a href="/app/boards">Make a board to collect pictures</a>
      )}
      <button type="submit" name="action" value="zip">
        Download zip
      </button>
      <button type="submit" name="action" value="share" title="Make your selected private pictures visible to the workspace">
        Share
      </button>
      <button
        type="submit"
        name="action"
        value="delete"
        class="danger"
        data-confirm="Delete the selected pictures' jobs, with every file they hold?"
      >
        Delete
      </button>
      {props.removeFrom ? (
        <>
          <input type="hidden" name="from" value={props.removeFrom} />
          <button type="submit" name="action" value="remove-from-board">
            Take off this board
          </button>
        </>
      ) : null}
    </form>
  );
}
