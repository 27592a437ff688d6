/** @jsxImportSource hono/jsx */
import { inViewerLocale } from "../locale/current.js";
import { editorText } from "../locale/editor-text.js";
import { randomUUID } from "node:crypto";
import { limits, panDirections } from "../../../shared/jobs/input.js";
import { Layout, type Viewer } from "./layout.js";

/** The picture an editor works on: which job and picture, where it is served, and its size in pixels. */
export interface EditedPicture {
  jobId: string;
  image: number;
  version: number;
  width: number;
  height: number;
  prompt: string | null;
  /** The new job's, as the job page's buttons make it: the source's. */
  visibility: string;
}

const pictureUrl = (p: EditedPicture) => `/app/images/${p.jobId}/${p.image}?version=${p.version}`;

function Back(props: { picture: EditedPicture }) {
  return (
    <p>
      <a href={`/app/jobs/${props.picture.jobId}`}>{inViewerLocale(editorText).back}</a>
    </p>
  );
}

const NeedsScript = () => (
  <noscript>
    <p class="error">{inViewerLocale(editorText).needsScript}</p>
  </noscript>
);

/**
 * Vary Region: a canvas over the picture at the picture's own size (shown scaled), on which a brush
 * and a lasso mark what to repaint; the page's script sends the marks as polygons in the
 * picture's pixels with the prompt through /app/trpc.
 */
export function RegionEditorPage(props: { viewer: Viewer; picture: EditedPicture }) {
  const { picture } = props;
  const words = inViewerLocale(editorText);
  const text = words.region;
  return (
    <Layout title={text.title} viewer={props.viewer}>
      <Back picture={picture} />
      <h1>{text.title}</h1>
      <NeedsScript />
      <section
        class="editor region-editor"
        data-region-editor=""
        data-job-id={picture.jobId}
        data-image={String(picture.image)}
        data-width={String(picture.width)}
        data-height={String(picture.height)}
        data-visibility={picture.visibility}
        data-max-shapes={String(limits.regionShapes)}
        data-max-points={String(limits.polygonPoints)}
      >
        <p class="hint">{text.hint(`${picture.width}×${picture.height}`)}</p>
        <div class="toolbar" role="toolbar" aria-label={text.tools}>
          <button type="button" data-tool="brush" aria-pressed="true">
            {text.brush}
          </button>
          <button type="button" data-tool="lasso" aria-pressed="false">
            {text.lasso}
          </button>
          <label>
            {text.brushSize}
            <input type="range" data-brush-size="" min="8" max="256" step="4" value="48" />
          </label>
          <button type="button" data-undo="" disabled>
            {text.undo}
          </button>
          <button type="button" data-clear="" disabled>
            {text.clear}
          </button>
        </div>
        <div class="stage">
          <img src={pictureUrl(picture)} alt={picture.prompt ?? words.picture} width={picture.width} height={picture.height} />
          <canvas data-mask="" width={picture.width} height={picture.height} role="img" aria-label={text.mask} />
        </div>
        <form class="editor-submit" data-region-form="">
          <label>
            {text.what}
            <input name="prompt" required maxlength={limits.promptLength} placeholder={text.placeholder} />
          </label>
          <button type="submit" class="primary" disabled>
            {text.submit}
          </button>
          <p class="error" role="alert" data-error="" hidden />
        </form>
      </section>
    </Layout>
  );
}

const arrows = { left: "⬅", right: "➡", up: "⬆", down: "⬇" } as const;
const ratios = ["1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3"] as const;

/**
 * Zoom Out and Pan: a form that works as it is (it posts like the job page's buttons); the page's
 * script draws the frame growing around the picture, the new part as a checkerboard, as the
 * factor, direction and amount change.
 */
export function ZoomEditorPage(props: { viewer: Viewer; picture: EditedPicture; mode: "zoom-out" | "pan" }) {
  const { picture, viewer } = props;
  const text = inViewerLocale(editorText).zoom;
  return (
    <Layout title={text.title} viewer={viewer}>
      <Back picture={picture} />
      <h1>{text.title}</h1>
      <form
        method="post"
        action={`/app/jobs/${picture.jobId}/actions`}
        class="editor zoom-editor"
        data-zoom-editor=""
        data-width={String(picture.width)}
        data-height={String(picture.height)}
      >
        <input type="hidden" name="_csrf" value={viewer.csrfToken} />
        <input type="hidden" name="_once" value={randomUUID()} />
        <input type="hidden" name="image" value={String(picture.image)} />
        <fieldset class="choices">
          <legend>{text.grow}</legend>
          <label>
            <input type="radio" name="action" value="zoom-out" checked={props.mode === "zoom-out"} /> {text.zoomOutEvery}
          </label>
          <label>
            <input type="radio" name="action" value="pan" checked={props.mode === "pan"} /> {text.panOne}
          </label>
        </fieldset>
        <fieldset class="choices" data-for="zoom-out">
          <legend>{text.zoomOut}</legend>
          <label>
            {text.factor}
            <input
              type="number"
              name="factor"
              min="1.05"
              max={String(limits.zoomFactor.max)}
              step="0.05"
              value="1.5"
              required
              data-factor=""
            />
          </label>
          <button type="button" data-set-factor="1.5">
            1.5×
          </button>
          <button type="button" data-set-factor="2">
            2×
          </button>
          <label>
            {text.shape}
            <select name="aspectRatio">
              <option value="">{text.picturesShape}</option>
              {ratios.map((r) => (
                <option value={r}>{r}</option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset class="choices" data-for="pan">
          <legend>{text.pan}</legend>
          {panDirections.map((d, i) => (
            <label class="direction">
              <input type="radio" name="direction" value={d} checked={i === 0} /> <span aria-hidden="true">{arrows[d]}</span>{" "}
              {text.directions[d]}
            </label>
          ))}
          <label>
            {text.amount}
            <input
              type="range"
              name="amount"
              min={String(limits.panAmount.min)}
              max={String(limits.panAmount.max)}
              step="0.05"
              value={String(limits.panAmount.default)}
            />
          </label>
        </fieldset>
        <label class="wide">
          {text.prompt}
          <input name="prompt" maxlength={limits.promptLength} placeholder={picture.prompt ?? text.placeholder} />
        </label>
        <figure class="outpaint-preview">
          <canvas data-preview="" width="720" height="480" role="img" aria-label={text.preview} />
          <img src={pictureUrl(picture)} alt="" hidden data-source="" />
          <figcaption data-frame-size="">{text.pictureIs(`${picture.width}×${picture.height}`)}</figcaption>
        </figure>
        <button type="submit" class="primary">
          {text.submit}
        </button>
      </form>
    </Layout>
  );
}
