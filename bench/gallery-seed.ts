import { randomUUID } from "node:crypto";
import type { JobDocument } from "../shared/db/mongo/job-schema.js";
import { JOBS_COLLECTION } from "../shared/db/mongo/jobs-collection.js";
import { addBoardPictures, createBoard } from "../shared/db/sql/boards.js";
import { favourites } from "../shared/db/sql/organize-schema.js";
import type { AppDeps } from "../server/deps.js";

/** Pictures on the bench's board and among the viewer's favourites: far more than a page. */
export const ORGANIZED_PICTURES = 2_000;

/** The job at position n of the seed: most are pictures in three shapes, one in 14 a transcript, one in 33 a LoRA. */
function seedJob(n: number, workspaceId: string, members: number, start: number): JobDocument {
  const jobId = randomUUID();
  const userId = `member-${n % members}`;
  const createdAt = new Date(start + n * 60_000);
  const common = {
    _id: jobId,
    jobId,
    status: "completed" as const,
    userId,
    workspaceId,
    visibility: n % 10 === 0 ? ("private" as const) : ("workspace" as const),
    progress: 100,
    provider: null,
    error: null,
    deletedAt: null,
    // One picture in 40 has been used, up to 16 times: a long tail, as upscales and variations make.
    uses: n % 40 === 0 ? 1 + (n % 16) : 0,
    createdAt,
    updatedAt: createdAt,
  };
  if (n % 14 === 7) {
    const key = `transcripts/${userId}/${jobId}/transcript.json`;
    return {
      ...common,
      type: "transcription",
      input: { uploadKey: `temp/${workspaceId}/${userId}/${jobId}/call-${n}.wav` },
      versions: [
        { version: 1, transcriptUrl: key, textUrl: key, wordCount: 120, duration: 60, excerpt: `call number ${n} about the month` },
      ],
      searchTerms: ["call", "number", String(n), "month", "transcript"],
    };
  }
  if (n % 33 === 5) {
    const key = `loras/${userId}/${jobId}/v1/model.safetensors`;
    return {
      ...common,
      type: "lora-training",
      input: { triggerWord: `style${n}` },
      versions: [{ version: 1, modelUrl: key, s3Key: key, sizeBytes: 1_000_000 }],
      searchTerms: [`style${n}`],
    };
  }
  const [width, height] = (
    [
      [1024, 1024],
      [1344, 768],
      [768, 1344],
    ] as const
  )[n % 3] ?? [1024, 1024];
  const key = `generated-images/${userId}/${jobId}/image_1.png`;
  return {
    ...common,
    type: "image-generation",
    input: { prompt: `picture number ${n} of a long month`, imageSize: "square", count: 1 },
    versions: [
      {
        version: 1,
        seed: String(n),
        images: [{ url: key, s3Key: key, width, height, sizeBytes: 1_500_000, contentType: "image/png" }],
        createdAt,
      },
    ],
    searchTerms: ["picture", "number", String(n), "long", "month", "image_1", "png"],
  };
}

/**
 * `jobs` documents in one workspace, a minute apart, written in batches straight to the store, and
 * a board and the viewer's favourites of ORGANIZED_PICTURES of its shared pictures each. Returns the
 * board's id and those pictures' jobs and keys (the seed writes no object to S3).
 */
export async function seedGallery(
  deps: AppDeps,
  opts: { workspaceId: string; viewer: string; jobs: number; members: number; log: (m: string) => void },
): Promise<{ boardId: string; pictures: Array<{ jobId: string; key: string }> }> {
  const start = Date.now() - opts.jobs * 60_000;
  const pictures: Array<{ jobId: string; key: string }> = [];
  for (let batch = 0; batch < opts.jobs / 1000; batch++) {
    const docs = Array.from({ length: 1000 }, (_, i) => seedJob(batch * 1000 + i, opts.workspaceId, opts.members, start));
    await deps.mongo.db.collection<JobDocument>(JOBS_COLLECTION).insertMany(docs);
    for (const d of docs) {
      const image = d.versions[0] && "images" in d.versions[0] ? d.versions[0].images[0] : undefined;
      if (image && d.visibility === "workspace" && pictures.length < ORGANIZED_PICTURES)
        pictures.push({ jobId: d.jobId, key: image.s3Key });
    }
    if ((batch + 1) % 20 === 0) opts.log(`gallery: ${(batch + 1) * 1000} jobs stored`);
  }
  const refs = pictures.map(({ jobId }) => ({ jobId, picture: 1 }));
  const board = await createBoard(deps.sql.db, { workspaceId: opts.workspaceId, name: "Bench board", createdBy: opts.viewer });
  for (let i = 0; i < refs.length; i += 500)
    await addBoardPictures(deps.sql.db, board.id, refs.slice(i, i + 500), opts.viewer, new Date(start + i * 1000));
  for (let i = 0; i < refs.length; i += 500) {
    await deps.sql.db
      .insert(favourites)
      .values(
        refs
          .slice(i, i + 500)
          .map((r, k) => ({ workspaceId: opts.workspaceId, userId: opts.viewer, ...r, createdAt: new Date(start + (i + k) * 1000) })),
      );
  }
  return { boardId: board.id, pictures };
}
