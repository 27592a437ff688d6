/** The width at and below which the page takes its phone layout (web/client/phone.css). */
const PHONE = "(max-width: 600px)";

/**
 * The gallery's filters and the create bar's options are disclosures: closed on a phone, where
 * they would fill the first screen, and open on a wider screen. The page is served closed (it
 * cannot know the width), and a wide screen's stylesheet shows them before this runs; here each
 * disclosure's own state follows, so assistive technology reads it as open, and it follows the
 * width as it changes (a phone turned sideways, a window narrowed).
 */
export function phoneDisclosures() {
  const all = [...document.querySelectorAll<HTMLDetailsElement>("details[data-phone-disclosure]")];
  if (all.length === 0) return;
  const phone = window.matchMedia(PHONE);
  const follow = () => {
    for (const details of all) details.open = !phone.matches;
  };
  follow();
  phone.addEventListener("change", follow);
}
