import { Hono } from "hono";
import type { AppEnv } from "../app-env.js";
import { openApiDocument } from "./openapi.js";
import { REFERENCE_CSS_HASH, ReferencePage } from "./reference-page.js";

/**
 * The REST routes' OpenAPI document and its reference page. Both are public (they describe the
 * API, not anyone's data), so they are mounted ahead of the key check on /api.
 */
export function docsRoutes() {
  const docs = new Hono<AppEnv>();
  const doc = openApiDocument();
  docs.get("/openapi.json", (c) => c.json(doc));
  docs.get("/docs", (c) => {
    c.header(
      "Content-Security-Policy",
      `default-src 'none'; style-src '${REFERENCE_CSS_HASH}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    );
    c.header("X-Content-Type-Options", "nosniff");
    return c.html(<ReferencePage doc={doc} />);
  });
  return docs;
}
