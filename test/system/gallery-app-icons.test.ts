import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApi, startTestApi } from "../helpers/api.js";

/**
 * What lets the gallery be pinned to a phone's home screen, through `app.request()`: every page
 * links an SVG favicon, an apple-touch-icon and the web app manifest, with a theme colour; each
 * is served to anyone (the sign-in page links them too) with its own type, inside the gallery's CSP.
 */
describe("the gallery's favicon and web app manifest", () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  }, 60_000);
  afterAll(() => api.close());

  it("a page links the icon, the manifest and a theme colour, and its CSP lets the browser load them", async () => {
    // The sign-in page: no session needed.
    const res = await api.app.request("/app/sign-in");
    const html = await res.text();
    expect(html).toContain('<link rel="icon" href="/app/static/icon.svg" type="image/svg+xml"/>');
    expect(html).toContain('<link rel="apple-touch-icon" href="/app/static/icon-180.png"/>');
    expect(html).toContain('<link rel="manifest" href="/app/static/manifest.webmanifest"/>');
    expect(html).toMatch(/<meta name="theme-color" content="#[0-9a-f]{6}"\/>/);
    // Icons and the manifest are same-origin: img-src and default-src (manifest-src's fallback) allow 'self'.
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/img-src 'self'/);
  });

  it("serves the SVG favicon and PNG icons of the sizes the manifest names, each with its type", async () => {
    const svg = await api.app.request("/app/static/icon.svg");
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    expect(await sharp(Buffer.from(await svg.arrayBuffer())).metadata()).toMatchObject({ format: "svg" });
    for (const size of [180, 192, 512]) {
      const png = await api.app.request(`/app/static/icon-${size}.png`);
      expect(png.status, `icon-${size}.png`).toBe(200);
      expect(png.headers.get("content-type")).toBe("image/png");
      expect(png.headers.get("cache-control")).toMatch(/^public/);
      expect(await sharp(Buffer.from(await png.arrayBuffer())).metadata()).toMatchObject({ format: "png", width: size, height: size });
    }
    expect((await api.app.request("/app/static/icon-64.png")).status).toBe(404);
  });

  it("the manifest is application/manifest+json, opens /app standalone, and lists icons that are served", async () => {
    const res = await api.app.request("/app/static/manifest.webmanifest");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/manifest+json");
    const manifest = (await res.json()) as {
      name: string;
      start_url: string;
      scope: string;
      display: string;
      theme_color: string;
      icons: Array<{ src: string; sizes: string; type: string; purpose?: string }>;
    };
    expect(manifest).toMatchObject({ name: "Gallery", start_url: "/app", scope: "/app", display: "standalone" });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    // Chromium's installability asks for a 192 and a 512 px icon; a maskable one keeps Android from shrinking it onto white.
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(manifest.icons.some((i) => i.purpose === "maskable")).toBe(true);
    for (const icon of manifest.icons) {
      const served = await api.app.request(icon.src);
      expect(served.status, icon.src).toBe(200);
      expect(served.headers.get("content-type")).toBe(icon.type);
    }
  });
});
