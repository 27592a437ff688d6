import { describe, expect, it } from "vitest";
import { type ChatLocale, chatLocales } from "../../shared/chat/locale/languages.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { clientText } from "../../server/web/locale/client-text.js";
import { createText } from "../../server/web/locale/create-text.js";
import { inLocale } from "../../server/web/locale/current.js";
import { editorText } from "../../server/web/locale/editor-text.js";
import { galleryText } from "../../server/web/locale/gallery-text.js";
import { jobText } from "../../server/web/locale/job-text.js";
import { layoutText, problemText, signInText } from "../../server/web/locale/layout-text.js";
import { formatLocale, localeFromAcceptLanguage, negotiateLocale } from "../../server/web/locale/negotiate.js";
import { LocalTime, utcText } from "../../server/web/pages/local-time.js";
import { organizeText, teamText } from "../../server/web/locale/sections-text.js";
import { RegionEditorPage, ZoomEditorPage } from "../../server/web/pages/editors.js";
import { GalleryPage } from "../../server/web/pages/gallery.js";
import { JobPage } from "../../server/web/pages/job.js";
import { MessagePage } from "../../server/web/pages/layout.js";
import { LorasPage } from "../../server/web/pages/loras.js";
import { BoardPage, BoardsPage, FavouritesPage } from "../../server/web/pages/organize.js";
import { QueuePage } from "../../server/web/pages/queue.js";
import { SignInPage, SignedOutPage } from "../../server/web/pages/sign-in.js";
import { type UsageHistory, UsagePage } from "../../server/web/pages/usage.js";

describe("the gallery's language", () => {
  it("comes from Accept-Language by q-value, a region as its language, and is English for anything else", () => {
    expect(localeFromAcceptLanguage("de-AT")).toBe("de");
    expect(localeFromAcceptLanguage("de-AT,de;q=0.9,en;q=0.8")).toBe("de");
    expect(localeFromAcceptLanguage("en;q=0.5, fr-CA;q=0.9")).toBe("fr");
    expect(localeFromAcceptLanguage("es-ES, it;q=0.9, fr;q=0.1")).toBe("fr");
    expect(localeFromAcceptLanguage("es-ES, it;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("fr;q=0, de;q=0.2")).toBe("de");
    expect(localeFromAcceptLanguage("fr;q=0")).toBe("en");
    expect(localeFromAcceptLanguage("*")).toBe("en");
    expect(localeFromAcceptLanguage("")).toBe("en");
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
    expect(localeFromAcceptLanguage("FR-fr")).toBe("fr");
    // Equal weights keep the browser's order.
    expect(localeFromAcceptLanguage("fr, de")).toBe("fr");
  });

  it("writes dates in the viewer's Accept-Language tag of the page's language, else the language alone", () => {
    expect(formatLocale("en", "en-GB,en;q=0.9")).toBe("en-GB");
    expect(formatLocale("en", "en-US")).toBe("en-US");
    expect(formatLocale("de", "de-at, en-GB;q=0.8")).toBe("de-AT");
    // The switch chose German for a British browser: German dates, not British ones.
    expect(formatLocale("de", "en-GB")).toBe("de");
    expect(formatLocale("fr", "fr-CA;q=0, fr-FR;q=0.5")).toBe("fr-FR");
    expect(formatLocale("en", "en_GB, en-AU;q=0.5")).toBe("en-AU");
    expect(formatLocale("en", undefined)).toBe("en");
  });

  it("says an instant on the server in the same locale as the page script, in UTC", () => {
    const iso = "2026-12-07T17:43:10.000Z";
    expect(utcText(iso, "en-GB")).toBe("7 Dec 2026, 17:43 UTC");
    expect(utcText(iso, "en-US")).toBe("Dec 7, 2026, 5:43 PM UTC");
    expect(utcText(iso, "de")).toBe("07.12.2026, 17:43 UTC");
    const page = inLocale("en", () => String(LocalTime({ iso })));
    expect(page).toContain(`datetime="${iso}"`);
  });

  it("is the switch's cookie when it names one of ours, else the browser's", () => {
    expect(negotiateLocale("fr", "de-DE")).toBe("fr");
    expect(negotiateLocale("en", "de-DE")).toBe("en");
    expect(negotiateLocale("xx", "de-DE")).toBe("de");
    expect(negotiateLocale(undefined, "es")).toBe("en");
  });
});

/** A table's shape: its keys all the way down, a function or a string as a leaf. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

const tables = { layoutText, problemText, signInText, clientText, galleryText, createText, jobText, organizeText, teamText, editorText };

describe("every web text", () => {
  it.each(Object.entries(tables))("%s has every key in every language, none empty", (_name, table) => {
    for (const locale of chatLocales) {
      expect(shape(table[locale]), locale).toEqual(shape(table.en));
      const strings = JSON.stringify(table[locale], (_k, v) => (typeof v === "function" ? v(1, 2, 3, 4) : v));
      expect(strings, locale).not.toMatch(/""/);
    }
  });

  it("the page script's texts are plain strings, as they travel in the page as JSON", () => {
    for (const locale of chatLocales) expect(JSON.parse(JSON.stringify(clientText[locale]))).toEqual(clientText[locale]);
  });
});

const viewer = { userId: "ana", workspaceSlug: "atelier", csrfToken: "t0ken" };
const at = "2026-03-12T14:03:00.000Z";

function job(over: Partial<PublicJob> & Pick<PublicJob, "jobId" | "type" | "status">): PublicJob {
  return {
    userId: "ana",
    workspaceId: "w1",
    visibility: "workspace",
    input: {},
    parent: null,
    sources: [],
    speakerNames: {},
    prompts: null,
    aspectRatio: null,
    progress: null,
    costUsd: 0.04,
    versions: [],
    files: [],
    error: null,
    provider: null,
    delivery: null,
    createdAt: at,
    finishedAt: at,
    ...over,
  } as unknown as PublicJob;
}

const image = (n: number) => ({
  url: `https://s3.example/${n}.png`,
  width: 1024,
  height: 768,
  thumbnailUrl: `https://s3.example/t${n}.webp`,
});
const fox = job({
  jobId: "job-fox",
  type: "image-generation",
  status: "completed",
  input: { prompt: "zorro rojo", imageSize: "landscape_4_3", model: "flux-dev", lora: { jobId: "job-lora", scale: 0.8 } },
  versions: [{ version: 1, seed: "12", endpoint: "fal-ai/flux/dev", images: [image(1), image(2)] }] as never,
  files: [
    { fileName: "image_1.png", version: 1, kind: "image", contentType: "image/png", sizeBytes: 204800, url: "https://s3.example/f" },
  ] as never,
});
const upscale = job({
  jobId: "job-up",
  type: "image-generation",
  status: "running",
  progress: 40,
  input: { operation: "upscale" },
  parent: { jobId: "job-fox", image: 1, prompt: "zorro rojo" },
  provider: { queuePosition: 2, logs: [] } as never,
});
const panned = job({
  jobId: "job-pan",
  type: "image-generation",
  status: "queued",
  input: { operation: "pan", direction: "left" },
  parent: upscale.parent,
});
const transcript = job({
  jobId: "job-tx",
  type: "transcription",
  status: "completed",
  input: { fileName: "entrevista.wav" },
  versions: [{ version: 1, wordCount: 120, duration: 61.4, excerpt: "hola", transcriptUrl: "u", textUrl: "t" }] as never,
});
const lora = job({
  jobId: "job-lora",
  type: "lora-training",
  status: "completed",
  input: { triggerWord: "tokzorro", trainingMode: "style" },
  versions: [{ version: 1, modelUrl: "m" }] as never,
});
const failed = job({
  jobId: "job-bad",
  type: "image-generation",
  status: "failed",
  input: { prompt: "barco" },
  error: { message: "content policy violation" } as never,
});

const month = (m: string) => ({
  month: m,
  costUsd: 2.5,
  jobs: 4,
  byType: {
    "image-generation": { costUsd: 1, jobs: 2 },
    "lora-training": { costUsd: 1.5, jobs: 1 },
    transcription: { costUsd: 0, jobs: 1 },
  },
});
const history = {
  month: "2026-03",
  months: [month("2026-02"), month("2026-03")],
  budgets: { workspaceMonthlyUsd: 5, memberMonthlyUsd: 3 },
  members: [{ userId: "ana", ...month("2026-03") }],
} as unknown as UsageHistory;
const organize = { csrfToken: "t0ken", favourites: new Set(["job-fox/1"]) };
const boards = [{ boardId: "b1", name: "Muro" }];
const picture = { jobId: "job-fox", image: 1, version: 1, width: 1024, height: 768, prompt: "zorro rojo", visibility: "workspace" };
const filters = { type: "all", sort: "newest" } as never;

/** Every page of the gallery, with something on it, as a viewer of one language gets it. */
const pages = {
  gallery: () =>
    GalleryPage({
      viewer,
      filters,
      items: [fox, upscale, transcript, lora, failed],
      nextCursor: "c1",
      members: [{ userId: "ana", displayName: null }],
      loras: [{ jobId: "job-lora", name: "tokzorro" }],
      organize,
      boards,
    }),
  "empty gallery": () => GalleryPage({ viewer, filters, items: [], nextCursor: null, members: [], loras: [], organize, boards: [] }),
  job: () =>
    JobPage({
      viewer,
      job: fox,
      lora: { jobId: "job-lora", scale: 0.8, trigger: "tokzorro", version: 1 },
      lineage: { parent: null, sources: [], children: [upscale, panned], moreChildren: true },
    }),
  "running job": () =>
    JobPage({ viewer, job: upscale, lineage: { parent: { job: fox, image: 1 }, sources: [], children: [], moreChildren: false } }),
  "lost-parent job": () => JobPage({ viewer, job: panned }),
  "describe job": () =>
    JobPage({
      viewer,
      job: job({
        jobId: "job-d",
        type: "image-generation",
        status: "completed",
        input: { operation: "describe" },
        versions: [{ version: 1, prompts: ["uno", "dos"], aspectRatio: "4:3" }] as never,
      }),
    }),
  transcript: () =>
    JobPage({
      viewer,
      job: transcript,
      transcript: {
        lines: [{ start: 0, speaker: "A", text: "hola" }],
        audioUrl: "https://s3.example/a.wav",
        q: "",
        speakers: ["A", "B"],
        names: { B: "Bea" },
      },
    }),
  "transcript without audio": () =>
    JobPage({
      viewer,
      job: transcript,
      transcript: { lines: [{ start: 3, speaker: null, text: "hola" }], audioUrl: null, q: "", speakers: [], names: {} },
    }),
  "lora job": () => JobPage({ viewer, job: lora }),
  "failed job": () => JobPage({ viewer, job: failed }),
  queue: () =>
    QueuePage({
      viewer,
      entries: [
        { job: upscale, position: null },
        { job: { ...panned, userId: "bo" }, position: 3 },
      ],
    }),
  "empty queue": () => QueuePage({ viewer, entries: [] }),
  favourites: () => FavouritesPage({ viewer, items: [{ job: fox, picture: 1 }], more: "/app/favourites?cursor=c", organize, boards }),
  "no favourites": () => FavouritesPage({ viewer, items: [], more: null, organize, boards: [] }),
  boards: () => BoardsPage({ viewer, boards: [{ boardId: "b1", name: "Muro", createdBy: "ana", pictures: 3 }] }),
  "no boards": () => BoardsPage({ viewer, boards: [] }),
  board: () =>
    BoardPage({
      viewer,
      board: { boardId: "b1", name: "Muro", createdBy: "ana", pictures: 1 },
      items: [{ job: fox, picture: 2 }],
      more: null,
      organize,
      boards,
    }),
  "empty board": () =>
    BoardPage({ viewer, board: { boardId: "b1", name: "Muro", createdBy: "ana" }, items: [], more: null, organize, boards }),
  loras: () => LorasPage({ viewer, loras: [{ job: lora, samples: [fox] }] }),
  "no loras": () => LorasPage({ viewer, loras: [] }),
  usage: () => UsagePage({ viewer, history }),
  "usage without budgets": () =>
    UsagePage({
      viewer,
      history: { ...history, members: [], budgets: { workspaceMonthlyUsd: null, memberMonthlyUsd: null } } as UsageHistory,
    }),
  "vary region": () => RegionEditorPage({ viewer, picture }),
  "zoom out": () => ZoomEditorPage({ viewer, picture, mode: "zoom-out" }),
  "sign in": () => SignInPage({ token: "tok", userId: "ana", workspaceName: "Atelier", expiresAt: new Date(at) }),
  "signed out": () => SignedOutPage(),
};

/** A page's words as a reader meets them: its text, and the labels, titles, placeholders and alt texts of its elements. */
function wordsOf(html: string): string {
  const attributes = [...html.matchAll(/\s(?:aria-label|title|placeholder|alt|data-confirm)="([^"]*)"/g)].map((m) => m[1]);
  const text = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
  return `${text} ${attributes.join(" ")}`.replace(/\s+/g, " ");
}

/** English words that are no German or French word (nor a name, a command or a fixture's word). */
const english = [
  /\bGallery\b/,
  /\bQueue\b/,
  /\bFavourites?\b/,
  /\bAdd to board\b/,
  /\bUsage\b/,
  /\bSign (in|out)\b/,
  /\bSkip\b/,
  /\bSearch\b/,
  /\bApply\b/,
  /\bEveryone\b/,
  /\bAll types\b/,
  /\bNewest\b/,
  /\bLoad more\b/,
  /\bThat is everything\b/,
  /\bNothing\b/,
  /\bCreate\b/,
  /\bSize\b/,
  /\bCount\b/,
  /\bDefault\b/,
  /\brandom\b/,
  /\bNone\b/,
  /\bstrength\b/i,
  /\bReferences?\b/,
  /\bRole\b/,
  /\bRemove\b/,
  /\bDrop\b/,
  /\bUpload\b/,
  /\bTranscribe\b/,
  /\bTrain\b/,
  /\bTrigger\b/,
  /\bSteps\b/,
  /\bLearn\b/,
  /\bsubject\b/,
  /\bPrevious\b/,
  /\bNext\b/,
  /\bOpen job\b/,
  /\bDownload\b/,
  /\bCopy\b/,
  /\bFull size\b/,
  /\bClose\b/,
  /\bSelect\b/,
  /\bTick\b/,
  /\bShare\b/,
  /\bDelete\b/,
  /\bAuthor\b/,
  /\bVisibility\b/,
  /\bCreated\b/,
  /\bFinished\b/,
  /\bCost\b/,
  /\bOperation\b/,
  /\bLineage\b/,
  /\bMade from\b/,
  /\bThis job\b/,

  /\bpicture\b/i,
  /\bwords\b/,
  /\bFind\b/,
  /\bSpeaker\b/,
  /\bFiles\b/,
  /\bRerun\b/,
  /\bCancel\b/,
  /\bVary\b/,
  /\bUpscale\b/,
  /\bDescribe\b/,
  /\bEdit\b/,
  /\bInstruction\b/,
  /\bZoom out\b/i,
  /\bPan\b/,
  /\bwaiting\b/,
  /\brunning\b/,
  /\bqueued\b/,
  /\bcompleted\b/,
  /\bfailed\b/,
  /\byou\b/,
  /\bYours\b/,
  /\bYour team\b/,
  /\bGenerate\b/,
  /\bGeneration\b/,
  /\bMember\b/,
  /\bMonth\b/i,
  /\bbudget set\b/,
  /\bmay spend\b/,
  /\bjobs\b/,
  /\bBrush\b/,
  /\bUndo\b/,
  /\bClear\b/,
  /\bShape\b/,
  /\bFactor\b/,
  /\bAmount\b/,
  /\bMake it\b/,
  /\bBack\b/,
  /\bContinue\b/,
  /\bworks once\b/,
  /\bAsk\b/,
  /\bline\b/,
  /\bprovider\b/,
  /\bLanguage\b/,
  /\bChange\b/,
  /\bAspect\b/,
  /\bRatio\b/,
  /\bLandscape\b/,
  /\bpreset\b/,
  /\bresults?\b/i,
  /\bShown\b/,
];

const render = (locale: ChatLocale, page: () => unknown) => inLocale(locale, () => String(page()), "/app?type=all");

describe("every gallery page", () => {
  for (const [name, page] of Object.entries(pages)) {
    it(`${name}: in German and French, no English word; in English, its own words`, () => {
      const en = wordsOf(render("en", page));
      for (const locale of ["de", "fr"] as const) {
        const html = render(locale, page);
        expect(html).toContain(`<html lang="${locale}">`);
        const words = wordsOf(html);
        const left = english
          .filter((w) => w.test(words))
          .map((w) => `${w} in …${words.slice(Math.max(0, words.search(w) - 40), words.search(w) + 40)}…`);
        expect(left, `${locale}: ${name}`).toEqual([]);
        expect(words).not.toBe(en);
      }
      expect(render("en", page)).toContain('<html lang="en">');
    });
  }

  it("problem pages: every refusal the gallery shows, in German and French", () => {
    for (const locale of ["de", "fr"] as const) {
      const t = problemText[locale];
      const messages = [
        [t.refused, t.notFromGallery],
        [t.refused, t.notFromGalleryReload],
        [t.refused, t.signInFromLink],
        [t.notFound, t.notYours],
        [t.didNotWork, t.apiSaid("the prompt is too long")],
        [t.badRequest, t.unreadable("the body broke off")],
        [t.badRequest, t.unknownLanguage],
        [t.notGalleryPage, t.leadsOutside],
        ...Object.values(t.link),
      ];
      for (const [title, message] of messages) {
        const words = wordsOf(render(locale, () => MessagePage({ title: title ?? "", message: message ?? "", viewer })));
        // The API's own words stay as the API wrote them, quoted inside the sentence.
        const own = words.replace(/[„«] ?the [^“»]*[“»]/g, "");
        expect(
          english.filter((w) => w.test(own)),
          `${locale}: ${title}`,
        ).toEqual([]);
      }
    }
  });
});
