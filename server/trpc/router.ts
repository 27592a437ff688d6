import { createCallerFactory, router } from "./init.js";
import { healthRouter } from "./routers/health.js";

export const appRouter = router({
  health: healthRouter,
});

/** The API's type, imported by the bots and the TypeScript client. */
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
