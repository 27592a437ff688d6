import { z } from "zod";
import type { PicturePage } from "../../../jobs/pictures.js";
import { deliveryStatuses } from "../../../shared/chat/delivery-status.js";
import { fields, limits } from "../../../shared/jobs/input.js";
import { toPublicJob } from "../../../shared/jobs/view.js";
import { linkFactory } from "../../../shared/links/factory.js";
import type { AuthedContext } from "../context.js";
import { MAX_PAGE_SIZE } from "./jobs/list.schema.js";

/** One picture of a job: `picture` counts the pictures of its latest version from 1 (1 for a job without pictures). */
export const pictureRef = z.strictObject({
  jobId: fields.jobId,
  picture: z.number().int().min(1).max(limits.imageCount.max).default(1),
});

/** Pictures one call puts on a board or takes off: a gallery selection. */
export const MAX_PICTURES_PER_CALL = 100;
export const pictureRefs = z.array(pictureRef).min(1).max(MAX_PICTURES_PER_CALL);

export const picturePageInput = {
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  cursor: z.string().max(512).nullish(),
};

/** A page of pictures as the API shows jobs (signed links, no credentials), each with when it was put there. */
export async function publicPicturePage(ctx: AuthedContext, page: PicturePage) {
  const link = linkFactory(ctx.deps.config, ctx.baseUrl);
  const delivery = await deliveryStatuses(
    ctx.deps.sql.db,
    page.items.map((i) => i.job),
  );
  return {
    items: page.items.map((i) => ({
      job: toPublicJob(i.job, link, delivery.get(i.job.jobId)),
      picture: i.picture,
      addedAt: i.addedAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}
