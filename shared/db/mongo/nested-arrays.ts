/**
 * The embedded FerretDB stores no array directly inside another ("nested arrays are not
 * supported"), and a job's input may hold one: a vary-region's polygons, [[[x, y], …], …]. Such
 * an array is stored wrapped in an object of one field, and unwrapped when the document is read,
 * so every reader sees the input as it was given. Production's MongoDB holds nested arrays; the
 * wrapping is for the embedded store alone, kept on both so a document reads the same on each.
 */
const WRAPPED = "__items";

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** The value with each array inside an array wrapped: `[[1, 2]]` is stored as `[{ __items: [1, 2] }]`. */
export function wrapNestedArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (Array.isArray(v) ? { [WRAPPED]: wrapNestedArrays(v) } : wrapNestedArrays(v)));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrapNestedArrays(v)]));
  return value;
}

/** The stored value as it was given: each wrapped array in an array unwrapped. */
export function unwrapNestedArrays(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map((v) => {
      if (isPlainObject(v) && Object.keys(v).length === 1 && Array.isArray(v[WRAPPED])) return unwrapNestedArrays(v[WRAPPED]);
      return unwrapNestedArrays(v);
    });
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapNestedArrays(v)]));
  return value;
}
