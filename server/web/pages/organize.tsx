/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { organizeText } from "../locale/sections-text.js";
import { galleryText } from "../locale/gallery-text.js";
import type { PublicJob } from "../../../shared/jobs/view.js";
import { Tiles, type TilesOrganize } from "./gallery.js";
import { Layout, type Viewer } from "./layout.js";
import { Lightbox } from "./lightbox.js";
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
        <ul class="grid" aria-label={inViewerLocale(galleryText).results}>
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
  const text = inViewerLocale(galleryText);
  if (!props.more) return <p class="end">{text.end}</p>;
  const [path, query] = props.more.split("?");
  return (
    <a class="more" href={`${path}?${query}`} data-more={`${path}/grid?${query}`}>
      {text.loadMore}
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
  const text = inViewerLocale(organizeText).favourites;
  return (
    <Layout title={text.title} viewer={props.viewer} current="/app/favourites">
      <h1>{text.heading}</h1>
      <SelectionBar csrfToken={props.viewer.csrfToken} boards={props.boards} back="/app/favourites" />
      <PictureGrid items={props.items} organize={props.organize} more={props.more} empty={text.empty} />
      <Lightbox />
    </Layout>
  );
}

export function BoardsPage(props: { viewer: Viewer; boards: BoardSummary[] }) {
  const text = inViewerLocale(organizeText).boards;
  return (
    <Layout title={text.title} viewer={props.viewer} current="/app/boards">
      <h1>{text.title}</h1>
      <p class="hint">{text.intro(props.viewer.workspaceSlug)}</p>
      <form method="post" action="/app/boards" class="board-create">
        <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
        <label>
          {text.newBoard} <input name="name" required maxlength={80} placeholder={text.placeholder} />
        </label>
        <button type="submit" class="primary">
          {text.create}
        </button>
      </form>
      {props.boards.length === 0 ? (
        <p class="empty">{text.none}</p>
      ) : (
        <ul class="boards">
          {props.boards.map((b) => (
            <li>
              <a href={`/app/boards/${b.boardId}`}>{b.name}</a>{" "}
              <span class="muted">
                {text.pictures(b.pictures ?? 0)} · {text.by(b.createdBy)}
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
  const text = inViewerLocale(organizeText).boards;
  return (
    <Layout title={board.name} viewer={viewer} current="/app/boards">
      <h1>{board.name}</h1>
      <p class="hint">{text.madeBy(viewer.workspaceSlug, board.createdBy)}</p>
      <details class="board-edit">
        <summary>{text.renameOrDelete}</summary>
        <form method="post" action={action}>
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <label>
            {text.name} <input name="name" required maxlength={80} value={board.name} />
          </label>
          <button type="submit" name="action" value="rename">
            {text.rename}
          </button>
          <button type="submit" name="action" value="delete" class="danger">
            {text.delete}
          </button>
        </form>
      </details>
      <SelectionBar csrfToken={viewer.csrfToken} boards={props.boards} back={action} removeFrom={board.boardId} />
      <PictureGrid items={props.items} organize={props.organize} more={props.more} empty={text.empty} />
      <Lightbox />
    </Layout>
  );
}
