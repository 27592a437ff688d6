import { z } from "zod";
import { jobSorts } from "../../shared/db/mongo/job-pages.js";
import { jobTypes } from "../../shared/db/mongo/job-schema.js";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)));

/** The gallery's query string. A value that does not parse is dropped (the filter is off), never an error page. */
export const galleryFilters = z.object({
  /** Every type unless one is picked: a new member's transcripts and LoRAs are in their gallery too. */
  type: z
    .enum(["all", ...jobTypes])
    .catch("all")
    .default("all"),
  sort: z.enum(jobSorts).catch("newest").default("newest"),
  q: z.string().trim().max(200).optional().catch(undefined),
  member: z.string().max(128).optional().catch(undefined),
  lora: z.uuid().optional().catch(undefined),
  channel: z
    .string()
    .regex(/^[A-Za-z0-9]{1,64}$/)
    .optional()
    .catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
});
export type GalleryFilters = z.infer<typeof galleryFilters>;

export function parseFilters(query: Record<string, string>): GalleryFilters {
  const present = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ""));
  return galleryFilters.parse(present);
}

/** The filters' values that change nothing, left out of links. */
const defaults: Partial<Record<keyof GalleryFilters, string>> = { type: "all", sort: "newest" };

/** The same filters as a query string, with the cursor of the page to load. */
export function filtersQuery(f: GalleryFilters, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v && defaults[k as keyof GalleryFilters] !== v) params.set(k, v);
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}

/** jobs.list's input for one page of the gallery; `to` is a whole day, so the bound is the next midnight (UTC). */
export function listInput(f: GalleryFilters, cursor: string | null | undefined, limit: number) {
  const next = f.to ? new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000).toISOString() : undefined;
  return {
    ...(f.type !== "all" ? { type: f.type } : {}),
    ...(f.sort !== "newest" ? { sort: f.sort } : {}),
    limit,
    cursor: cursor ?? null,
    ...(f.q ? { search: f.q } : {}),
    ...(f.member ? { userId: f.member } : {}),
    ...(f.lora ? { loraJobId: f.lora } : {}),
    ...(f.channel ? { channelId: f.channel } : {}),
    ...(f.from ? { createdFrom: `${f.from}T00:00:00Z` } : {}),
    ...(next ? { createdBefore: next } : {}),
  };
}
