/** @jsxImportSource hono/jsx */
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import type { AppDeps } from "../../deps.js";
import type { WebEnv } from "../env.js";
import { readForm } from "../form.js";
import { LorasPage } from "../pages/loras.js";
import { problemPage } from "../problem-page.js";
import { viewerOf } from "../session.js";
import { sessionCaller } from "../session-caller.js";
import { PageRefusal } from "../page-refusal.js";

/** The member's trained LoRAs with a few of their pictures, and their generate and retrain forms. */
export function loraRoutes(deps: AppDeps) {
  const loras = new Hono<WebEnv>();

  loras.get("/", async (c) => {
    try {
      const api = sessionCaller(deps, c);
      const viewer = viewerOf(c);
      if (!viewer) throw new PageRefusal("UNAUTHORIZED", (t) => t.signInFirst);
      const trained = await api.jobs.list({ type: "lora-training", limit: 50 });
      const cards = await Promise.all(
        trained.items.map(async (job) => ({
          job,
          samples: (await api.jobs.list({ type: "image-generation", status: "completed", loraJobId: job.jobId, limit: 4 })).items,
        })),
      );
      return c.html(<LorasPage viewer={viewer} loras={cards} />);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  loras.post("/:jobId/generate", async (c) => {
    const form = await readForm(c, deps);
    const prompt = typeof form.prompt === "string" ? form.prompt : "";
    const scale = Number(typeof form.scale === "string" && form.scale !== "" ? form.scale : "1");
    try {
      const created = await sessionCaller(deps, c).jobs.create({
        type: "image-generation",
        prompt,
        lora: { jobId: c.req.param("jobId"), scale },
        idempotencyKey: typeof form._once === "string" ? form._once : randomUUID(),
      });
      return c.redirect(`/app/jobs/${created.jobId}`, 303);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  loras.post("/:jobId/retrain", async (c) => {
    try {
      const retrained = await sessionCaller(deps, c).jobs.retrain({ jobId: c.req.param("jobId") });
      return c.redirect(`/app/jobs/${retrained.jobId}`, 303);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  return loras;
}
