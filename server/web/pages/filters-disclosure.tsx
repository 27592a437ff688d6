/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { GalleryFilters } from "../filters.js";
import { inViewerLocale } from "../locale/current.js";
import { galleryText } from "../locale/gallery-text.js";

/** How many filters besides the type narrow the grid, for the collapsed filters' summary. */
const activeFilters = (f: GalleryFilters) => [f.q, f.member, f.lora, f.channel, f.from, f.to].filter((v) => v !== undefined).length;

/**
 * The gallery's filters as a search landmark holding a disclosure: collapsed on a phone, where the
 * filters would fill the first screen, and open on a wider screen (web/client/phone.css shows them
 * at once, web/client/phone.ts opens the disclosure). Served closed: the server cannot know the width.
 */
export function FiltersDisclosure(props: { filters: GalleryFilters; children: Child }) {
  const active = activeFilters(props.filters);
  const words = inViewerLocale(galleryText).filter;
  return (
    <search aria-label={words.label}>
      <details class="filters-disclosure phone-disclosure" data-filters data-phone-disclosure>
        <summary>{words.disclosure(active)}</summary>
        {props.children}
      </details>
    </search>
  );
}
