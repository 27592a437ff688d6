import { LOCAL_S3_CREDENTIALS, localPorts } from "../infra/ports.js";
import { type Config, loadConfig } from "../shared/config.js";
import { JobsRepository, connectMongo } from "../shared/db/mongo/index.js";
import { type Storage, createStorage } from "../shared/storage/client.js";
import { thumbnailKey, thumbnailsPrefix } from "../shared/storage/keys.js";
import { listObjects } from "../shared/storage/objects.js";
import { ensureThumbnail } from "../shared/storage/thumbnails.js";

export interface BackfillReport {
  jobs: number;
  made: number;
  present: number;
  failed: number;
}

/**
 * Makes the thumbnail of every picture of every image job (deleted ones aside) that has none.
 * What is there is left alone, so a run that stopped half way is resumed by running it again.
 */
export async function backfillThumbnails(
  deps: { jobs: Pick<JobsRepository, "summaries">; storage: Storage },
  on: { failure?: (jobId: string, n: number, reason: string) => void; progress?: (report: BackfillReport) => void } = {},
): Promise<BackfillReport> {
  const report: BackfillReport = { jobs: 0, made: 0, present: 0, failed: 0 };
  for await (const job of deps.jobs.summaries({ type: "image-generation", deletedAt: null })) {
    const latest = job.versions.filter((v) => "images" in v).at(-1);
    const count = latest && "images" in latest ? latest.images.length : 0;
    if (count === 0) continue;
    report.jobs++;
    // One listing per job tells which of its thumbnails exist.
    const present = new Set<string>();
    for await (const o of listObjects(deps.storage, thumbnailsPrefix(job.userId, job.jobId))) present.add(o.key);
    for (let n = 1; n <= count; n++) {
      if (present.has(thumbnailKey(job.userId, job.jobId, n))) {
        report.present++;
        continue;
      }
      try {
        await ensureThumbnail(deps.storage, job, n);
        report.made++;
      } catch (err) {
        report.failed++;
        on.failure?.(job.jobId, n, err instanceof Error ? err.message : String(err));
      }
    }
    on.progress?.(report);
  }
  return report;
}

/** The embedded servers `npm start` runs, for whatever the environment leaves unset outside production. */
function localDefaults(config: Config): { mongoUrl: string; s3: Config["s3"] } {
  const ports = localPorts(config.dataDir);
  const mongoUrl = config.mongo.url ?? `mongodb://127.0.0.1:${ports.mongo}/`;
  if (config.s3.endpoint || config.env === "production") return { mongoUrl, s3: config.s3 };
  return { mongoUrl, s3: { ...config.s3, endpoint: `http://127.0.0.1:${ports.s3}`, ...LOCAL_S3_CREDENTIALS, forcePathStyle: true } };
}

/** `thumbnails backfill`: on the job store and the bucket directly, not through the API. */
export async function thumbnails(): Promise<void> {
  const config = loadConfig();
  const { mongoUrl, s3 } = localDefaults(config);
  const mongo = await connectMongo(mongoUrl, config.mongo.db);
  const storage = createStorage(s3);
  try {
    const line = (r: BackfillReport) => `made ${r.made}, already there ${r.present}, failed ${r.failed} (${r.jobs} image jobs)`;
    let shown = 0;
    const report = await backfillThumbnails(
      { jobs: new JobsRepository(mongo.db), storage },
      {
        failure: (jobId, n, reason) => void process.stderr.write(`job ${jobId} image ${n}: ${reason}\n`),
        progress: (r) => {
          if (r.jobs - shown < 100) return;
          shown = r.jobs;
          process.stderr.write(`… ${line(r)}\n`);
        },
      },
    );
    process.stdout.write(`thumbnails: ${line(report)}\n`);
    // A picture whose thumbnail could not be made is a failure to see in scripts; a rerun tries it again.
    if (report.failed > 0) process.exitCode = 1;
  } finally {
    storage.client.destroy();
    await mongo.close();
  }
}
