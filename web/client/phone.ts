/** The width at and below which the page takes its phone layout (web/client/phone.css). */
const PHONE = "(max-width: 600px)";

/**
 * The gallery's filters are a disclosure: closed on a phone, where they would fill the first
 * screen, and open on a wider screen. The page is served closed (it cannot know the width), and a
 * wide screen's stylesheet shows the filters before this runs; here the disclosure's own state
 * follows, so assistive technology reads it as open, and it follows the width as it changes
 * (a phone turned sideways, a window narrowed).
 */
export function filtersDisclosure() {
  const details = document.querySelector<HTMLDetailsElement>("details[data-filters]");
  if (!details) return;
  const phone = window.matchMedia(PHONE);
  const follow = () => {
    details.open = !phone.matches;
  };
  follow();
  phone.addEventListener("change", follow);
}
