import { z } from "zod";
import { picturePageInput, pictureRefs } from "../picture-refs.js";

const boardId = z.uuid();
/** A board's name as people type it: trimmed, one line. */
const name = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(80, "must be at most 80 characters")
  .regex(/^[^\p{Cc}]*$/u, "must be one line of text");

export const createBoardInput = z.strictObject({ name });
export const renameBoardInput = z.strictObject({ boardId, name });
export const boardIdInput = z.strictObject({ boardId });
export const boardPicturesInput = z.strictObject({ boardId, pictures: pictureRefs });
export const boardPageInput = z.strictObject({ boardId, ...picturePageInput });
