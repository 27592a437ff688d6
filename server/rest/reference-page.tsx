import { createHash } from "node:crypto";
import { raw } from "hono/html";
import type { Child } from "hono/jsx";

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

const refName = (ref: unknown) => (typeof ref === "string" ? ref.replace("#/components/schemas/", "") : "");

/** A schema in a few words: its type, a link to a named schema, its allowed values and limits. */
function typeOf(schema: JsonSchema | undefined): Child {
  if (!schema) return "any";
  if (typeof schema.$ref === "string") return <a href={`#schema-${refName(schema.$ref)}`}>{refName(schema.$ref)}</a>;
  const anyOf = schema.anyOf as JsonSchema[] | undefined;
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

function Operation(props: { path: string; method: string; op: JsonSchema }) {
  const params = (props.op.parameters ?? []) as Array<{
    name: string;
    in: string;
    required: boolean;
    description?: string;
    schema: JsonSchema;
  }>;
  const responses = props.op.responses as Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  return (
    <section class="op" id={String(props.op.operationId)}>
      <h3>
        <span class="method">{props.method}</span>
        {props.path}
      </h3>
      <p>
        <strong>{String(props.op.summary)}.</strong> {String(props.op.description)}
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
                <td>{p.description ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
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
                {r.description}: {typeOf(r.content?.["application/json"]?.schema)}
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
            <tr>
              <td>
                <code>{name}</code>
                {required.has(name) ? "" : " (optional)"}
              </td>
              <td>
                {typeOf(s)}
                {typeof s.description === "string" ? <div>{s.description}</div> : null}
              </td>
            </tr>
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
  return (
    <html lang="en">
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
        <p>{info.description}</p>
        <p>
          The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
        </p>
        <h2>Routes</h2>
        {Object.entries(paths).flatMap(([path, ops]) =>
          Object.entries(ops).map(([method, op]) => <Operation path={path} method={method} op={op} />),
        )}
        <h2>Schemas</h2>
        {Object.entries(schemas).map(([name, schema]) => (
          <Schema name={name} schema={schema} />
        ))}
      </body>
    </html>
  );
}
