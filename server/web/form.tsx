/** @jsxImportSource hono/jsx */
import type { BodyData } from "hono/utils/body";
import { HTTPException } from "hono/http-exception";
import type { AppDeps } from "../deps.js";
import { UNREADABLE_BODY_MESSAGE, logUnreadableBody } from "../unreadable-body.js";
import type { WebContext } from "./env.js";
import { inViewerLocale } from "./locale/current.js";
import { problemText } from "./locale/layout-text.js";
import { MessagePage } from "./pages/layout.js";

/** A form post's fields; a body that does not parse or broke off is refused with 400 (and changes nothing). */
export async function readForm(c: WebContext, deps: Pick<AppDeps, "logger">, opts: { all?: boolean } = {}): Promise<BodyData> {
  try {
    return await c.req.parseBody({ all: opts.all ?? false });
  } catch (err) {
    logUnreadableBody(deps, c, err);
    const res = await c.html(
      <MessagePage
        title={inViewerLocale(problemText).badRequest}
        message={inViewerLocale(problemText).unreadable(UNREADABLE_BODY_MESSAGE)}
      />,
      400,
    );
    throw new HTTPException(400, { res });
  }
}
