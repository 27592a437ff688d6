import { z } from "zod";
import { deliveryRequest } from "../../../../shared/chat/delivery.js";

export const rerunJobInput = z.object({
  jobId: z.string().min(1).max(64),
  /** A new seed for image generation; omitted keeps the original one (or none). */
  seed: z.number().int().min(0).max(4_294_967_295).optional(),
  /** Variations: the same prompt with another image count. */
  count: z.number().int().min(1).max(4).optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
  /** Chat bots only: where the new job reports back. */
  delivery: deliveryRequest.optional(),
});
