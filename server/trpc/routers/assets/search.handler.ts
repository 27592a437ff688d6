import type { z } from "zod";
import { searchTerms } from "../../../../shared/search.js";
import { JobsError } from "../../../../jobs/errors.js";
import { listJobs } from "../../../../jobs/list.js";
import { toPublicJob } from "../../../../shared/jobs/view.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import type { AuthedContext } from "../../context.js";
import type { searchAssetsInput } from "./schemas.js";

/** Jobs having every word of the query in their prompt, trigger word, file names or transcript. */
export async function searchAssetsHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof searchAssetsInput> }) {
  const terms = searchTerms(input.q);
  if (terms.length === 0) throw new JobsError("BAD_REQUEST", "q needs a word of at least 2 letters or digits");
  const page = await listJobs(ctx, { userId: input.userId, type: input.type, terms, limit: input.limit, cursor: input.cursor });
  const link = linkFactory(ctx.deps.config, ctx.baseUrl);
  return { query: input.q, terms, items: page.items.map((j) => toPublicJob(j, link)), nextCursor: page.nextCursor };
}
