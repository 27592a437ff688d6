/** @jsxImportSource hono/jsx */
import { statusDetail } from "../../../shared/jobs/status-detail.js";
import { DEFAULT_VIDEO_ASPECT_RATIO } from "../../../shared/jobs/video-endpoints.js";
import type { PublicJob } from "../../../shared/jobs/view.js";
import { galleryText } from "../locale/gallery-text.js";
import { jobText } from "../locale/job-text.js";
import { inViewerLocale } from "../locale/current.js";
import { videoText } from "../locale/video-text.js";
import { videoPath } from "./video-player.js";

type VideoVersionView = Extract<PublicJob["versions"][number], { video: unknown }>;

/**
 * A clip's tile: its poster at the clip's own shape, and its short preview, which the page script
 * plays while the tile is hovered, focused or touched (muted and looping, in place on a phone).
 * Without the script it is the poster, a link to the clip's page.
 */
export function VideoTileLink(props: { job: PublicJob; version: VideoVersionView; prompt: string }) {
  const { job, version: v } = props;
  const label = inViewerLocale(videoText).clip(props.prompt);
  return (
    <a href={`/app/jobs/${job.jobId}`} class="open clip-tile" aria-label={label}>
      <img src={videoPath(job.jobId, "poster")} alt="" loading="lazy" width={v.video.width} height={v.video.height} />
      {v.previewUrl ? (
        <video
          muted
          loop
          playsinline
          preload="none"
          data-preview={videoPath(job.jobId, "preview")}
          width={v.video.width}
          height={v.video.height}
        />
      ) : null}
      <span class="clip-badge" aria-hidden="true">
        ▶
      </span>
    </a>
  );
}

/** The shapes a clip in the making is drawn at: a text-to-video's asked ratio; an animate or extend keeps its source's, square until known. */
const pendingAspects = ["16:9", "9:16", "1:1"];

/**
 * A clip still in the making, as a clip's tile: a frame at the clip's shape with its status, its
 * progress and its place at the provider, which the page script keeps live (jobs.watch) and
 * swaps for the finished clip's tile when it is done.
 */
export function PendingVideoTileLink(props: { job: PublicJob; prompt: string }) {
  const { job } = props;
  const text = inViewerLocale(videoText);
  const gallery = inViewerLocale(galleryText);
  const asked = typeof job.input.aspectRatio === "string" ? job.input.aspectRatio : undefined;
  const aspect = job.input.operation ? "1:1" : asked && pendingAspects.includes(asked) ? asked : DEFAULT_VIDEO_ASPECT_RATIO;
  return (
    <a href={`/app/jobs/${job.jobId}`} class="open clip-tile pending-clip" data-aspect={aspect}>
      <span class="kind">{text.player}</span>
      <span class="title">{props.prompt}</span>
      <span class={`status status-${job.status}`}>{gallery.statuses[job.status]}</span>
      <progress max={100} value={job.progress ?? 0} aria-label={inViewerLocale(jobText).progress} />
      <span class="detail" data-field="detail">
        {statusDetail(job, inViewerLocale(jobText).statusDetail)}
      </span>
      <span class="clip-badge" aria-hidden="true">
        ▶
      </span>
    </a>
  );
}
