/** @jsxImportSource hono/jsx */
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
      <a href={`/app/jobs/${props.picture.jobId}`}>← Back to the job</a>
    </p>
  );
}

const NeedsScript = () => (
  <noscript>
    <p class="error">This editor draws on the picture with the page's script, which did not run.</p>
  </noscript>
);

/**
 * Vary Region: a canvas over the picture at the picture's own size (shown scaled), on which a brush
 * and a lasso mark what to repaint; the page's script sends the marks as polygons in the
 * picture's pixels with the prompt through /app/trpc.
 */
export function RegionEditorPage(props: { viewer: Viewer; picture: EditedPicture }) {
  const { picture } = props;
  return (
    <Layout title="Vary Region" viewer={props.viewer}>
      <Back picture={picture} />
      <h1>Vary Region</h1>
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
        <p class="hint">
          Paint or circle what to repaint; everything else stays as it is. The {picture.width}×{picture.height} picture is kept outside the
          marked part and a narrow seam around it.
        </p>
        <div class="toolbar" role="toolbar" aria-label="Mask tools">
          <button type="button" data-tool="brush" aria-pressed="true">
            Brush
          </button>
          <button type="button" data-tool="lasso" aria-pressed="false">
            Lasso
          </button>
          <label>
            Brush size
            <input type="range" data-brush-size="" min="8" max="256" step="4" value="48" />
          </label>
          <button type="button" data-undo="" disabled>
            Undo
          </button>
          <button type="button" data-clear="" disabled>
            Clear
          </button>
        </div>
        <div class="stage">
          <img src={pictureUrl(picture)} alt={picture.prompt ?? "picture"} width={picture.width} height={picture.height} />
          <canvas
            data-mask=""
            width={picture.width}
            height={picture.height}
            role="img"
            aria-label="The marked region, over the picture: draw on it with the brush or the lasso"
          />
        </div>
        <form class="editor-submit" data-region-form="">
          <label>
            What to paint there
            <input name="prompt" required maxlength={limits.promptLength} placeholder="a red sailing boat" />
          </label>
          <button type="submit" class="primary" disabled>
            Vary region
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
  return (
    <Layout title="Zoom Out and Pan" viewer={viewer}>
      <Back picture={picture} />
      <h1>Zoom Out and Pan</h1>
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
          <legend>Grow the frame</legend>
          <label>
            <input type="radio" name="action" value="zoom-out" checked={props.mode === "zoom-out"} /> Zoom out (every side)
          </label>
          <label>
            <input type="radio" name="action" value="pan" checked={props.mode === "pan"} /> Pan (one side)
          </label>
        </fieldset>
        <fieldset class="choices" data-for="zoom-out">
          <legend>Zoom out</legend>
          <label>
            Factor
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
            Shape
            <select name="aspectRatio">
              <option value="">the picture's</option>
              {ratios.map((r) => (
                <option value={r}>{r}</option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset class="choices" data-for="pan">
          <legend>Pan</legend>
          {panDirections.map((d, i) => (
            <label class="direction">
              <input type="radio" name="direction" value={d} checked={i === 0} /> <span aria-hidden="true">{arrows[d]}</span> {d}
            </label>
          ))}
          <label>
            Amount
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
          Prompt (optional: unset, the picture's own)
          <input name="prompt" maxlength={limits.promptLength} placeholder={picture.prompt ?? "the same scene, wider"} />
        </label>
        <figure class="outpaint-preview">
          <canvas
            data-preview=""
            width="720"
            height="480"
            role="img"
            aria-label="The new frame: the picture, and around it the part to paint"
          />
          <img src={pictureUrl(picture)} alt="" hidden data-source="" />
          <figcaption data-frame-size="">
            The picture is {picture.width}×{picture.height}.
          </figcaption>
        </figure>
        <button type="submit" class="primary">
          Make it
        </button>
      </form>
    </Layout>
  );
}
