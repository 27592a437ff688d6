import { createHash } from "node:crypto";
import { compileErrors, validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as bodies from "../../server/rest/schemas.js";
import { assetListBody, downloadBody, errorBody, jobSchema, searchBody, statsBody, trpcErrorBody } from "../../server/rest/schemas.js";
import { appRouter } from "../../server/trpc/router.js";
import { startTestApi } from "../helpers/api.js";
import { restGet } from "../helpers/http.js";
import { completedImageJob, completedTranscriptJob } from "../helpers/stored-jobs.js";
import { useFixture } from "../helpers/use-fixture.js";

type ApiDocument = Parameters<typeof validate>[0];
type JsonSchema = Record<string, unknown>;
type Operation = {
  parameters?: Array<{ name: string; in: string; required: boolean; content?: Record<string, { schema: JsonSchema }> }>;
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
  security?: unknown[];
};
type Doc = {
  openapi: string;
  info: { description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, { type: string; scheme: string }> };
};

/** The router's procedures as tRPC holds them, read here apart from the document's own code. */
const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string; inputs: z.ZodType[] } }> } })._def
  .procedures;

/** A document component's zod schema, by its name: the schemas module registers each under it. */
const componentSchemas: Record<string, z.ZodType> = {
  Job: bodies.jobSchema,
  JobStarted: bodies.jobStarted,
  JobDeleted: bodies.jobDeleted,
  JobPage: bodies.jobPage,
  AssetItems: bodies.assetPage,
  SearchPage: bodies.searchPage,
  Stats: bodies.statsBody,
  UploadUrl: bodies.uploadUrlBody,
  ExpiringUrl: bodies.expiringUrl,
  TrpcError: bodies.trpcErrorBody,
};

/** Every field name an input schema names at its top level, across a union's variants. */
function fieldsOf(schema: JsonSchema): { names: string[]; required: string[] } {
  const variants = (schema.oneOf ?? schema.anyOf ?? [schema]) as JsonSchema[];
  const names = new Set<string>();
  const required = new Set<string>();
  for (const v of variants) {
    for (const n of Object.keys((v.properties ?? {}) as object)) names.add(n);
    for (const n of (v.required ?? []) as string[]) required.add(n);
  }
  return { names: [...names].sort(), required: [...required].sort() };
}

/** The routes that describe the API rather than being part of it. */
const DOC_ROUTES = ["GET /api/openapi.json", "GET /api/docs"];

describe("the API's OpenAPI document (/api/openapi.json) and reference page (/api/docs)", () => {
  const api = useFixture(() => startTestApi());

  const fetchDoc = async () => {
    // No key: the document is public.
    const res = await api.app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    return (await res.json()) as Doc;
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
    const first = broken.paths["/api/jobs/{jobId}"]?.get;
    if (first) first.responses = "none";
    const result = await validate(broken as unknown as ApiDocument);
    expect(result.valid).toBe(false);
  });

  it("lists every REST route the app serves, and no route it does not", async () => {
    const doc = await fetchDoc();
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/"))
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

  it("documents every query and mutation of the router at /trpc/<procedure>, a query as a GET and a mutation as a POST, with its own input's fields", async () => {
    const doc = await fetchDoc();
    const documented = Object.keys(doc.paths)
      .filter((p) => p.startsWith("/trpc/"))
      .map((p) => p.slice("/trpc/".length));
    const callable = Object.entries(procedures)
      .filter(([, p]) => p._def.type !== "subscription")
      .map(([path]) => path);
    expect(documented.sort()).toEqual(callable.sort());
    for (const path of ["jobs.create", "jobs.get", "jobs.list", "jobs.cancel", "jobs.delete", "jobs.rerun", "jobs.share"])
      expect(documented).toContain(path);
    for (const path of ["assets.uploadUrl", "assets.downloadUrl", "usage.get", "settings.get", "settings.set"])
      expect(documented).toContain(path);
    for (const path of documented) {
      const item = doc.paths[`/trpc/${path}`] ?? {};
      const { type, inputs } = procedures[path]?._def ?? { type: "none", inputs: [] };
      expect(Object.keys(item), path).toEqual([type === "query" ? "get" : "post"]);
      const op = Object.values(item)[0] as Operation;
      const input = inputs[0];
      const documentedSchema =
        type === "query"
          ? op.parameters?.find((p) => p.name === "input" && p.in === "query")?.content?.["application/json"]?.schema
          : op.requestBody?.content["application/json"]?.schema;
      if (!input) {
        expect(documentedSchema, path).toBeUndefined();
        continue;
      }
      const own = z.toJSONSchema(input, { io: "input", unrepresentable: "any" }) as JsonSchema;
      expect(fieldsOf(documentedSchema ?? {}), path).toEqual(fieldsOf(own));
      const required = type === "query" ? op.parameters?.find((p) => p.name === "input")?.required : op.requestBody?.required;
      expect(required, path).toBe(!input.safeParse(undefined).success);
      // Every answer and refusal has a body the document names; a key is asked for unless the procedure is public.
      expect(op.responses["200"]?.content?.["application/json"]?.schema).toBeDefined();
      expect(op.security, path).toBeUndefined();
    }
    expect(doc.paths["/trpc/health.check"]?.get?.security).toEqual([]);
    expect(doc.info.description).not.toMatch(/seed/i);
  });

  it("is how the procedures answer: one real call per documented shape, made exactly as the document describes it", async () => {
    const doc = await fetchDoc();
    const alice = await api.member("openapi-trpc", "alice");
    const scheme = Object.values(doc.components.securitySchemes)[0];
    expect(scheme).toEqual({ type: "http", scheme: "bearer" });

    /** The call as the document has it: its method, the query parameter or body it names, the bearer key, and the answer's schema. */
    const call = async (path: string, input: unknown, key: string | null = alice.key) => {
      const item = doc.paths[`/trpc/${path}`];
      if (!item) throw new Error(`${path} is not in the document`);
      const [method, op] = Object.entries(item)[0] as [string, Operation];
      const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
      let url = `/trpc/${path}`;
      let init: RequestInit = { method: method.toUpperCase(), headers };
      const param = op.parameters?.find((p) => p.in === "query" && p.content?.["application/json"]);
      if (param && input !== undefined) url += `?${param.name}=${encodeURIComponent(JSON.stringify(input))}`;
      if (op.requestBody && input !== undefined) {
        const [contentType] = Object.keys(op.requestBody.content);
        init = { ...init, headers: { ...headers, "content-type": contentType ?? "" }, body: JSON.stringify(input) };
      }
      const res = await api.app.request(url, init);
      const body = (await res.json()) as Record<string, unknown>;
      const answer = op.responses[String(res.status)];
      expect(answer, `${path} answered ${res.status}, which the document does not list: ${JSON.stringify(body)}`).toBeDefined();
      const schema = answer?.content?.["application/json"]?.schema ?? {};
      const named = (s: unknown) => (typeof s === "string" ? componentSchemas[s.replace("#/components/schemas/", "")] : undefined);
      if (res.status === 200) {
        const data = ((schema.properties as JsonSchema).result as { properties: { data: { $ref?: string } } }).properties.data;
        expect(Object.keys(body)).toEqual(["result"]);
        const result = body.result as { data: unknown };
        const zod = named(data.$ref);
        if (data.$ref) expect(zod, data.$ref).toBeDefined();
        return { status: res.status, data: zod ? zod.parse(result.data) : result.data };
      }
      const zod = named(schema.$ref);
      expect(zod).toBe(trpcErrorBody);
      return { status: res.status, error: trpcErrorBody.parse(body).error };
    };

    // A mutation's body: a job made, then canceled and deleted; an upload URL.
    const created = (await call("jobs.create", { type: "image-generation", prompt: "a tide pool at dawn", count: 1 })).data as {
      jobId: string;
      status: string;
    };
    expect(created.status).toBe("queued");
    const upload = (await call("assets.uploadUrl", { fileName: "talk.mp3", contentType: "audio/mpeg", sizeBytes: 1000 })).data as {
      uploadKey: string;
    };
    expect(upload.uploadKey).toContain("talk.mp3");
    // A query's `input` in the query string, and one without input.
    const job = (await call("jobs.get", { jobId: created.jobId })).data as { jobId: string; input: { prompt?: string } };
    expect(job.input.prompt).toBe("a tide pool at dawn");
    const page = (await call("jobs.list", { limit: 5 })).data as { items: Array<{ jobId: string }> };
    expect(page.items.map((j) => j.jobId)).toContain(created.jobId);
    expect((await call("settings.get", {})).status).toBe(200);
    expect((await call("health.check", undefined, null)).status).toBe(200);
    const canceled = (await call("jobs.cancel", { jobId: created.jobId })).data as { status: string };
    expect(canceled.status).toBe("canceled");
    const deleted = (await call("jobs.delete", { jobId: created.jobId })).data as { deleted: boolean };
    expect(deleted.deleted).toBe(true);
    // Refusals, as the document lists them: bad input naming the field, no key.
    const bad = await call("jobs.create", { type: "image-generation", prompt: "a tide pool", imageSzie: "square" });
    expect(bad.status).toBe(400);
    expect(bad.error?.data.code).toBe("BAD_REQUEST");
    expect(bad.error?.message).toMatch(/imageSzie/);
    const anonymous = await call("jobs.get", { jobId: created.jobId }, null);
    expect([anonymous.status, anonymous.error?.data.code]).toEqual([401, "UNAUTHORIZED"]);
  });

  it("renders the document as a page that loads nothing and runs nothing, its one style allowed by hash", async () => {
    const doc = await fetchDoc();
    const res = await api.app.request("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    for (const path of Object.keys(doc.paths)) expect(html).toContain(`${path}</h3>`);
    for (const name of ["Job", "Asset", "Error", "TrpcError", "JobStarted"]) expect(html).toContain(`id="schema-${name}"`);
    // It says what the routes are, and sets the document's `code` as code.
    expect(html).toContain("<h2>tRPC procedures</h2>");
    expect(html).toContain("<code>POST /trpc/&lt;procedure&gt;</code>");
    expect(html).not.toContain("`");
    expect(html).not.toMatch(/seed's/);
    // jobs.create's body, a table per job type.
    expect(html).toContain("body (JSON) with type &quot;transcription&quot;");
    expect(html).not.toMatch(/<script|<link|src=/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    const hash = `sha256-${createHash("sha256").update(style).digest("base64")}`;
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src '${hash}'`);
  });
});
