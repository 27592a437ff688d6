/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { galleryText } from "../locale/gallery-text.js";
import { usd } from "../locale/numbers.js";
import { jobSorts } from "../../../shared/db/mongo/job-pages.js";
import { imageEndpointName } from "../../../shared/jobs/image-endpoints.js";
import type { PublicJob } from "../../../shared/jobs/view.js";
import { type GalleryFilters, filtersQuery } from "../filters.js";
import { CreateBar } from "./create-bar.js";
import { FiltersDisclosure } from "./filters-disclosure.js";
import { MeetingSearchBox } from "./meetings.js";
import { Layout, type Viewer } from "./layout.js";
import { Lightbox } from "./lightbox.js";
import { TileControls, pictureKey } from "./picture-tile.js";
import { type BoardChoice, SelectionBar } from "./selection-bar.js";
import { TextTileLink, textTileTitle } from "./text-tile.js";
import { PendingVideoTileLink, VideoTileLink } from "./video-tile.js";
import { videoText } from "../locale/video-text.js";

export interface GalleryPageData {
  viewer: Viewer;
  filters: GalleryFilters;
  items: PublicJob[];
  nextCursor: string | null;
  members: Array<{ userId: string; displayName: string | null }>;
  loras: Array<{ jobId: string; name: string }>;
  organize: TilesOrganize;
  boards: BoardChoice[];
}

function promptOf(job: PublicJob): string {
  const prompt = job.input.prompt ?? job.parent?.prompt;
  return typeof prompt === "string" && prompt ? prompt : job.type;
}

/** A signed-in page's tiles can be selected and favourited: its CSRF token, and the viewer's favourites among them (`jobId/picture`). */
export interface TilesOrganize {
  csrfToken: string;
  favourites: ReadonlySet<string>;
  /** The trigger words of the LoRAs the tiles' jobs used, by training job id: what the lightbox names a LoRA by. */
  loraNames?: ReadonlyMap<string, string>;
}

/**
 * One tile per picture of a job's latest version (or only picture `only`); a clip is one tile, its
 * poster playing its preview, and one in the making a clip's tile with its progress; any other job
 * without pictures is one tile that says what it is. A tile of a job still queued or running is
 * followed live by the page script (`data-follow`), wherever it came from: the page, a later page.
 */
export function Tiles(props: { items: PublicJob[]; organize?: TilesOrganize | undefined; only?: number | undefined }) {
  const { organize } = props;
  const text = inViewerLocale(galleryText);
  const controls = (jobId: string, n: number, label: string) =>
    organize ? (
      <TileControls
        jobId={jobId}
        picture={n}
        label={label}
        organize={{ csrfToken: organize.csrfToken, favourite: organize.favourites.has(pictureKey(jobId, n)) }}
      />
    ) : null;
  return (
    <>
      {props.items.flatMap((job) => {
        const latest = job.versions.at(-1);
        const images = latest && "images" in latest ? latest.images : [];
        const prompt = promptOf(job);
        const loraId = (job.input.lora as { jobId?: unknown } | undefined)?.jobId;
        const lora = typeof loraId === "string" ? loraId : undefined;
        if (latest && "video" in latest) {
          if (props.only !== undefined && props.only !== 1) return [];
          return [
            <li class="tile tile-video" data-job-id={job.jobId}>
              {controls(job.jobId, 1, inViewerLocale(videoText).clip(prompt))}
              <VideoTileLink job={job} version={latest} prompt={prompt} />
            </li>,
          ];
        }
        if (job.type === "video-generation" && (job.status === "queued" || job.status === "running")) {
          if (props.only !== undefined && props.only !== 1) return [];
          return [
            <li class="tile tile-video tile-pending" data-job-id={job.jobId} data-follow="">
              {controls(job.jobId, 1, inViewerLocale(videoText).clip(prompt))}
              <PendingVideoTileLink job={job} prompt={prompt} />
            </li>,
          ];
        }
        if (images.length === 0) {
          // A job still in the making (pictures to come, a transcript, a LoRA) is followed live like a clip.
          const making = job.status === "queued" || job.status === "running";
          return [
            <li class="tile tile-text" data-job-id={job.jobId} data-follow={making ? "" : undefined}>
              {controls(job.jobId, 1, textTileTitle(job, prompt).title)}
              <TextTileLink job={job} prompt={prompt} />
            </li>,
          ];
        }
        return images.flatMap((img, i) => {
          const n = i + 1;
          if (props.only !== undefined && props.only !== n) return [];
          const alt = images.length > 1 ? text.nthOf(prompt, n, images.length) : prompt;
          return (
            <li class="tile" data-job-id={job.jobId}>
              {controls(job.jobId, n, alt)}
              <a
                href={`/app/jobs/${job.jobId}`}
                class="open"
                data-lightbox=""
                data-prompt={prompt}
                data-author={job.userId}
                data-seed={latest && "seed" in latest ? (latest.seed ?? "") : ""}
                data-size={`${img.width}×${img.height}`}
                data-lora={lora ?? ""}
                data-lora-name={lora ? (organize?.loraNames?.get(lora) ?? "") : ""}
                data-created={job.createdAt}
                data-model={latest && "endpoint" in latest && latest.endpoint ? imageEndpointName(latest.endpoint) : ""}
                data-cost={job.costUsd !== null ? usd(job.costUsd) : ""}
                data-download={img.url}
                data-full={`/app/images/${job.jobId}/${n}`}
              >
                {/* The picture's own size: the browser reserves its shape before it loads (see .tile img). */}
                <img src={`/app/thumbnails/${job.jobId}/${n}`} alt={alt} loading="lazy" width={img.width} height={img.height} />
              </a>
            </li>
          );
        });
      })}
    </>
  );
}

/** The link that loads the next page: a plain link without script, loaded in place while scrolling with it. */
export function MoreLink(props: { filters: GalleryFilters; nextCursor: string | null }) {
  const text = inViewerLocale(galleryText);
  if (!props.nextCursor) return <p class="end">{text.end}</p>;
  return (
    <a
      class="more"
      href={`/app?${filtersQuery(props.filters, props.nextCursor)}`}
      data-more={`/app/grid?${filtersQuery(props.filters, props.nextCursor)}`}
    >
      {text.loadMore}
    </a>
  );
}

/** A filter's select: one of the options, or none (its `any` label). */
function Picker(props: {
  label: string;
  name: string;
  any: string;
  selected: string | undefined;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={props.selected === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function GalleryPage(props: GalleryPageData) {
  const f = props.filters;
  const text = inViewerLocale(galleryText);
  const words = text.filter;
  return (
    <Layout title={text.title} viewer={props.viewer} current="/app">
      <h1 class="visually-hidden">{text.heading}</h1>
      <CreateBar loras={props.loras} />
      <FiltersDisclosure filters={f}>
        <form class="filters" method="get" action="/app">
          <label>
            {words.search}
            <input type="search" name="q" value={f.q ?? ""} placeholder={words.searchPlaceholder} maxlength={200} />
          </label>
          <label>
            {words.type}
            <select name="type">
              <option value="all" selected={f.type === "all"}>
                {text.allTypes}
              </option>
              {(["image-generation", "video-generation", "transcription", "lora-training"] as const).map((t) => (
                <option value={t} selected={f.type === t}>
                  {text.types[t]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {words.sort}
            <select name="sort">
              {jobSorts.map((o) => (
                <option value={o} selected={f.sort === o}>
                  {text.sorts[o]}
                </option>
              ))}
            </select>
          </label>
          <Picker
            label={words.member}
            name="member"
            any={words.everyone}
            selected={f.member}
            options={props.members.map((m) => ({ value: m.userId, label: m.displayName ?? m.userId }))}
          />
          <Picker
            label={words.lora}
            name="lora"
            any={words.anyLora}
            selected={f.lora}
            options={props.loras.map((l) => ({ value: l.jobId, label: l.name }))}
          />
          <label>
            {words.channel}
            <input type="text" name="channel" value={f.channel ?? ""} pattern="[A-Za-z0-9]{1,64}" placeholder={words.channelPlaceholder} />
          </label>
          <label>
            {words.from}
            <input type="date" name="from" value={f.from ?? ""} />
          </label>
          <label>
            {words.to}
            <input type="date" name="to" value={f.to ?? ""} />
          </label>
          <button type="submit">{words.apply}</button>
        </form>
      </FiltersDisclosure>
      {f.type === "transcription" ? <MeetingSearchBox query="" /> : null}
      {props.items.length === 0 ? (
        <p class="empty">{text.empty}</p>
      ) : (
        <>
          <SelectionBar csrfToken={props.viewer.csrfToken} boards={props.boards} back={`/app?${filtersQuery(f)}`} />
          <ul class="grid" aria-label={text.results}>
            <Tiles items={props.items} organize={props.organize} />
          </ul>
        </>
      )}
      <MoreLink filters={f} nextCursor={props.nextCursor} />
      <Lightbox />
    </Layout>
  );
}
