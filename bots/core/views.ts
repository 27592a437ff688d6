import { jobButton } from "../../shared/chat/job-buttons.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { type AssetKind, type ListingText, listingText } from "../../shared/chat/locale/listings.js";
import { type ChatReply, formatBytes, progressBar, truncate } from "../../shared/chat/reply.js";
import type { Api } from "../api-client.js";

const statusIcons: Record<string, string> = { queued: "⏳", running: "⚙️", completed: "✅", failed: "⚠️", canceled: "⛔" };

function ago(t: ListingText["ago"], iso: string, now = Date.now()): string {
  const s = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (s < 90) return t.seconds(Math.round(s));
  if (s < 5400) return t.minutes(Math.round(s / 60));
  if (s < 129_600) return t.hours(Math.round(s / 3600));
  return t.days(Math.round(s / 86_400));
}

/** A result that did not reach its channel says so in `/jobs`, with the platform's reason. */
function deliveryNote(t: ListingText["jobs"], d: { state: string; reason: string | null } | null | undefined): string {
  if (d?.state === "undeliverable") return ` · ${t.notPosted(truncate(d.reason ?? "refused", 80))}`;
  if (d?.state === "retrying") return ` · ${t.postingAgain(truncate(d.reason ?? "failed", 80))}`;
  return "";
}

/** `/jobs`: the caller's recent jobs, running ones with their progress, and results that could not be posted. */
export async function myJobsReply(api: Api, userId: string, locale: ChatLocale = "en"): Promise<ChatReply> {
  const t = listingText[locale];
  const page = await api.jobs.list.query({ userId, limit: 10 });
  if (page.items.length === 0) return { title: t.jobs.noneTitle, tone: "info", lines: [t.jobs.none] };
  const lines = page.items.map((job) => {
    const input = job.input as Record<string, unknown>;
    const what =
      typeof input.prompt === "string" ? `"${truncate(input.prompt, 60)}"` : typeof input.triggerWord === "string" ? input.triggerWord : "";
    const state = job.status === "running" ? progressBar(job.progress ?? 0, 5) : t.statuses[job.status];
    return `${statusIcons[job.status] ?? ""} ${t.kinds[job.type]} ${what} · ${state} · ${ago(t.ago, job.createdAt)} · ${job.jobId}${deliveryNote(t.jobs, job.delivery)}`;
  });
  const running = page.items.filter((j) => j.status === "running" || j.status === "queued");
  return {
    title: t.jobs.title,
    tone: "info",
    lines,
    more: t.more,
    buttons: running.slice(0, 5).map((j) => ({
      id: jobButton("cancel", j.jobId),
      label: t.jobs.cancel(t.kinds[j.type], j.jobId.slice(0, 8)),
      style: "danger" as const,
    })),
  };
}

export type AssetType = AssetKind;
const searchTypes = {
  images: "image-generation",
  videos: "video-generation",
  transcripts: "transcription",
  loras: "lora-training",
} as const satisfies Record<AssetType, string>;

/** Page buttons carry the cursor; Discord allows 100 characters in a custom id. */
export function assetsPageButton(type: AssetType, cursor: string): string | undefined {
  const id = `page:${type}:${cursor}`;
  return id.length <= 100 ? id : undefined;
}

export function parseAssetsPageButton(id: string): { type: AssetType; cursor: string } | undefined {
  const m = /^page:(images|videos|transcripts|loras):(.+)$/.exec(id);
  return m ? { type: m[1] as AssetType, cursor: m[2] as string } : undefined;
}

/** One file of a listing, as assets.list gives it and as a found job's files are read. */
interface AssetEntry {
  fileName: string;
  sizeBytes: number | null;
  url: string;
  userId: string;
  prompt?: string | null;
  jobId: string;
  duration?: number | null;
}

/** A clip is listed by its MP4: its poster and looping preview are for the players that show it. */
const listed = (type: AssetType) => (e: AssetEntry) => type !== "videos" || /^video_\d+\.mp4$/.test(e.fileName);

function entryLabel(e: AssetEntry): string {
  const facts = [e.sizeBytes ? formatBytes(e.sizeBytes) : undefined, e.duration ? `${Math.round(e.duration)} s` : undefined].filter(
    Boolean,
  );
  return `${e.fileName}${facts.length ? ` (${facts.join(", ")})` : ""} · ${e.prompt ? truncate(e.prompt, 40) : e.jobId.slice(0, 8)} · ${e.userId}`;
}

/** `/assets`: the workspace's shared files, newest first, a page at a time; a search lists each found job's files. */
export async function assetsReply(
  api: Api,
  a: { type?: AssetType | undefined; search?: string | undefined; cursor?: string | undefined },
  locale: ChatLocale = "en",
): Promise<ChatReply> {
  const said = listingText[locale];
  const t = said.assets;
  const type = a.type ?? "images";
  let entries: AssetEntry[];
  let nextCursor: string | null | undefined;
  if (a.search) {
    const found = await api.assets.search.query({ q: a.search, type: searchTypes[type], limit: 10 });
    entries = found.items.flatMap((job) => {
      const prompt = typeof (job.input as { prompt?: unknown }).prompt === "string" ? (job.input as { prompt: string }).prompt : null;
      return job.files.map((f) => ({ ...f, userId: job.userId, jobId: job.jobId, prompt }));
    });
    nextCursor = found.nextCursor;
  } else {
    const page = await api.assets.list.query({ kind: type, limit: 5, ...(a.cursor ? { cursor: a.cursor } : {}) });
    entries = page.items;
    nextCursor = page.nextCursor;
  }
  entries = entries.filter(listed(type));
  const title = a.search ? t.matching(truncate(a.search, 50)) : t.shared(t.kinds[type]);
  if (entries.length === 0) return { title, tone: "info", lines: [a.search ? t.nothingMatches : t.none(t.kinds[type])] };
  const links = entries.slice(0, 20).map((e) => ({ label: entryLabel(e), url: e.url }));
  const next = !a.search && nextCursor ? assetsPageButton(type, nextCursor) : undefined;
  return {
    title,
    tone: "info",
    lines: [],
    links,
    more: said.more,
    ...(next ? { buttons: [{ id: next, label: t.nextPage }] } : {}),
    ...(a.search && nextCursor ? { footer: t.moreMatch } : {}),
  };
}

/** `/usage`: this month's jobs and estimated cost, the caller's and the workspace's. */
export async function usageReply(api: Api, locale: ChatLocale = "en"): Promise<ChatReply> {
  const t = listingText[locale].usage;
  const u = await api.usage.get.query({});
  const line = (who: string, n: typeof u.me) =>
    t.line(who, {
      jobs: n.jobs,
      costUsd: n.costUsd,
      images: n.byType["image-generation"].jobs,
      videos: n.byType["video-generation"].jobs,
      transcripts: n.byType.transcription.jobs,
      loras: n.byType["lora-training"].jobs,
    });
  return { title: t.title(u.month), tone: "info", lines: [line(t.you, u.me), line(t.workspace(u.members), u.workspace)], footer: t.footer };
}
