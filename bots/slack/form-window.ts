import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../shared/logger.js";

/**
 * Slack takes a trigger id for 3 seconds after the interaction it came with, and views.open
 * needs some of that itself: what a form shows is read for at most this long before it opens.
 */
export const FORM_READ_MS = 1_000;

/** `read`'s value if it settles within `ms` (its failure, if it fails sooner); else `late`, at once. The read goes on. */
export async function within<T>(read: Promise<T>, ms = FORM_READ_MS): Promise<{ value: T } | "late"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), ms);
  });
  const settled = read.then((value) => ({ value }));
  // A failure after the window is the caller's to handle on `read`; this copy of it is dropped.
  settled.catch(() => {});
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

type ModalView = Parameters<WebClient["views"]["open"]>[0]["view"];

/**
 * Opens a modal within its trigger's window whatever the reads behind it cost: with what `reads`
 * gave by `deadline` (`build(value)`), else at once with what is known (`build(undefined)`)
 * and, when the reads come, replaced by the full form (views.update, with the hash views.open
 * gave, so a view changed meanwhile is not overwritten). Slack keeps what the user entered in
 * inputs whose block and action ids stay the same (views.update: "Preserving input entry").
 * A read that fails in time fails the opening, as it did before; one that fails late leaves the form as opened.
 */
export async function openWithin<T>(
  client: WebClient,
  triggerId: string,
  reads: Promise<T>,
  build: (value: T | undefined) => ModalView,
  logger: Logger,
  /** When the reads must have come (epoch ms): FORM_READ_MS after the caller began reading. */
  deadline = Date.now() + FORM_READ_MS,
): Promise<void> {
  const early = await within(reads, Math.max(0, deadline - Date.now()));
  const opened = await client.views.open({ trigger_id: triggerId, view: build(early === "late" ? undefined : early.value) });
  if (early !== "late") return;
  const viewId = opened.view?.id;
  const hash = opened.view?.hash;
  if (!viewId) return;
  void reads
    .then((value) => client.views.update({ view_id: viewId, ...(hash ? { hash } : {}), view: build(value) }))
    .catch((err: unknown) => logger.warn({ err }, "could not complete an opened form"));
}
