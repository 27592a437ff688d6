/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { galleryText } from "../locale/gallery-text.js";

/** What a tile needs to be organized: the page's CSRF token, and whether the picture is a favourite of the viewer. */
export interface TileOrganize {
  csrfToken: string;
  favourite: boolean;
}

/** The `p` value a tile's checkbox sends and the selection's routes read: `<jobId>/<picture>`. */
export const pictureKey = (jobId: string, picture: number) => `${jobId}/${picture}`;

/**
 * A tile's checkbox (it belongs to the page's selection form, wherever the tile is) and its
 * favourite star, a form of its own: both work without the page script.
 */
export function TileControls(props: { jobId: string; picture: number; label: string; organize: TileOrganize }) {
  const { jobId, picture, label, organize } = props;
  const text = inViewerLocale(galleryText);
  return (
    <>
      <input type="checkbox" class="pick" name="p" value={pictureKey(jobId, picture)} form="selection" aria-label={text.select(label)} />
      <form method="post" action="/app/favourites" class="fav">
        <input type="hidden" name="_csrf" value={organize.csrfToken} />
        <input type="hidden" name="p" value={pictureKey(jobId, picture)} />
        <input type="hidden" name="favourite" value={organize.favourite ? "0" : "1"} />
        <button
          type="submit"
          aria-pressed={organize.favourite ? "true" : "false"}
          aria-label={text.favouriteOf(label)}
          title={text.favourite}
        >
          {organize.favourite ? "★" : "☆"}
        </button>
      </form>
    </>
  );
}
