import { z } from "zod";
import { jobIdInput } from "../../shared/jobs/input.js";
import { downloadUrlInput, listAssetsInput, searchAssetsInput, statsInput } from "../trpc/routers/assets/schemas.js";
import { searchTranscriptsInput } from "../trpc/routers/transcripts/schemas.js";
import {
  assetListBody,
  assetPage,
  assetSchema,
  downloadBody,
  errorBody,
  expiringUrl,
  jobDeleted,
  translationQueued,
  jobPage,
  jobSchema,
  jobStarted,
  meetingHits,
  searchBody,
  searchPage,
  statsBody,
  trpcErrorBody,
  uploadUrlBody,
} from "./schemas.js";
import { type TrpcOperation, procedureOf, trpcOperations } from "./trpc-operations.js";

type JsonSchema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface RestOperation {
  method: "get";
  /** The OpenAPI path, with `{name}` for a path parameter. */
  path: string;
  summary: string;
  description: string;
  parameters: Parameter[];
  response: z.ZodType;
}

/**
 * What zod adds that says nothing to a reader: the bounds of a safe integer on every integer,
 * and the long pattern beside `format: date-time`.
 */
function plainer({ jsonSchema: s }: { jsonSchema: JsonSchema }): void {
  if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
  if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
  if (s.format === "date-time") delete s.pattern;
}

const options = { unrepresentable: "any", override: plainer } as const;

/** A zod schema as JSON Schema 2020-12, OpenAPI 3.1's dialect. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, ...options }) as JsonSchema;
  return withoutNull(rest);
}

/** The answers, by the name they have in the document's components. */
const bodies = z.registry<{ id: string }>();
bodies.add(errorBody, { id: "Error" });
bodies.add(jobSchema, { id: "Job" });
bodies.add(assetSchema, { id: "Asset" });
bodies.add(assetListBody, { id: "AssetPage" });
bodies.add(searchBody, { id: "SearchResults" });
bodies.add(statsBody, { id: "Stats" });
bodies.add(downloadBody, { id: "DownloadUrl" });
bodies.add(trpcErrorBody, { id: "TrpcError" });
bodies.add(jobStarted, { id: "JobStarted" });
bodies.add(jobDeleted, { id: "JobDeleted" });
bodies.add(translationQueued, { id: "TranslationQueued" });
bodies.add(jobPage, { id: "JobPage" });
bodies.add(assetPage, { id: "AssetItems" });
bodies.add(searchPage, { id: "SearchPage" });
bodies.add(meetingHits, { id: "MeetingHits" });
bodies.add(uploadUrlBody, { id: "UploadUrl" });
bodies.add(expiringUrl, { id: "ExpiringUrl" });
const ref = (schema: z.ZodType) => {
  const id = bodies.get(schema)?.id;
  if (!id) throw new Error("a REST answer without a name in the document");
  return { $ref: `#/components/schemas/${id}` };
};

/** `cursor` takes null in a procedure; a query string has no null, so only the other branch is kept. */
function withoutNull(schema: JsonSchema): JsonSchema {
  const anyOf = schema.anyOf as JsonSchema[] | undefined;
  if (!anyOf) return schema;
  const others = anyOf.filter((s) => s.type !== "null");
  return others.length === 1 && others[0] ? others[0] : schema;
}

/**
 * The query or path parameters a route reads, from the procedure's own input schema: the same
 * limits and defaults the procedure enforces. `rename` maps a REST name to the procedure's field.
 */
function paramsOf(
  shape: Record<string, z.ZodType>,
  where: "path" | "query",
  names: string[],
  rename: Record<string, string> = {},
): Parameter[] {
  return names.map((name) => {
    const field = shape[rename[name] ?? name];
    if (!field) throw new Error(`no field ${rename[name] ?? name} in the procedure's input`);
    const { description, ...schema } = jsonSchema(field, "input");
    const text = typeof description === "string" ? description : meaning[name];
    return {
      name,
      in: where,
      required: where === "path" || !field.safeParse(undefined).success,
      ...(text ? { description: text } : {}),
      schema,
    };
  });
}

const page = ["userId", "limit", "cursor"];

/** What a parameter means to a caller; its type, limits and default come from the procedure's schema. */
const meaning: Record<string, string> = {
  jobId: "The job's id",
  userId: "A teammate's user id: their shared jobs instead of the caller's own",
  limit: "Jobs per page",
  cursor: "The `nextCursor` of the page before",
  q: "Words to look for",
  query: 'Words that must all appear, and "quoted phrases"',
  scope: "`me`: the caller's jobs; `workspace`: every job the caller can see in the workspace",
  file: "A file name of the job, e.g. image_1.png or transcript.txt",
  expires: "Seconds the URL stays valid",
  version: "The job version the file belongs to; by default the latest",
};

/** The REST routes of server/rest/routes.ts, each over the procedure named in its description. */
export const restOperations: RestOperation[] = [
  {
    method: "get",
    path: "/api/jobs/{jobId}",
    summary: "A job",
    description: "The job with its status, progress, versions and files (jobs.get). A job the caller may not see answers 404.",
    parameters: paramsOf(jobIdInput.shape, "path", ["jobId"]),
    response: jobSchema,
  },
  ...(["loras", "images", "transcripts", "videos"] as const).map(
    (kind): RestOperation => ({
      method: "get",
      path: `/api/assets/${kind}`,
      summary: `Completed ${kind}`,
      description: `The files of completed ${kind === "loras" ? "LoRA trainings" : kind === "images" ? "image jobs" : "transcriptions"}, newest first, a page of jobs at a time (assets.list).`,
      parameters: paramsOf(listAssetsInput.shape, "query", page),
      response: assetListBody,
    }),
  ),
  {
    method: "get",
    path: "/api/assets/search",
    summary: "Search jobs",
    description: "Jobs having every word of `q` in their prompt, trigger word, file names or transcript (assets.search).",
    parameters: paramsOf(searchAssetsInput.shape, "query", ["q", ...page]),
    response: searchBody,
  },
  {
    method: "get",
    path: "/api/transcripts/search",
    summary: "Search the team's meetings",
    description:
      'Passages of the transcripts the caller can see with every word of `query`, "quoted phrases" in order, newest meeting first: quotes with speaker, times (ms) and a link to the moment (transcripts.search).',
    parameters: paramsOf(searchTranscriptsInput.shape, "query", ["query", "limit", "cursor"]),
    response: meetingHits,
  },
  {
    method: "get",
    path: "/api/assets/stats",
    summary: "Counts, bytes and costs",
    description:
      "Counts, stored bytes and estimated costs by asset type: the caller's jobs, a teammate's shared ones, or the workspace's (assets.stats).",
    parameters: paramsOf(statsInput.unwrap().shape, "query", ["userId", "scope"]),
    response: statsBody,
  },
  {
    method: "get",
    path: "/api/assets/{jobId}/download",
    summary: "A download URL",
    description: "A presigned URL of one of the job's files, valid for `expires` seconds (assets.downloadUrl).",
    parameters: [
      ...paramsOf(downloadUrlInput.shape, "path", ["jobId"]),
      ...paramsOf(downloadUrlInput.shape, "query", ["file", "expires", "version"], { expires: "expiresIn" }),
    ],
    response: downloadBody,
  },
];

const errors: Record<string, string> = {
  "400": "Bad input: the message names the field",
  "401": "No key, or a key that is unknown or revoked",
  "404": "No such job, or one the caller may not see",
  "429": "Too many requests: see Retry-After",
  "503": "A store is briefly unavailable: see Retry-After",
};

const trpcRefusals: Record<string, string> = {
  "400": "Bad input (`error.data.code` BAD_REQUEST): the message names the field, `error.data.fieldErrors` lists them",
  "401": "No key, or a key that is unknown or revoked (UNAUTHORIZED)",
  "403": "Not allowed to the caller (FORBIDDEN)",
  "404": "No such job, or one the caller may not see (NOT_FOUND)",
  "409": "Conflicts with an earlier call (CONFLICT)",
  "412": "Not yet possible, e.g. the job is not finished (PRECONDITION_FAILED)",
  "429": "Too many requests (TOO_MANY_REQUESTS): see Retry-After",
  "503":
    "A store or a provider (e.g. AssemblyAI's LLM Gateway for jobs.ask) is briefly unavailable (SERVICE_UNAVAILABLE); nothing was done",
};

/** `{"result":{"data":…}}`, the data's shape named when the document knows it. */
function trpcResult(schema: z.ZodType | undefined): JsonSchema {
  const data = schema ? ref(schema) : { description: "See the procedure's description" };
  return {
    type: "object",
    required: ["result"],
    properties: { result: { type: "object", required: ["data"], properties: { data } } },
  };
}

/** A procedure over plain HTTP: a query as a GET with `input` in the query string, a mutation as a POST of the JSON input. */
function trpcPath(op: TrpcOperation): [string, JsonSchema] {
  const { type, input } = procedureOf(op.path);
  const schema = input ? jsonSchema(input, "input") : undefined;
  const required = input ? !input.safeParse(undefined).success : false;
  const statuses = op.public ? ["503"] : ["400", "401", ...(op.refusals ?? []), "429", "503"].sort();
  const operation: JsonSchema = {
    summary: op.summary,
    description: `${op.description} (tRPC ${type} \`${op.path}\`.)`,
    operationId: `trpc.${op.path}`.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase()),
    tags: ["tRPC procedures"],
    ...(op.public ? { security: [] } : {}),
    ...(schema && type === "query"
      ? {
          parameters: [
            {
              name: "input",
              in: "query",
              required,
              description: "The input as JSON, URL-encoded",
              content: { "application/json": { schema } },
            },
          ],
        }
      : {}),
    ...(schema && type === "mutation" ? { requestBody: { required, content: { "application/json": { schema } } } } : {}),
    responses: {
      "200": { description: "OK", content: { "application/json": { schema: trpcResult(op.response) } } },
      ...Object.fromEntries(
        statuses.map((status) => [
          status,
          { description: trpcRefusals[status], content: { "application/json": { schema: ref(trpcErrorBody) } } },
        ]),
      ),
    },
  };
  return [`/trpc/${op.path}`, { [type === "query" ? "get" : "post"]: operation }];
}

/** The OpenAPI 3.1 document of the REST routes and of the tRPC procedures over plain HTTP. */
export function openApiDocument(): JsonSchema {
  const errorRef = ref(errorBody);
  const paths: Record<string, JsonSchema> = {};
  for (const op of restOperations) {
    paths[op.path] = {
      [op.method]: {
        summary: op.summary,
        description: op.description,
        operationId: op.path
          .replace(/^\/api\//, "")
          .replace(/[{}]/g, "")
          .replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
        tags: ["REST routes"],
        parameters: op.parameters,
        responses: {
          "200": { description: "OK", content: { "application/json": { schema: ref(op.response) } } },
          ...Object.fromEntries(
            Object.entries(errors).map(([status, description]) => [
              status,
              { description, content: { "application/json": { schema: errorRef } } },
            ]),
          ),
        },
      },
    };
  }
  for (const op of trpcOperations) {
    const [path, item] = trpcPath(op);
    paths[path] = item;
  }
  const components = z.toJSONSchema(bodies, { io: "output", ...options, uri: (id) => `#/components/schemas/${id}` });
  // A component is named by its key; an `$id` of a bare fragment is no valid URI in JSON Schema 2020-12.
  const schemas = Object.fromEntries(Object.entries(components.schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]));
  return {
    openapi: "3.1.0",
    info: {
      title: "content-generation API",
      version: "1.0.0",
      description:
        'Two ways in, with one key (`Authorization: Bearer <api key>`). The REST routes under `/api` are read-only GETs: jobs, their files, search and stats. The tRPC procedures under `/trpc` do everything else, creating jobs included, over plain HTTP: a query is `GET /trpc/<procedure>?input=<URL-encoded JSON>`, a mutation `POST /trpc/<procedure>` with the JSON input as its body; the answer is `{"result":{"data":…}}`, a refusal `{"error":{…}}` with `error.data.code` and the HTTP status. From TypeScript, the client package `@content-generation/client` types every procedure.',
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: "REST routes", description: "Read-only GETs under `/api`, each over a tRPC procedure" },
      { name: "tRPC procedures", description: "The procedures over plain HTTP under `/trpc`" },
    ],
    paths,
    components: { schemas, securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } },
  };
}
