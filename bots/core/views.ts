import { jobButton } from "../../shared/chat/job-reply.js";
import { type ChatReply, formatBytes, progressBar, truncate } from "../../shared/chat/reply.js";
import type { Api } from "../api-client.js";

const statusIcons: Record<string, string> = { queued: "⏳", running: "⚙️", completed: "✅", failed: "⚠️", canceled: "⛔" };
const typeNames: Record<string, string> = { "image-generation": "image", transcription: "transcript", "lora-training": "LoRA" };

function ago(iso: string, now = Date.now()): string {
  const s = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (s < 90) return `${Math.round(s)} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 129_600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

/** A result that did not reach its channel says so in `/jobs`, with the platform's reason. */
function deliveryNote(d: { state: string; reason: string | null } | null | undefined): string {
  if (d?.state === "undeliverable") return ` · not posted: ${truncate(d.reason ?? "refused", 80)}`;
  if (d?.state === "retrying") return ` · posting again: ${truncate(d.reason ?? "failed", 80)}`;
  return "";
}

/** `/jobs`: the caller's recent jobs, running ones with their progress, and results that could not be posted. */
export async function myJobsReply(api: Api, userId: string): Promise<ChatReply> {
  const page = await api.jobs.list.query({ userId, limit: 10 });
  if (page.items.length === 0) return { title: "Your jobs", tone: "info", lines: ["You have no jobs yet. Try /generate."] };
  const lines = page.items.map((job) => {
    const input = job.input as Record<string, unknown>;
    const what = typeof input.prompt === "string" ? `"${truncate(input.prompt, 60)}"` : typeof input.triggerWord === "string" ? input.triggerWord : "";
    const state = job.status === "running" ? progressBar(job.progress ?? 0, 5) : job.status;
    return `${statusIcons[job.status] ?? ""} ${typeNames[job.type]} ${what} · ${state} · ${ago(job.createdAt)} · ${job.jobId}${deliveryNote(job.delivery)}`;
  });
  const running = page.items.filter((j) => j.status === "running" || j.status === "queued");
  return {
    title: "Your recent jobs",
    tone: "info",
    lines,
    buttons: running.slice(0, 5).map((j) => ({ id: jobButton("cancel", j.jobId), label: `Cancel ${typeNames[j.type]} ${j.jobId.slice(0, 8)}`, style: "danger" as const })),
  };
}

export type AssetType = "images" | "transcripts" | "loras";
const searchTypes = { images: "image-generation", transcripts: "transcription", loras: "lora-training" } as const;

/** Page buttons carry the cursor; Discord allows 100 characters in a custom id. */
export function assetsPageButton(type: AssetType, cursor: string): string | undefined {
  const id = `page:${type}:${cursor}`;
  return id.length <= 100 ? id : undefined;
}

export function parseAssetsPageButton(id: string): { type: AssetType; cursor: string } | undefined {
  const m = /^page:(images|transcripts|loras):(.+)$/.exec(id);
  return m ? { type: m[1] as AssetType, cursor: m[2] as string } : undefined;
}

/** `/assets`: the workspace's shared files, newest first, a page at a time. */
export async function assetsReply(api: Api, a: { type?: AssetType | undefined; search?: string | undefined; cursor?: string | undefined }): Promise<ChatReply> {
  const type = a.type ?? "images";
  const page = a.search
    ? await api.assets.search.query({ q: a.search, type: searchTypes[type], limit: 10 })
    : await api.assets.list.query({ kind: type, limit: 5, ...(a.cursor ? { cursor: a.cursor } : {}) });
  const title = a.search ? `Assets matching "${truncate(a.search, 50)}"` : `Workspace ${type}`;
  if (page.items.length === 0) return { title, tone: "info", lines: [a.search ? "Nothing matches." : `No ${type} yet.`] };
  const items = page.items as Array<{ fileName: string; sizeBytes: number | null; url: string; userId: string; prompt?: string | null; jobId: string }>;
  const links = items.slice(0, 20).map((f) => ({
    label: `${f.fileName}${f.sizeBytes ? ` (${formatBytes(f.sizeBytes)})` : ""} · ${f.prompt ? truncate(f.prompt, 40) : f.jobId.slice(0, 8)} · ${f.userId}`,
    url: f.url,
  }));
  const next = !a.search && page.nextCursor ? assetsPageButton(type, page.nextCursor) : undefined;
  return {
    title,
    tone: "info",
    lines: [],
    links,
    ...(next ? { buttons: [{ id: next, label: "Next page" }] } : {}),
    ...(a.search && page.nextCursor ? { footer: "More match; narrow the search to see them." } : {}),
  };
}

/** `/usage`: this month's jobs and estimated cost, the caller's and the workspace's. */
export async function usageReply(api: Api): Promise<ChatReply> {
  const u = await api.usage.get.query({});
  const line = (who: string, t: typeof u.me) =>
    `${who}: ${t.jobs} job${t.jobs === 1 ? "" : "s"}, about $${t.costUsd.toFixed(2)} (images ${t.byType["image-generation"].jobs}, transcripts ${t.byType.transcription.jobs}, LoRAs ${t.byType["lora-training"].jobs})`;
  return { title: `Usage in ${u.month}`, tone: "info", lines: [line("You", u.me), line(`Workspace (${u.members} member${u.members === 1 ? "" : "s"})`, u.workspace)], footer: "Estimated provider cost at list prices." };
}
