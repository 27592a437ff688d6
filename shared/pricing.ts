import type { FalImageEndpoint } from "./config.js";
import type { TranscriptionAddOn } from "./transcription-add-ons.js";
import type { ReferenceEndpoint, imageOperationEndpoints } from "./jobs/image-endpoints.js";
import type { VideoEndpointId } from "./jobs/video-endpoints.js";

/**
 * The price table behind every cost estimate (US dollars): what the usage ledger records for each
 * finished run, so what the monthly budgets (jobs/quota.ts) are spent against. One price per
 * endpoint and billed option, each with the page it was read on and when. `confirmed: false`
 * marks a figure that could not be read on the provider's own page: it is a third party's
 * reading of that page, named in `source`, and should be checked there before it is relied on.
 */
const READ_ON = "2026-12-07";

export interface ImagePrice {
  usd: number;
  /** Per megapixel of each output picture, or per output picture whatever its size. */
  per: "megapixel" | "image";
  /** Megapixels of each picture rounded up to whole ones (fal's FLUX pages), or counted pro rata. */
  rounding?: "up" | "exact";
  source: string;
  read: string;
  confirmed: boolean;
}

export interface HourlyPrice {
  usdPerHour: number;
  source: string;
  read: string;
  confirmed: boolean;
}

type OperationEndpoint = (typeof imageOperationEndpoints)[keyof typeof imageOperationEndpoints];

/**
 * A megapixel as these prices count it: fal's pages do not define one, and the readings of its
 * prices quote FLUX.1 [dev]'s $0.025 per megapixel as $0.025 for a 1024×1024 picture, which is
 * 1024² pixels; with 10⁶ such a picture would be billed as 2.
 */
export const MEGAPIXEL = 1024 * 1024;

const imagePrices: Record<FalImageEndpoint | OperationEndpoint | ReferenceEndpoint, ImagePrice> = {
  // fal's own model page: "Your request will cost $0.025 per megapixel. Images are billed by
  // rounding up to the nearest megapixel."
  "fal-ai/flux/dev": {
    usd: 0.025,
    per: "megapixel",
    rounding: "up",
    source: "https://fal.ai/models/fal-ai/flux-1/dev/playground",
    read: READ_ON,
    confirmed: true,
  },
  "fal-ai/flux/schnell": {
    usd: 0.003,
    per: "megapixel",
    rounding: "up",
    source: "fal.ai/models/fal-ai/flux/schnell, as read by https://www.hiway2llm.com/docs/multimodal/multimodal-images",
    read: READ_ON,
    confirmed: false,
  },
  // Readings differ: $0.04 (most, e.g. lumenfall.ai's listing of fal) and $0.055 per megapixel (one).
  "fal-ai/flux-pro/v1.1": {
    usd: 0.04,
    per: "megapixel",
    rounding: "up",
    source: "fal.ai/models/fal-ai/flux-pro/v1.1, as read by https://lumenfall.ai/models/black-forest-labs/flux1.1-pro",
    read: READ_ON,
    confirmed: false,
  },
  "fal-ai/flux-lora": {
    usd: 0.035,
    per: "megapixel",
    rounding: "up",
    source:
      "fal.ai/models/fal-ai/flux-lora, as read by https://skillspool.org/zh/skills/joernstoehler-dnd-claude-code-claude-skills-fal-flux-prompting-skill-md",
    read: READ_ON,
    confirmed: false,
  },
  // Priced per megapixel of the output, counted pro rata (not rounded).
  "fal-ai/esrgan": {
    usd: 0.0025,
    per: "megapixel",
    rounding: "exact",
    source: "fal.ai/models/fal-ai/esrgan, as read by a public price table (lastVerified 2026-04-21: per output megapixel)",
    read: READ_ON,
    confirmed: false,
  },
  "fal-ai/flux/dev/image-to-image": {
    usd: 0.025,
    per: "megapixel",
    rounding: "up",
    source: "fal.ai/models/fal-ai/flux-1/dev/image-to-image, as read by https://oauth.openai-hk.com/docs/en/lab/fal-ai.html",
    read: READ_ON,
    confirmed: false,
  },
  // A flat price per picture, whatever its size (Black Forest Labs lists the same $0.04 for it: docs.bfl.ml/quick_start/pricing).
  "fal-ai/flux-pro/kontext": {
    usd: 0.04,
    per: "image",
    source: "fal.ai/models/fal-ai/flux-pro/kontext, as read by https://oauth.openai-hk.com/docs/en/lab/fal-ai.html",
    read: READ_ON,
    confirmed: false,
  },
  // Billed per megapixel of the output, the whole frame (the canvas a zoom-out or pan grew to);
  // rounded up to whole megapixels as fal's other FLUX [pro] pages say.
  "fal-ai/flux-pro/v1/fill": {
    usd: 0.05,
    per: "megapixel",
    rounding: "up",
    source: "https://fal.ai/models/fal-ai/flux-pro/v1/fill/llms.txt",
    read: READ_ON,
    confirmed: true,
  },
  // A flat price per picture, as for Kontext with one picture.
  "fal-ai/flux-pro/kontext/multi": {
    usd: 0.04,
    per: "image",
    source: "https://fal.ai/models/fal-ai/flux-pro/kontext/multi/llms.txt",
    read: READ_ON,
    confirmed: true,
  },
  // FLUX1.1 [pro] ultra's flat price per picture; fal's page for the Redux variant was not read.
  "fal-ai/flux-pro/v1.1-ultra/redux": {
    usd: 0.06,
    per: "image",
    source: "fal.ai/models/fal-ai/flux-pro/v1.1-ultra (the ultra endpoint's $0.06 a picture; not confirmed for its Redux variant)",
    read: READ_ON,
    confirmed: false,
  },
};

/**
 * AssemblyAI bills pre-recorded audio by its duration, pro rata to the second, at the hourly rate
 * of the speech model that ran, plus each add-on's own hourly rate
 * (https://assemblyai.com/docs/billing-and-pricing, confirmed).
 */
const speechModels: Record<string, HourlyPrice> = {
  "universal-3-pro": {
    usdPerHour: 0.21,
    source: "https://www.assemblyai.com/pricing, as transcribed by github.com/api-evangelist/assemblyai (read 2026-10-07)",
    read: READ_ON,
    confirmed: false,
  },
  "universal-2": {
    usdPerHour: 0.15,
    source: "https://www.assemblyai.com/pricing, as listed by https://vercel.com/ai-gateway/models/assemblyai/universal-2",
    read: READ_ON,
    confirmed: false,
  },
};

/** Per second of output clip, for each resolution the endpoint makes (`default` where it takes none). */
export interface VideoPrice {
  usdPerSecond: Record<string, number>;
  source: string;
  read: string;
  confirmed: boolean;
}

const videoPrices: Record<VideoEndpointId, VideoPrice> = {
  // "For 5s video your request will cost $0.28. For every additional second you will be charged $0.056."
  "fal-ai/kling-video/v2.1/standard/image-to-video": {
    usdPerSecond: { default: 0.056 },
    source: "https://fal.ai/models/fal-ai/kling-video/v2.1/standard/image-to-video/llms.txt",
    read: READ_ON,
    confirmed: true,
  },
  // "For 5s video your request will cost $0.35. For every additional second you will be charged $0.07."
  "fal-ai/kling-video/v2.5-turbo/pro/image-to-video": {
    usdPerSecond: { default: 0.07 },
    source: "https://fal.ai/models/fal-ai/kling-video/v2.5-turbo/pro/image-to-video/llms.txt",
    read: READ_ON,
    confirmed: true,
  },
  // The image-to-video page's price, taken for its text-to-video twin, whose fal page was not read; eachlabs.ai's
  // listing of the same model quotes the same "$0.35 for 5s, $0.07 every additional second".
  "fal-ai/kling-video/v2.5-turbo/pro/text-to-video": {
    usdPerSecond: { default: 0.07 },
    source: "https://fal.ai/models/fal-ai/kling-video/v2.5-turbo/pro/image-to-video/llms.txt (the image-to-video page)",
    read: READ_ON,
    confirmed: false,
  },
  // "768P … $0.045/sec … 512P … roughly $0.017/sec": the 512P figure is the page's own estimate.
  "fal-ai/minimax/hailuo-02/standard/image-to-video": {
    usdPerSecond: { "768P": 0.045, "512P": 0.017 },
    source: "https://fal.ai/models/fal-ai/minimax/hailuo-02/standard/image-to-video/llms.txt",
    read: READ_ON,
    confirmed: true,
  },
  // "For 5s video your request will cost $0.15 for 360p and 540p, $0.2 for 720p and $0.4 for 1080p", per second of the
  // 5-second price (the page names no 8-second price).
  "fal-ai/pixverse/extend": {
    usdPerSecond: { "360p": 0.03, "540p": 0.03, "720p": 0.04, "1080p": 0.08 },
    source: "https://fal.ai/models/fal-ai/pixverse/extend/llms.txt",
    read: READ_ON,
    confirmed: true,
  },
  // The image-to-video page's 768P price, taken for the text-to-video endpoint (768p), whose page was not read.
  "fal-ai/minimax/hailuo-02/standard/text-to-video": {
    usdPerSecond: { default: 0.045 },
    source: "https://fal.ai/models/fal-ai/minimax/hailuo-02/standard/image-to-video/llms.txt (the image-to-video page)",
    read: READ_ON,
    confirmed: false,
  },
};

export const PRICES = {
  image: imagePrices,
  video: videoPrices,
  transcription: {
    speechModels: {
      ...speechModels,
      // The API's older name for Universal-2, which `speech_model_used` may report.
      universal: speechModels["universal-2"] as HourlyPrice,
    },
    addOns: {
      speakerLabels: {
        usdPerHour: 0.02,
        source: "https://www.assemblyai.com/pricing, as read by agent-skills.md (assemblyai-cost-tuning: Speaker Diarization $0.02/hr)",
        read: READ_ON,
        confirmed: false,
      } satisfies HourlyPrice,
      // The option add-ons as AssemblyAI's pricing page listed them when last read (from memory of
      // https://www.assemblyai.com/pricing, "Speech Understanding" and "Guardrails" add-ons; not
      // re-read for this table), each per hour of audio on top of the model's rate.
      speakerIdentification: {
        usdPerHour: 0.02,
        source: "https://www.assemblyai.com/pricing (Speaker Identification, per hour), as remembered, not re-read",
        read: READ_ON,
        confirmed: false,
      } satisfies HourlyPrice,
      keytermsPrompting: {
        usdPerHour: 0.05,
        source: "https://www.assemblyai.com/pricing (Keyterms Prompting, pre-recorded, per hour), as remembered, not re-read",
        read: READ_ON,
        confirmed: false,
      } satisfies HourlyPrice,
      piiRedaction: {
        usdPerHour: 0.08,
        source: "https://www.assemblyai.com/pricing (PII Redaction, per hour), as remembered, not re-read",
        read: READ_ON,
        confirmed: false,
      } satisfies HourlyPrice,
      piiAudioRedaction: {
        usdPerHour: 0.05,
        source: "https://www.assemblyai.com/pricing (PII audio redaction), not found there with certainty: counted so budgets err high",
        read: READ_ON,
        confirmed: false,
      } satisfies HourlyPrice,
      // Speech Understanding is billed by the features a request runs and the audio's duration
      // (docs FAQ "Is pricing for Speech Understanding per feature or all-inclusive?", confirmed);
      // the figure per hour and target language is the pricing page's as remembered: no reading
      // of that page that names Translation's rate was found.
      translation: {
        usdPerHour: 0.06,
        source: "https://www.assemblyai.com/pricing (Translation, per hour of audio and target language), as remembered, not re-read",
        read: READ_ON,
        confirmed: false,
      } satisfies HourlyPrice,
    },
  },
  /**
   * fal-ai/flux-lora-fast-training, per training run. No published price was found for it: this
   * is the figure the project has used so far, unconfirmed.
   */
  loraTrainingRun: { usd: 2.0, source: "not found", read: READ_ON, confirmed: false },
  /**
   * A describe on openrouter/router/vision: billed per request as its answer's `usage.cost`
   * (what fal's page for the endpoint shows with each result), the figure recorded. When an
   * answer lacks it, its tokens are counted at the model's rates.
   */
  vision: {
    model: "google/gemini-2.5-flash",
    usdPerInputToken: 0.3e-6,
    usdPerOutputToken: 2.5e-6,
    source: "https://fal.ai/models/openrouter/router/vision (usage.cost per request); rates: https://openrouter.ai/google/gemini-2.5-flash",
    read: READ_ON,
    confirmed: false,
  },
  /**
   * AssemblyAI's LLM Gateway, per token of the answer's `usage`, for the model the meeting notes
   * and questions use. AssemblyAI bills the gateway per input and output token and says it adds
   * no markup to the model's list price (its "What is LLM Gateway?" post); the per-account figures
   * are on the dashboard's Rates table, which could not be read: these are Anthropic's list prices
   * for Claude Haiku 4.5 ($1 / $5 per million tokens), unconfirmed for AssemblyAI.
   */
  llmGateway: {
    model: "claude-haiku-4-5-20251001",
    usdPerInputToken: 1e-6,
    usdPerOutputToken: 5e-6,
    source: "https://assemblyai.com/blog/llm-gateway (zero markup); rates: https://www.anthropic.com/pricing (Claude Haiku 4.5)",
    read: READ_ON,
    confirmed: false,
  },
  /** S3 standard storage, per GB-month. */
  storagePerGbMonth: 0.023,
} as const;

/** The dearest per-megapixel price in the table: what a picture from an unknown endpoint is counted at, so budgets err high. */
const unknownImagePrice: ImagePrice = {
  ...Object.values(imagePrices)
    .filter((p) => p.per === "megapixel")
    .reduce((a, b) => (b.usd > a.usd ? b : a)),
  rounding: "up",
};

const isPricedEndpoint = (endpoint: string): endpoint is keyof typeof imagePrices => endpoint in imagePrices;

/** The price of the pictures an endpoint makes; an unknown or unrecorded one (older versions kept none) at the dearest rate. */
export function imagePrice(endpoint: string | undefined): ImagePrice {
  return endpoint !== undefined && isPricedEndpoint(endpoint) ? imagePrices[endpoint] : unknownImagePrice;
}

/** One picture's charge, as fal bills it: per picture, or per megapixel rounded up (at least one) or pro rata. */
export function imageCost(width: number, height: number, endpoint?: string): number {
  const price = imagePrice(endpoint);
  if (price.per === "image") return price.usd;
  const megapixels = (width * height) / MEGAPIXEL;
  return (price.rounding === "exact" ? megapixels : Math.max(1, Math.ceil(megapixels - 1e-9))) * price.usd;
}

/**
 * A clip's charge, as fal bills it: per second of the duration asked for (what the endpoint
 * makes and bills, whatever the file measures), at the rate of its resolution. An endpoint or
 * resolution not in the table is counted at the dearest rate, so budgets err high.
 */
export function videoCost(endpoint: string, seconds: number, resolution?: string): number {
  const rates = (videoPrices as Record<string, VideoPrice>)[endpoint]?.usdPerSecond;
  const dearest = Math.max(...Object.values(videoPrices).flatMap((p) => Object.values(p.usdPerSecond)));
  const rate = rates ? (rates[resolution ?? "default"] ?? rates.default ?? Math.max(...Object.values(rates))) : dearest;
  return rate * seconds;
}

/** What a transcript was run with, as far as it changes the bill. */
export type { TranscriptionAddOn } from "./transcription-add-ons.js";

export interface TranscriptionBill {
  /** The model that ran (`speech_model_used`); unknown, the dearest one in the table. */
  speechModel?: string | null | undefined;
  speakerLabels?: boolean | undefined;
  /** The option add-ons the transcript ran with, each billed per hour on top. */
  addOns?: readonly TranscriptionAddOn[] | undefined;
}

const dearestSpeechModel = Object.values(speechModels).reduce((a, b) => (b.usdPerHour > a.usdPerHour ? b : a));

export function transcriptionCost(durationSeconds: number, bill: TranscriptionBill = {}): number {
  const models: Record<string, HourlyPrice> = PRICES.transcription.speechModels;
  const model = (bill.speechModel ? models[bill.speechModel] : undefined) ?? dearestSpeechModel;
  const table = PRICES.transcription.addOns;
  const addOns =
    (bill.speakerLabels ? table.speakerLabels.usdPerHour : 0) +
    (bill.addOns ?? []).reduce((sum, addOn) => sum + table[addOn].usdPerHour, 0);
  return (durationSeconds / 3600) * (model.usdPerHour + addOns);
}

/** A translation of a finished transcript into one language (the Speech Understanding endpoint): the audio's duration at Translation's rate. */
export function translationCost(durationSeconds: number): number {
  return (durationSeconds / 3600) * PRICES.transcription.addOns.translation.usdPerHour;
}

export function storageCostPerMonth(bytes: number): number {
  return (bytes / 1e9) * PRICES.storagePerGbMonth;
}

/** A vision request's charge: the cost its answer reports, else its tokens at the model's rates. */
export function visionCost(usage: {
  cost?: number | undefined;
  inputTokens?: number | undefined;
  outputTokens?: number | undefined;
}): number {
  if (typeof usage.cost === "number") return usage.cost;
  return (usage.inputTokens ?? 0) * PRICES.vision.usdPerInputToken + (usage.outputTokens ?? 0) * PRICES.vision.usdPerOutputToken;
}

/** An LLM Gateway answer's charge: its `usage` tokens at the gateway model's rates. */
export function llmGatewayCost(usage: { input_tokens: number; output_tokens: number }): number {
  const price = PRICES.llmGateway;
  return usage.input_tokens * price.usdPerInputToken + usage.output_tokens * price.usdPerOutputToken;
}
