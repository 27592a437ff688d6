import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { initTRPC } from "@trpc/server";
import { describe, expect, it } from "vitest";

// patches/@trpc+server+11.25.2.patch makes tRPC's object-spread helper copy with Object.assign.
// These are the cases where the two could differ: what a middleware hands on, an own
// "__proto__" key, and a context whose objects must stay the same ones.
describe("tRPC spread patch (patches/@trpc+server+11.25.2.patch)", () => {
  const t = initTRPC.context<{ base: { id: number }; extra?: unknown }>().create();

  it("a middleware's context is merged into the one it had, each object the same one", async () => {
    const base = { id: 1 };
    const seen: unknown[] = [];
    const router = t.router({
      read: t.procedure
        .use(({ next }) => next({ ctx: { extra: "added" } }))
        .query(({ ctx }) => {
          seen.push(ctx.base);
          return { base: ctx.base.id, extra: ctx.extra };
        }),
    });
    const caller = t.createCallerFactory(router)({ base });
    expect(await caller.read()).toEqual({ base: 1, extra: "added" });
    expect(seen[0]).toBe(base);
  });

  it("an own __proto__ key in a context stays a key and changes no prototype", async () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const router = t.router({
      read: t.procedure
        .use(({ next }) => next({ ctx: hostile }))
        .query(({ ctx }) => ({ own: Object.hasOwn(ctx, "__proto__"), polluted: (ctx as Record<string, unknown>).polluted ?? null })),
    });
    const caller = t.createCallerFactory(router)({ base: { id: 1 } });
    expect(await caller.read()).toEqual({ own: true, polluted: null });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("the patched helper is the one installed", async () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve("@trpc/server"));
    const helper = (await readdir(dist)).find((f) => f.startsWith("getErrorShape-") && f.endsWith(".mjs"));
    expect(await readFile(path.join(dist, helper ?? ""), "utf8")).toContain("Object.assign(e, t)");
  });
});
