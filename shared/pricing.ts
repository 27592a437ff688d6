/**
 * The price table behind every cost estimate (US dollars). Provider prices are list prices
 * of the models used; change them here and every estimate follows.
 */
export const PRICES = {
  /** fal.ai FLUX pro, and any image endpoint without a price below: per generated image of up to one megapixel. */
  imagePerMegapixel: 0.05,
  /** fal.ai's FLUX endpoints that cost less, per megapixel (each model page's list price). */
  imageEndpointPerMegapixel: { "fal-ai/flux/dev": 0.025, "fal-ai/flux/schnell": 0.003 } as Readonly<Record<string, number>>,
  /** fal.ai flux-lora-fast-training: per training run. */
  loraTrainingRun: 2.0,
  /** AssemblyAI: per hour of audio. */
  transcriptionPerHour: 0.37,
  /** S3 standard storage: per GB-month. */
  storagePerGbMonth: 0.023,
} as const;

/** One picture's estimated charge: at least a megapixel, at the price of the endpoint that made it (FLUX pro's when unknown). */
export function imageCost(width: number, height: number, endpoint?: string): number {
  const perMegapixel = (endpoint ? PRICES.imageEndpointPerMegapixel[endpoint] : undefined) ?? PRICES.imagePerMegapixel;
  return Math.max(1, (width * height) / 1_000_000) * perMegapixel;
}

export function transcriptionCost(durationSeconds: number): number {
  return (durationSeconds / 3600) * PRICES.transcriptionPerHour;
}

export function storageCostPerMonth(bytes: number): number {
  return (bytes / 1e9) * PRICES.storagePerGbMonth;
}
