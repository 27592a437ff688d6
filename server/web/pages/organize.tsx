/** @jsxImportSource hono/jsx */
import type { PublicJob } from "../../../shared/jobs/view.js";
import { Tiles, type TilesOrganize } from "./gallery.js";
import { Layout, type Viewer } from "./layout.js";
import { type BoardChoice, SelectionBar } from "./selection-bar.js";

/** A favourite or a board's picture as the procedures answer it. */
export interface PictureItem {
  job: PublicJob;
  picture: number;
}

export interface BoardSummary extends BoardChoice {
  createdBy: string;
  pictures?: number | undefined;
}

/** A page of pictures: one tile each, and the link to the next page (loaded in place by the page script). */
export function PictureGrid(props: { items: PictureItem[]; organize: TilesOrganize; more: string | null; empty: string }) {
  return (
    <>
      {props.items.length === 0 ? (
        <p class="empty">{props.empty}</p>
      ) : (
        <ul class="grid" aria-label="Results">
          {props.items.map((i) => (
            <Tiles items={[i.job]} only={i.picture} organize={props.organize} />
          ))}
        </ul>
      )}
      <MorePictures more={props.more} />
    </>
  );
}

export function MorePictures(props: { more: string | null }) {
  if (!props.more) return <p class="end">That is everything.</p>;
  const [path, query] = props.more.split("?");
  return (
    <a class="more" href={`${path}?${query}`} data-more={`${path}/grid?${query}`}>
      Load more
    </a>
  );
}

export function FavouritesPage(props: {
  viewer: Viewer;
  items: PictureItem[];
  more: string | null;
  organize: TilesOrganize;
  boards: BoardChoice[];
}) {
  return (
    <Layout title="Favourites" viewer={props.viewer} current="/app/favourites">
      <h1>Your favourites</h1>
      <SelectionBar csrfToken={props.viewer.csrfToken} boards={props.boards} back="/app/favourites" />
      <PictureGrid items={props.items} organize={props.organize} more={props.more} empty="No favourites yet: tap ☆ on a picture." />
    </Layout>
  );
}

export function BoardsPage(props: { viewer: Viewer; boards: BoardSummary[] }) {
  return (
    <Layout title="Boards" viewer={props.viewer} current="/app/boards">
      <h1>Boards</h1>
      <p class="hint">Boards are shared with everyone in {props.viewer.workspaceSlug}; a picture can be on several.</p>
      <form method="post" action="/app/boards" class="board-create">
        <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
        <label>
          New board <input name="name" required maxlength={80} placeholder="Moodboard" />
        </label>
        <button type="submit" class="primary">
          Create board
        </button>
      </form>
      {props.boards.length === 0 ? (
        <p class="empty">No boards yet.</p>
      ) : (
        <ul class="boards">
          {props.boards.map((b) => (
            <li>
              <a href={`/app/boards/${b.boardId}`}>{b.name}</a>{" "}
              <span class="muted">
                {b.pictures === 1 ? "1 picture" : `${b.pictures ?? 0} pictures`} · by {b.createdBy}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function BoardPage(props: {
  viewer: Viewer;
  board: BoardSummary;
  items: PictureItem[];
  more: string | null;
  organize: TilesOrganize;
  boards: BoardChoice[];
}) {
  const { board, viewer } = props;
  const action = `/app/boards/${board.boardId}`;
  return (
    <Layout title={board.name} viewer={viewer} current="/app/boards">
      <h1>{board.name}</h1>
      <p class="hint">
        A board of {viewer.workspaceSlug}, made by {board.createdBy}.
      </p>
      <details class="board-edit">
        <summary>Rename or delete</summary>
        <form method="post" action={action}>
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <label>
            Name <input name="name" required maxlength={80} value={board.name} />
          </label>
          <button type="submit" name="action" value="rename">
            Rename
          </button>
          <button type="submit" name="action" value="delete" class="danger">
            Delete board
          </button>
        </form>
      </details>
      <SelectionBar csrfToken={viewer.csrfToken} boards={props.boards} back={action} removeFrom={board.boardId} />
      <PictureGrid items={props.items} organize={props.organize} more={props.more} empty="Nothing on this board yet." />
    </Layout>
  );
}
