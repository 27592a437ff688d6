/**
 * The price table behind every cost estimate (US dollars). Provider prices are list prices
 * of the models used; change them here and every estimate follows.
 */
export const PRICES = {
  /** fal.ai FLUX pro: per generated image of up to one megapixel. */
  imagePerMegapixel: 0.05,
  /** fal.ai flux-lora-fast-training: per training run. */
  loraTrainingRun: 2.0,
  /** AssemblyAI: per hour of audio. */
  transcriptionPerHour: 0.37,
  /** S3 standard storage: per GB-month. */
  storagePerGbMonth: 0.023,
} as const;

export function imageCost(width: number, height: number): number {
  return Math.max(1, (width * height) / 1_000_000) * PRICES.imagePerMegapixel;
}

export function transcriptionCost(durationSeconds: number): number {
  return (durationSeconds / 3600) * PRICES.transcriptionPerHour;
}

export function storageCostPerMonth(bytes: number): number {
  return (bytes / 1e9) * PRICES.storagePerGbMonth;
}
