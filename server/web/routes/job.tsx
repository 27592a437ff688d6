/** @jsxImportSource hono/jsx */
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { speakersOf } from "../../../shared/jobs/speaker-names.js";
import type { VideoModel } from "../../../shared/jobs/video-endpoints.js";
import type { PublicJob } from "../../../shared/jobs/view.js";
import { headObject, readObject } from "../../../shared/storage/objects.js";
import { presignDownload } from "../../../shared/storage/presign.js";
import type { AppDeps } from "../../deps.js";
import type { WebEnv } from "../env.js";
import { readForm } from "../form.js";
import { lineageOf, loraShown } from "../job-relations.js";
import { JobPage, type TranscriptView } from "../pages/job.js";
import { problemPage } from "../problem-page.js";
import { viewerOf } from "../session.js";
import { sessionCaller } from "../session-caller.js";
import { transcriptLines } from "../transcript-lines.js";
import { isTranslationLanguage } from "../../../shared/jobs/translation-languages.js";
import { PageRefusal } from "../page-refusal.js";
import { playableAudioKey } from "../playable-audio.js";

/** One job's page, and the actions its buttons post: vary, upscale, animate, extend, edit, rerun, translate, cancel, share, delete. */
export function jobRoutes(deps: AppDeps) {
  const jobs = new Hono<WebEnv>();

  jobs.get("/:jobId", async (c) => {
    try {
      const api = sessionCaller(deps, c);
      const job = await api.jobs.get({ jobId: c.req.param("jobId") });
      const viewer = viewerOf(c);
      if (!viewer) throw new PageRefusal("UNAUTHORIZED", (t) => t.signInFirst);
      const pictures = job.type === "image-generation";
      const [transcript, lora, lineage] = await Promise.all([
        job.type === "transcription" && job.status === "completed"
          ? transcriptView(job, c.req.query("q") ?? "", c.req.query("translating"))
          : undefined,
        pictures ? loraShown(api, job) : undefined,
        pictures || job.type === "video-generation" ? lineageOf(api, job) : undefined,
      ]);
      return c.html(<JobPage viewer={viewer} job={job} transcript={transcript} lora={lora} lineage={lineage} />);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  /** The latest transcript's lines, read from the bucket (the job was just read through jobs.get, so the caller may see it). */
  async function transcriptView(job: PublicJob, q: string, translating: string | undefined): Promise<TranscriptView> {
    const latest = job.versions.at(-1);
    const key = latest && "s3Keys" in latest ? latest.s3Keys?.json : undefined;
    const json: unknown = key ? JSON.parse((await readObject(deps.storage, key)).toString("utf8")) : null;
    const lines = transcriptLines(json);
    const audio = playableAudioKey(job);
    const audioUrl =
      audio && (await headObject(deps.storage, audio)) ? (await presignDownload(deps.storage, audio, { expiresIn: 3600 })).url : null;
    const asked = translating && isTranslationLanguage(translating) ? { translating } : {};
    return { lines, audioUrl, q: q.slice(0, 200), speakers: speakersOf(json), names: job.speakerNames, ...asked };
  }

  jobs.post("/:jobId/actions", async (c) => {
    const jobId = c.req.param("jobId");
    const form = await readForm(c, deps);
    const field = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : undefined);
    const image = Number(field("image") ?? "1");
    // The form's one-time value makes a double click or a resent form one job, not two.
    const idempotencyKey = field("_once") ?? randomUUID();
    try {
      const api = sessionCaller(deps, c);
      const source = await api.jobs.get({ jobId });
      type Operation = Omit<Extract<Parameters<typeof api.jobs.create>[0], { type: "image-generation" }>, "type" | "source">;
      const create = async (params: Operation) =>
        (
          await api.jobs.create({
            type: "image-generation",
            source: { jobId, image },
            visibility: source.visibility,
            idempotencyKey,
            ...params,
          })
        ).jobId;
      const prompt = field("prompt")?.trim() || undefined;
      const number = (name: string) => (field(name) ? Number(field(name)) : undefined);
      switch (field("action")) {
        case "vary":
          return c.redirect(`/app/jobs/${await create({ operation: "vary", strength: "strong" })}`, 303);
        case "vary-subtle":
          return c.redirect(`/app/jobs/${await create({ operation: "vary", strength: "subtle" })}`, 303);
        case "upscale":
          return c.redirect(`/app/jobs/${await create({ operation: "upscale" })}`, 303);
        case "edit":
          return c.redirect(`/app/jobs/${await create({ operation: "edit", prompt: field("prompt") ?? "" })}`, 303);
        case "animate": {
          const motion = field("motion") === "high" ? "high" : "low";
          // Unset, the API's default model; a name it does not know is its refusal to give.
          const model = (field("model") || undefined) as VideoModel | undefined;
          const made = await api.jobs.create({
            type: "video-generation",
            operation: "animate",
            source: { jobId, image },
            motion,
            ...(model ? { model } : {}),
            visibility: source.visibility,
            idempotencyKey,
          });
          return c.redirect(`/app/jobs/${made.jobId}`, 303);
        }
        case "extend": {
          const model = (field("model") || undefined) as VideoModel | undefined;
          const made = await api.jobs.create({
            type: "video-generation",
            operation: "extend",
            source: { jobId, video: 1 },
            ...(model ? { model } : {}),
            visibility: source.visibility,
            idempotencyKey,
          });
          return c.redirect(`/app/jobs/${made.jobId}`, 303);
        }
        case "again":
          // A clip's same input run again: the video models take no seed to change.
          return c.redirect(`/app/jobs/${(await api.jobs.rerun({ jobId, idempotencyKey })).jobId}`, 303);
        case "describe":
          return c.redirect(`/app/jobs/${await create({ operation: "describe" })}`, 303);
        case "zoom-out": {
          const aspectRatio = field("aspectRatio") || undefined;
          return c.redirect(`/app/jobs/${await create({ operation: "zoom-out", factor: number("factor"), aspectRatio, prompt })}`, 303);
        }
        case "pan": {
          const direction = field("direction") as "left" | "right" | "up" | "down";
          return c.redirect(`/app/jobs/${await create({ operation: "pan", direction, amount: number("amount"), prompt })}`, 303);
        }
        case "generate-prompt": {
          // One of a describe's prompts, at the shape the model saw (a size, since a plain generation takes no aspect ratio).
          const made = await api.jobs.create({
            type: "image-generation",
            prompt: field("prompt") ?? "",
            ...sizeOf(field("aspectRatio")),
            visibility: source.visibility,
            idempotencyKey,
          });
          return c.redirect(`/app/jobs/${made.jobId}`, 303);
        }
        case "rerun": {
          const seed = String(Math.floor(Math.random() * 2 ** 32));
          return c.redirect(`/app/jobs/${(await api.jobs.rerun({ jobId, seed, idempotencyKey })).jobId}`, 303);
        }
        case "cancel":
          await api.jobs.cancel({ jobId });
          return c.redirect(`/app/jobs/${jobId}`, 303);
        case "translate": {
          const language = field("language") ?? "";
          await api.jobs.translate({ jobId, language });
          return c.redirect(`/app/jobs/${jobId}?translating=${encodeURIComponent(language)}`, 303);
        }
        case "share":
          await api.jobs.share({ jobId });
          return c.redirect(`/app/jobs/${jobId}`, 303);
        case "rename-speakers":
          await api.jobs.renameSpeakers({ jobId, names: speakerNamesOf(field, source.speakerNames) });
          return c.redirect(`/app/jobs/${jobId}`, 303);
        case "delete":
          await api.jobs.delete({ jobId });
          return c.redirect("/app", 303);
        default:
          throw new PageRefusal("BAD_REQUEST", (t) => t.unknownAction);
      }
    } catch (err) {
      return problemPage(c, err);
    }
  });

  return jobs;
}

/** The rename form's fields (speaker_0 with name_0, …) as jobs.renameSpeakers takes them: an emptied name that was set is taken back, an empty one never set is left out. */
function speakerNamesOf(field: (name: string) => string | undefined, named: Record<string, string>): Record<string, string | null> {
  const names: Record<string, string | null> = {};
  for (let i = 0; i < 26; i++) {
    const speaker = field(`speaker_${i}`);
    if (speaker === undefined) break;
    const name = field(`name_${i}`)?.trim() ?? "";
    if (name) names[speaker] = name;
    else if (named[speaker] !== undefined) names[speaker] = null;
  }
  return names;
}

/** A width and height of about a megapixel in the ratio W:H, in multiples of 16; nothing for no ratio. */
export function sizeOf(aspectRatio: string | undefined): { width: number; height: number } | Record<string, never> {
  const [w, h] = (aspectRatio ?? "").split(":").map(Number);
  if (!w || !h || !Number.isFinite(w / h)) return {};
  const ratio = Math.min(4, Math.max(1 / 4, w / h));
  const round = (v: number) => Math.min(2048, Math.max(256, Math.round(v / 16) * 16));
  return { width: round(1024 * Math.sqrt(ratio)), height: round(1024 / Math.sqrt(ratio)) };
}
