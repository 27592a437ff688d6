import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Runs a handler written for Node's `(req, res)` (the Slack SDK's OAuth install and callback
 * handlers) on a fetch `Request`, and returns what it wrote as a `Response`. Only what those
 * handlers use is offered: the URL, the headers, and a response's status, headers and body.
 */
export async function runAsNode(req: Request, handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<Response> {
  const url = new URL(req.url);
  const headers: Record<string, string> = { host: url.host };
  req.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const incoming = { url: `${url.pathname}${url.search}`, method: req.method, headers } as unknown as IncomingMessage;

  let status = 200;
  const out = new Headers();
  const chunks: string[] = [];
  const setHeader = (name: string, value: string | number | readonly string[]) => {
    out.delete(name);
    for (const v of Array.isArray(value) ? value : [String(value)]) out.append(name, v);
  };
  const outgoing = {
    setHeader,
    getHeader: (name: string) => (name.toLowerCase() === "set-cookie" ? out.getSetCookie() : (out.get(name) ?? undefined)),
    writeHead(code: number, more?: Record<string, string>) {
      status = code;
      for (const [n, v] of Object.entries(more ?? {})) setHeader(n, v);
      return outgoing;
    },
    end(body?: string) {
      if (body) chunks.push(body);
      return outgoing;
    },
  } as unknown as ServerResponse;

  await handler(incoming, outgoing);
  return new Response(status === 204 || status === 302 ? null : chunks.join(""), { status, headers: out });
}
