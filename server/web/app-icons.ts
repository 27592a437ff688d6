import sharp from "sharp";
import { STATIC_PATH } from "./assets.js";

/** The gallery's colours (web/client/app.css's --bg and --accent): the browser's bar and the splash screen. */
export const THEME_COLOR = "#101114";
const ACCENT = "#7cc4ff";

/**
 * The gallery's icon: a framed picture (a hill under a sun) on the page's background. The
 * background fills the square, so the PNGs also serve as maskable icons: the picture stays in the
 * middle 60%, inside the safe zone a phone's mask keeps (a circle of 80% of the width).
 */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<rect width="100" height="100" rx="18" fill="${THEME_COLOR}"/>
<rect x="22" y="26" width="56" height="48" rx="6" fill="none" stroke="${ACCENT}" stroke-width="5"/>
<circle cx="62" cy="41" r="6" fill="${ACCENT}"/>
<path d="M27 69 L44 48 L56 62 L62 55 L73 69 Z" fill="${ACCENT}"/>
</svg>
`;

/** The PNG sizes the manifest lists (Android's home screen and splash), and iOS's apple-touch-icon. */
export const ICON_PNG_SIZES = [180, 192, 512] as const;
export type IconPngSize = (typeof ICON_PNG_SIZES)[number];

const rendered = new Map<IconPngSize, Promise<Buffer>>();

/** The icon as a square PNG, full bleed (no rounded corners: the platform rounds or masks it), made once per process. */
export function iconPng(size: IconPngSize): Promise<Buffer> {
  let png = rendered.get(size);
  if (!png) {
    const fullBleed = ICON_SVG.replace(' rx="18"', "");
    png = sharp(Buffer.from(fullBleed), { density: (72 * size) / 100 })
      .resize(size, size)
      .png()
      .toBuffer();
    png.catch(() => rendered.delete(size));
    rendered.set(size, png);
  }
  return png;
}

/** The web app manifest: what a phone needs to pin the gallery to its home screen and open it as an app. */
export function webManifest() {
  return {
    name: "Gallery",
    short_name: "Gallery",
    description: "Your team's pictures, transcripts and LoRAs",
    start_url: "/app",
    scope: "/app",
    display: "standalone",
    background_color: THEME_COLOR,
    theme_color: THEME_COLOR,
    icons: [
      { src: `${STATIC_PATH}/icon.svg`, sizes: "any", type: "image/svg+xml" },
      { src: `${STATIC_PATH}/icon-192.png`, sizes: "192x192", type: "image/png", purpose: "any" },
      { src: `${STATIC_PATH}/icon-512.png`, sizes: "512x512", type: "image/png", purpose: "any" },
      { src: `${STATIC_PATH}/icon-512.png`, sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
