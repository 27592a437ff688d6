import type { TrpcOperation } from "./trpc-operation.js";

/** The favourites and boards procedures in the OpenAPI document; a picture is `{jobId, picture}`, `picture` counted from 1. */
export const organizeOperations: TrpcOperation[] = [
  {
    path: "favourites.add",
    summary: "Favourite a picture",
    description:
      "One picture of a job the caller may see becomes one of the caller's favourites; `added` is false when it was one already.",
    refusals: ["404"],
  },
  {
    path: "favourites.remove",
    summary: "Unfavourite a picture",
    description: "The picture leaves the caller's favourites; `removed` is false when it was not one.",
  },
  {
    path: "favourites.list",
    summary: "The caller's favourites",
    description:
      "The caller's favourite pictures, the newest favourite first: each item is `{job, picture, addedAt}`; pass `nextCursor` as `cursor` for the next page. No one else sees them.",
  },
  {
    path: "boards.create",
    summary: "Make a board",
    description: "A board of the caller's workspace, which every member there sees; a name in use already answers 409.",
    refusals: ["409", "412"],
  },
  {
    path: "boards.rename",
    summary: "Rename a board",
    description: "Its creator or a workspace owner or admin renames the board; anyone else: 403.",
    refusals: ["403", "404", "409"],
  },
  {
    path: "boards.delete",
    summary: "Delete a board",
    description: "Its creator or a workspace owner or admin deletes the board; the pictures on it stay.",
    refusals: ["403", "404"],
  },
  {
    path: "boards.list",
    summary: "The workspace's boards",
    description: "Every board of the caller's workspace by name, with the number of pictures on each.",
  },
  {
    path: "boards.add",
    summary: "Put pictures on a board",
    description:
      "Up to 100 pictures the caller may see go on the board, each once; one the caller may not see refuses the call and adds none.",
    refusals: ["404"],
  },
  {
    path: "boards.remove",
    summary: "Take pictures off a board",
    description: "The pictures come off the board; they are not deleted.",
    refusals: ["404"],
  },
  {
    path: "boards.pictures",
    summary: "A board's pictures",
    description:
      "The board and a page of its pictures the caller may see, the last added first; pass `nextCursor` as `cursor` for the next page.",
    refusals: ["404"],
  },
];
