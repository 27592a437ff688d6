import { Hono } from "hono";
import { webAssets } from "../assets.js";
import type { WebEnv } from "../env.js";

/** The page script and stylesheet, for everyone: the sign-in page uses them too. */
export function staticAssetRoutes() {
  const assets = new Hono<WebEnv>();
  assets.get("/:file{app\\.(js|css)}", async (c) => {
    const file = c.req.param("file") as "app.js" | "app.css";
    const built = await webAssets();
    c.header("Content-Type", file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
    c.header("Cache-Control", "public, max-age=300");
    return c.body(built[file]);
  });
  return assets;
}
