import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { searchTerms } from "../../../../shared/search.js";
import { pageOfJobs } from "../../../jobs/page.js";
import { scopeFilter } from "../../../jobs/scope.js";
import { toPublicJob } from "../../../../shared/jobs/view.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import type { AuthedContext } from "../../context.js";
import type { searchAssetsInput } from "./schemas.js";

/** Jobs having every word of the query in their prompt, trigger word, file names or transcript. */
export async function searchAssetsHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof searchAssetsInput> }) {
  const terms = searchTerms(input.q);
  if (terms.length === 0) throw new TRPCError({ code: "BAD_REQUEST", message: "q needs a word of at least 2 letters or digits" });
  const filter = await scopeFilter(ctx, input.userId);
  filter.searchTerms = { $all: terms };
  if (input.type) filter.type = input.type;
  const page = await pageOfJobs(ctx, filter, { limit: input.limit, cursor: input.cursor });
  const link = linkFactory(ctx.deps.config, ctx.baseUrl);
  return { query: input.q, terms, items: page.items.map((j) => toPublicJob(j, link)), nextCursor: page.nextCursor };
}
