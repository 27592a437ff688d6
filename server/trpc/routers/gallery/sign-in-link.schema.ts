import { z } from "zod";
import { GALLERY_PATH_MAX, isGalleryPath } from "../../../../shared/links/gallery-path.js";

/** `next`: the gallery page the link opens once signed in (a chat button's region editor); unset, the gallery. */
export const signInLinkInput = z
  .strictObject({
    next: z
      .string()
      .max(GALLERY_PATH_MAX)
      .refine(isGalleryPath, "must be a path of this gallery (/app/…), not another site or the sign-in page")
      .optional(),
  })
  .optional();
