/** What Tab can reach inside a dialog. */
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * Tab and Shift+Tab go round inside an open modal dialog (the lightbox) instead of leaving the
 * page: the page behind is inert, so focus that left the dialog would land nowhere a keyboard
 * user can see. Escape closing the dialog and focus going back to what opened it are the
 * dialog's own (showModal, and the lightbox's close handler).
 */
export function trapDialogFocus() {
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Tab") return;
    const dialog = [...document.querySelectorAll<HTMLDialogElement>("dialog[open]")].find((d) => d.matches(":modal"));
    if (!dialog) return;
    const reachable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
    const first = reachable[0];
    const last = reachable.at(-1);
    if (!first || !last) return;
    const active = document.activeElement;
    const outside = !(active instanceof Node) || !dialog.contains(active);
    if (event.shiftKey ? outside || active === first : outside || active === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  });
}
