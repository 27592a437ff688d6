import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { bundleWebAssets } from "./assets.js";

/** `npm run build`'s last step: the gallery's bundle into dist/web/client, which the image serves as is. */
const out = path.resolve(import.meta.dirname, "..", "..", "dist", "web", "client");
const assets = await bundleWebAssets();
await mkdir(out, { recursive: true });
for (const [name, text] of Object.entries(assets)) await writeFile(path.join(out, name), text);
process.stdout.write(`gallery assets written to ${path.relative(process.cwd(), out)}\n`);
