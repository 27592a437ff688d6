import { createHash } from "node:crypto";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { HtmlDocument } from "../html-document.js";

type JsonSchema = Record<string, unknown>;

/** The page's only style, allowed by its hash: the page loads nothing and runs no script. */
export const REFERENCE_CSS = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 4rem; color: #1d1d1f; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
.op { margin: 1.5rem 0; padding: 1rem; border: 1px solid #ddd; border-radius: 6px; }
.op h3 { margin: 0 0 .5rem; font-family: ui-monospace, monospace; font-size: 1rem; }
.method { background: #0b6bcb; color: #fff; border-radius: 4px; padding: 0 .4rem; margin-right: .5rem; text-transform: uppercase; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .9rem; }
th, td { text-align: left; border-bottom: 1px solid #eee; padding: .25rem .5rem; vertical-align: top; }
code { font-family: ui-monospace, monospace; font-size: .9em; }
`;
export const REFERENCE_CSS_HASH = `sha256-${createHash("sha256").update(REFERENCE_CSS).digest("base64")}`;

/** Text as the document writes it, each `code` span set as <code>; the rest escaped as text. */
export function Text(props: { text: unknown }): Child {
  const text = typeof props.text === "string" ? props.text : "";
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part));
}

const refName = (ref: unknown) => (typeof ref === "string" ? ref.replace("#/components/schemas/", "") : "");

/** A schema in a few words: its type, a link to a named schema, its allowed values and limits. */
function typeOf(schema: JsonSchema | undefined): Child {
  if (!schema) return "any";
  if (typeof schema.$ref === "string") return <a href={`#schema-${refName(schema.$ref)}`}>{refName(schema.$ref)}</a>;
  const anyOf = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (anyOf)
    return anyOf.map((s, i) => (
      <>
        {i > 0 ? " | " : ""}
        {typeOf(s)}
      </>
    ));
  if (schema.type === "array") return <>{typeOf(schema.items as JsonSchema | undefined)}[]</>;
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : String(schema.type ?? "any");
  const notes = [
    Array.isArray(schema.enum) ? `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}` : "",
    schema.const !== undefined ? `= ${JSON.stringify(schema.const)}` : "",
    schema.format ? String(schema.format) : "",
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : "",
    schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum}` : "",
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : "",
    schema.minLength !== undefined ? `${schema.minLength}–${schema.maxLength ?? "…"} characters` : "",
    schema.pattern ? `matching ${schema.pattern}` : "",
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : "",
  ].filter(Boolean);
  return (
    <>
      <code>{type}</code>
      {notes.length > 0 ? ` (${notes.join("; ")})` : ""}
    </>
  );
}

/** One field of an object: its name, what the table marks it with, its type and description. */
function PropertyRow(props: { name: string; schema: JsonSchema; mark: string }) {
  return (
    <tr>
      <td>
        <code>{props.name}</code>
        {props.mark}
      </td>
      <td>
        {typeOf(props.schema)}
        {typeof props.schema.description === "string" ? (
          <div>
            <Text text={props.schema.description} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}

/** An input's fields, a table per variant when it is one of several objects (jobs.create's, by `type`). */
function Fields(props: { schema: JsonSchema; label: string }) {
  const variants = (props.schema.oneOf ?? props.schema.anyOf) as JsonSchema[] | undefined;
  if (variants?.every((v) => v.type === "object"))
    return (
      <>
        {variants.map((v) => {
          const type = (v.properties as Record<string, JsonSchema> | undefined)?.type?.const;
          return <Fields schema={v} label={`${props.label}${type !== undefined ? ` with type ${JSON.stringify(type)}` : ""}`} />;
        })}
      </>
    );
  const properties = (props.schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((props.schema.required ?? []) as string[]);
  if (Object.keys(properties).length === 0)
    return (
      <p>
        {props.label}: {typeOf(props.schema)}
      </p>
    );
  return (
    <table>
      <thead>
        <tr>
          <th>{props.label}</th>
          <th>type</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(properties).map(([name, s]) => (
          <PropertyRow name={name} schema={s} mark={required.has(name) ? " (required)" : ""} />
        ))}
      </tbody>
    </table>
  );
}

type ParameterDoc = { name: string; in: string; required: boolean; description?: string; schema?: JsonSchema; content?: JsonContent };
type JsonContent = Record<string, { schema: JsonSchema }>;

function Operation(props: { path: string; method: string; op: JsonSchema }) {
  const all = (props.op.parameters ?? []) as ParameterDoc[];
  // A JSON-encoded parameter (a tRPC query's `input`) is shown by its fields, below the others.
  const params = all.filter((p) => p.schema);
  const jsonParams = all.filter((p) => p.content?.["application/json"]);
  const body = (props.op.requestBody as { content: JsonContent } | undefined)?.content["application/json"]?.schema;
  const responses = props.op.responses as Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  return (
    <section class="op" id={String(props.op.operationId)}>
      <h3>
        <span class="method">{props.method}</span>
        {props.path}
      </h3>
      <p>
        <strong>{String(props.op.summary)}.</strong> <Text text={props.op.description} />
        {Array.isArray(props.op.security) && props.op.security.length === 0 ? " No key needed." : ""}
      </p>
      {params.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>parameter</th>
              <th>in</th>
              <th>type</th>
              <th>meaning</th>
            </tr>
          </thead>
          <tbody>
            {params.map((p) => (
              <tr>
                <td>
                  <code>{p.name}</code>
                  {p.required ? " (required)" : ""}
                </td>
                <td>{p.in}</td>
                <td>{typeOf(p.schema)}</td>
                <td>
                  <Text text={p.description} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {jsonParams.map((p) => (
        <Fields
          schema={p.content?.["application/json"]?.schema ?? {}}
          label={`${p.name} (JSON, URL-encoded)${p.required ? "" : ", optional"}`}
        />
      ))}
      {body ? <Fields schema={body} label="body (JSON)" /> : null}
      <table>
        <thead>
          <tr>
            <th>status</th>
            <th>answer</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(responses).map(([status, r]) => (
            <tr>
              <td>{status}</td>
              <td>
                <Text text={r.description} />: {typeOf(r.content?.["application/json"]?.schema)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Schema(props: { name: string; schema: JsonSchema }) {
  const properties = (props.schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((props.schema.required ?? []) as string[]);
  return (
    <section id={`schema-${props.name}`}>
      <h3>{props.name}</h3>
      <table>
        <tbody>
          {Object.entries(properties).map(([name, s]) => (
            <PropertyRow name={name} schema={s} mark={required.has(name) ? "" : " (optional)"} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The OpenAPI document as one HTML page, rendered here: no renderer to load, nothing from elsewhere. */
export function ReferencePage(props: { doc: JsonSchema }) {
  const info = props.doc.info as { title: string; version: string; description: string };
  const paths = props.doc.paths as Record<string, Record<string, JsonSchema>>;
  const schemas = (props.doc.components as { schemas: Record<string, JsonSchema> }).schemas;
  const tags = (props.doc.tags ?? []) as Array<{ name: string; description: string }>;
  return (
    <HtmlDocument lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{info.title}</title>
        <style>{raw(REFERENCE_CSS)}</style>
      </head>
      <body>
        <h1>
          {info.title} <small>{info.version}</small>
        </h1>
        <p>
          <Text text={info.description} />
        </p>
        <p>
          The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
        </p>
        {tags.map((tag) => (
          <>
            <h2>{tag.name}</h2>
            <p>
              <Text text={tag.description} />
            </p>
            {Object.entries(paths).flatMap(([path, ops]) =>
              Object.entries(ops)
                .filter(([, op]) => (op.tags as string[] | undefined)?.includes(tag.name))
                .map(([method, op]) => <Operation path={path} method={method} op={op} />),
            )}
          </>
        ))}
        <h2>Schemas</h2>
        {Object.entries(schemas).map(([name, schema]) => (
          <Schema name={name} schema={schema} />
        ))}
      </body>
    </HtmlDocument>
  );
}
