import type { Page } from "playwright-core";

/**
 * How far (px) the header's Sign out button sits from the line of the items beside it: the
 * vertical centre of each of the header's links, the viewer's name and the language switch on
 * the button's row, against the button's own. 0 when they share one line.
 */
export const signOutOffLine = (page: Page) =>
  page.evaluate(`(() => {
    const centre = (el) => { const r = el.getBoundingClientRect(); return { mid: r.top + r.height / 2, top: r.top, bottom: r.bottom }; };
    const button = document.querySelector("header.top form[action='/app/sign-out'] button");
    if (!button) throw new Error("no Sign out button");
    const own = centre(button);
    const others = [...document.querySelectorAll("header.top .brand, header.top nav a, header.top .who, header.top form.language select")]
      .map(centre)
      .filter((c) => c.top < own.bottom && c.bottom > own.top);
    if (others.length === 0) throw new Error("nothing beside Sign out");
    return Math.max(...others.map((c) => Math.abs(c.mid - own.mid)));
  })()`) as Promise<number>;
