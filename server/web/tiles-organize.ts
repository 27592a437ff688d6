import { loraNames, lorasUsedBy } from "../../jobs/lora-options.js";
import { favouriteKeys } from "../../shared/db/sql/favourites.js";
import type { AppDeps } from "../deps.js";
import type { WebContext } from "./env.js";
import type { TilesOrganize } from "./pages/gallery.js";
import { viewerOf } from "./session.js";

/**
 * What a grid's tiles need beside their jobs, for the gallery, favourites and board pages alike:
 * the viewer's favourites among these jobs (the stars), the names of the LoRAs they used (the
 * lightbox), and the CSRF token their forms send.
 */
export async function tilesOrganize(
  deps: AppDeps,
  c: WebContext,
  jobs: ReadonlyArray<{ jobId: string; input: Record<string, unknown> }>,
): Promise<TilesOrganize> {
  const csrfToken = viewerOf(c)?.csrfToken ?? "";
  const principal = c.get("principal");
  if (!principal) return { csrfToken, favourites: new Set<string>() };
  const [favourites, loras] = await Promise.all([
    favouriteKeys(deps.sql.db, principal, [...new Set(jobs.map((j) => j.jobId))]),
    loraNames({ principal, deps, requestId: c.get("requestId") }, lorasUsedBy(jobs)),
  ]);
  return { csrfToken, favourites, loraNames: loras };
}
