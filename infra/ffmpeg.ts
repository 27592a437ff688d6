import { ensureDebianPackage } from "./debian-package.js";

/**
 * The ffmpeg the workers run on uploaded videos (ffprobe for their duration, ffmpeg for their
 * frames): Debian's `ffmpeg`, which the distribution keeps patched, installed with apt-get when it
 * is missing and this process may (root, as in CI). The workers run `ffmpeg` and `ffprobe` from
 * the PATH; undefined here, with the reason logged, when they cannot be had.
 */
export function ensureFfmpeg(log: (m: string) => void): Promise<string | undefined> {
  // The package ships ffprobe beside ffmpeg.
  return ensureDebianPackage({ name: "ffmpeg", paths: ["/usr/bin/ffmpeg"], purpose: "reading uploaded videos" }, log);
}
