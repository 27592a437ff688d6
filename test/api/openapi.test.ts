import { createHash } from "node:crypto";
import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { assetListBody, downloadBody, errorBody, jobSchema, searchBody, statsBody } from "../../server/rest/schemas.js";
import { startTestApi } from "../helpers/api.js";
import { restGet } from "../helpers/http.js";
import { completedImageJob, completedTranscriptJob } from "../helpers/stored-jobs.js";
import { useFixture } from "../helpers/use-fixture.js";

type ApiDocument = Parameters<typeof validate>[0];

/** The routes that describe the API rather than being part of it. */
const DOC_ROUTES = ["GET /api/openapi.json", "GET /api/docs"];

describe("the REST routes' OpenAPI document (/api/openapi.json) and reference page (/api/docs)", () => {
  const api = useFixture(() => startTestApi());

  const fetchDoc = async () => {
    // No key: the document is public.
    const res = await api.app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    return (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  };

  it("is a valid OpenAPI 3.1 document by the specification's schema and rules", async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toBe("3.1.0");
    // The validator dereferences what it is given: a copy, so `doc` stays as served.
    const result = await validate(structuredClone(doc) as unknown as ApiDocument);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  it("refuses a broken copy, so the validation above could fail", async () => {
    const doc = await fetchDoc();
    const broken = structuredClone(doc) as { paths: Record<string, Record<string, { responses?: unknown }>> };
    const first = Object.values(broken.paths)[0]?.get;
    if (first) first.responses = "none";
    const result = await validate(broken as unknown as ApiDocument);
    expect(result.valid).toBe(false);
  });

  it("lists every REST route the app serves, and no route it does not", async () => {
    const doc = await fetchDoc();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const served = [
      ...new Set(
        api.app.routes
          .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"))
          .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`)
          .filter((r) => !DOC_ROUTES.includes(r)),
      ),
    ].sort();
    expect(served.length).toBeGreaterThanOrEqual(7);
    expect(documented).toEqual(served);
  });

  it("describes what each route really answers: real answers parse with the schemas the document is written from", async () => {
    const alice = await api.member("openapi-docs", "alice");
    const image = await completedImageJob(api, alice, { prompt: "a harbour crane at dawn" });
    const transcript = await completedTranscriptJob(api, alice);
    const get = async <S extends z.ZodType>(path: string, schema: S, status = 200) => {
      const answer = await restGet(api.app, alice.key, path);
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      return schema.parse(answer.body);
    };
    const job = await get(`/api/jobs/${image.job.jobId}`, jobSchema);
    expect(job.files.map((f) => f.fileName)).toEqual(["image_1.png"]);
    const images = await get("/api/assets/images?limit=5", assetListBody);
    expect(images.assets.map((a) => a.jobId)).toContain(image.job.jobId);
    const transcripts = await get("/api/assets/transcripts", assetListBody);
    expect(transcripts.assets.map((a) => a.jobId)).toContain(transcript.jobId);
    await get("/api/assets/loras", assetListBody);
    const found = await get("/api/assets/search?q=harbour%20crane", searchBody);
    expect(found.results.map((j) => j.jobId)).toEqual([image.job.jobId]);
    const stats = await get("/api/assets/stats", statsBody);
    expect(stats.byType.images.completed).toBe(1);
    const link = await get(`/api/assets/${image.job.jobId}/download?file=image_1.png&expires=60`, downloadBody);
    expect(link.url).toMatch(/^http/);
    const refused = await get(`/api/assets/${image.job.jobId}/download?file=image_1.png&expires=0`, errorBody, 400);
    expect(refused.error.message).toMatch(/expires/);
  });

  it("renders the document as a page that loads nothing and runs nothing, its one style allowed by hash", async () => {
    const doc = await fetchDoc();
    const res = await api.app.request("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    for (const path of Object.keys(doc.paths)) expect(html).toContain(`${path}</h3>`);
    for (const name of ["Job", "Asset", "Error"]) expect(html).toContain(`id="schema-${name}"`);
    expect(html).not.toMatch(/<script|<link|src=/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    const hash = `sha256-${createHash("sha256").update(style).digest("base64")}`;
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src '${hash}'`);
  });
});
