import { createCallerFactory, router } from "./init.js";
import { galleryRouter } from "./routers/gallery/_router.js";
import { assetsRouter } from "./routers/assets/_router.js";
import { boardsRouter } from "./routers/boards/_router.js";
import { favouritesRouter } from "./routers/favourites/_router.js";
import { healthRouter } from "./routers/health.js";
import { jobsRouter } from "./routers/jobs/_router.js";
import { settingsRouter } from "./routers/settings/_router.js";
import { transcriptsRouter } from "./routers/transcripts/_router.js";
import { usageRouter } from "./routers/usage/_router.js";

export const appRouter = router({
  health: healthRouter,
  jobs: jobsRouter,
  assets: assetsRouter,
  usage: usageRouter,
  settings: settingsRouter,
  gallery: galleryRouter,
  favourites: favouritesRouter,
  boards: boardsRouter,
  transcripts: transcriptsRouter,
});

/** The API's type, imported by the bots and the TypeScript client. */
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
