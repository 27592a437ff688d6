import { describe, expect, it } from "vitest";
import { MAX_PICTURE_BYTES, upscaleRefusal, worstCasePngBytes } from "../../shared/jobs/picture-limits.js";

describe("how big an upscale may grow", () => {
  it("takes results that fit the 50 MiB download cap at worst (4096×4096), refuses bigger ones and says when a ×2 fits", () => {
    expect(worstCasePngBytes(4096, 4096)).toBeLessThanOrEqual(MAX_PICTURE_BYTES);
    expect(worstCasePngBytes(4200, 4200)).toBeGreaterThan(MAX_PICTURE_BYTES);
    expect(upscaleRefusal({ width: 1024, height: 1024 }, 4)).toBeUndefined();
    expect(upscaleRefusal({ width: 2048, height: 2048 }, 2)).toBeUndefined();
    expect(upscaleRefusal({ width: 2048, height: 2048 }, 4)).toMatch(/would be 8192×8192.*a ×2 upscale fits/);
    expect(upscaleRefusal({ width: 4096, height: 4096 }, 4)).not.toMatch(/×2 upscale fits/);
    expect(upscaleRefusal({ width: 8192, height: 8192 }, 2)).toMatch(/would be 16384×16384/);
  });
});
