/** @jsxImportSource hono/jsx */
import type { PublicJob } from "../../../shared/jobs/view.js";
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
