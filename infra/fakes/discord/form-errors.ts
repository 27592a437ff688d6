/**
 * How Discord's REST API words a refusal of what it was sent: 400, code 50035 "Invalid Form
 * Body", with an `errors` tree that names each field that broke a rule (`_errors` at its leaf).
 */

export type Json = Record<string, unknown>;
export type ErrorTree = { [key: string]: ErrorTree | Array<{ code: string; message: string }> };

export interface DiscordRefusal {
  status: number;
  body: { message: string; code: number; errors?: ErrorTree };
}

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export class Errors {
  readonly tree: ErrorTree = {};
  add(path: Array<string | number>, code: string, message: string) {
    let node = this.tree;
    for (const key of path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as ErrorTree;
    }
    node._errors ??= [];
    (node._errors as Array<{ code: string; message: string }>).push({ code, message });
  }
  get empty() {
    return Object.keys(this.tree).length === 0;
  }
}

export const maxLength = (errors: Errors, path: Array<string | number>, value: unknown, max: number) => {
  if (typeof value === "string" && value.length > max) errors.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
};

export const length = (v: unknown) => (typeof v === "string" ? v.length : 0);

/** The refusal for what `errors` holds, or undefined when it holds nothing. */
export function invalidFormBody(errors: Errors): DiscordRefusal | undefined {
  if (errors.empty) return undefined;
  return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: errors.tree } };
}
