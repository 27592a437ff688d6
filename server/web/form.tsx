/** @jsxImportSource hono/jsx */
import type { BodyData } from "hono/utils/body";
import { HTTPException } from "hono/http-exception";
import type { AppDeps } from "../deps.js";
import { UNREADABLE_BODY_MESSAGE, logUnreadableBody } from "../unreadable-body.js";
import type { WebContext } from "./env.js";
import { MessagePage } from "./pages/layout.js";

/** A form post's fields; a body that does not parse or broke off is refused with 400 (and changes nothing). */
export async function readForm(c: WebContext, deps: Pick<AppDeps, "logger">, opts: { all?: boolean } = {}): Promise<BodyData> {
  try {
    return await c.req.parseBody({ all: opts.all ?? false });
  } catch (err) {
    logUnreadableBody(deps, c, err);
    const res = await c.html(
      <MessagePage title="Bad request" message={`${UNREADABLE_BODY_MESSAGE}. Reload the page and try again.`} />,
      400,
    );
    throw new HTTPException(400, { res });
  }
}
