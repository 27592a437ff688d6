import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../../../server/trpc/router.js";

export type { AppRouter };

/** Every procedure's input, by path: `RouterInputs["jobs"]["create"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Every procedure's answer, by path: `RouterOutputs["jobs"]["get"]`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** A job as the API shows it (jobs.get, jobs.list, jobs.watch). */
export type Job = RouterOutputs["jobs"]["get"];
/** jobs.create's input: a union on `type`. */
export type CreateJobInput = RouterInputs["jobs"]["create"];
/** One of a job's files, with the version it belongs to. */
export type JobFile = Job["files"][number];
