/** @jsxImportSource hono/jsx */
import type { PublicJob } from "../../../shared/jobs/view.js";
import { inViewerLocale } from "../locale/current.js";
import { videoText } from "../locale/video-text.js";

type VideoVersionView = Extract<PublicJob["versions"][number], { video: unknown }>;

/** Where the gallery serves a video job's latest clip, poster or preview: a redirect to a short-lived presigned URL. */
export const videoPath = (jobId: string, file: "clip" | "poster" | "preview") => `/app/videos/${jobId}/${file}`;

/**
 * One version of a clip on its job page: the latest plays in a player (its poster shown until it
 * does), an older one is its link; each with its duration and downloads.
 */
export function VideoVersion(props: { jobId: string; version: VideoVersionView; latest: boolean; title: string }) {
  const { jobId, version: v } = props;
  const text = inViewerLocale(videoText);
  const size = `${v.video.width}×${v.video.height}`;
  return (
    <figure class="clip">
      {props.latest ? (
        // biome-ignore lint/a11y/useMediaCaption: the clips are made from a picture and a prompt, without speech to caption
        <video
          controls
          playsinline
          preload="metadata"
          src={videoPath(jobId, "clip")}
          poster={v.posterUrl ? videoPath(jobId, "poster") : undefined}
          width={v.video.width}
          height={v.video.height}
          aria-label={`${text.player}: ${props.title}`}
          data-clip=""
        />
      ) : null}
      <figcaption>
        {text.duration}: {text.seconds(v.video.duration)} ·{" "}
        <a href={v.video.url} download>
          {text.download(size)}
        </a>
        {v.posterUrl ? (
          <>
            {" · "}
            <a href={v.posterUrl} download>
              {text.downloadPoster}
            </a>
          </>
        ) : null}
      </figcaption>
    </figure>
  );
}
