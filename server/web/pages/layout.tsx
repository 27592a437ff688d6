/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { HtmlDocument } from "../../html-document.js";
import { THEME_COLOR } from "../app-icons.js";
import { STATIC_PATH } from "../assets.js";
import { clientText } from "../locale/client-text.js";
import { currentFormatLocale, currentLocale, currentPath, inViewerLocale } from "../locale/current.js";
import { languageNames, layoutText } from "../locale/layout-text.js";
import { chatLocales } from "../../../shared/chat/locale/languages.js";

export interface Viewer {
  userId: string;
  workspaceSlug: string;
  csrfToken: string;
}

/** Every gallery page: a skip link, the header with the viewer and sign-out, the page, the island script. */
const sections = [
  ["/app", "gallery"],
  ["/app/queue", "queue"],
  ["/app/favourites", "favourites"],
  ["/app/boards", "boards"],
  ["/app/loras", "loras"],
  ["/app/usage", "usage"],
] as const;

/**
 * The language switch: a form that sets the language cookie and comes back to this page. It works
 * without the page script (its button); with it, picking a language is enough.
 */
function LanguageSwitch(props: { csrfToken?: string | undefined }) {
  const text = inViewerLocale(layoutText);
  const locale = currentLocale();
  return (
    <form method="post" action="/app/language" class="language">
      {props.csrfToken ? <input type="hidden" name="_csrf" value={props.csrfToken} /> : null}
      <input type="hidden" name="back" value={currentPath()} />
      <label for="language-switch" class="visually-hidden">
        {text.language}
      </label>
      <select id="language-switch" name="language" data-language-switch="">
        {chatLocales.map((l) => (
          <option value={l} lang={l} selected={l === locale}>
            {languageNames[l]}
          </option>
        ))}
      </select>
      <button type="submit">{text.change}</button>
    </form>
  );
}

export function Layout(props: { title: string; viewer?: Viewer | undefined; current?: string | undefined; children: Child }) {
  const { viewer } = props;
  const text = inViewerLocale(layoutText);
  return (
    <HtmlDocument lang={currentLocale()}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        {viewer ? <meta name="csrf-token" content={viewer.csrfToken} /> : null}
        <title>{`${props.title} · ${text.gallery}`}</title>
        <link rel="stylesheet" href={`${STATIC_PATH}/app.css`} />
        <link rel="icon" href={`${STATIC_PATH}/icon.svg`} type="image/svg+xml" />
        <link rel="apple-touch-icon" href={`${STATIC_PATH}/icon-180.png`} />
        <link rel="manifest" href={`${STATIC_PATH}/manifest.webmanifest`} />
        <meta name="theme-color" content={THEME_COLOR} />
        <script type="module" src={`${STATIC_PATH}/app.js`} defer />
      </head>
      {/* The page script's own words in the page's language, and the locale it writes dates in (the server's, LocalTime's), read by web/client/text.ts. */}
      <body data-client-text={JSON.stringify(inViewerLocale(clientText))} data-format-locale={currentFormatLocale()}>
        <a class="skip" href="#main">
          {text.skip}
        </a>
        <header class="top">
          <a class="brand" href="/app">
            {text.gallery}
          </a>
          {viewer ? (
            <nav class="sections" aria-label={text.sectionsLabel}>
              {sections.map(([href, key]) => (
                <a href={href} aria-current={props.current === href ? "page" : undefined}>
                  {text.sections[key]}
                </a>
              ))}
            </nav>
          ) : null}
          {viewer ? (
            <nav aria-label={text.accountLabel}>
              <span class="who">
                {viewer.userId} · {viewer.workspaceSlug}
              </span>
              <form method="post" action="/app/sign-out">
                <input type="hidden" name="_csrf" value={viewer.csrfToken} />
                <button type="submit">{text.signOut}</button>
              </form>
            </nav>
          ) : null}
          <LanguageSwitch csrfToken={viewer?.csrfToken} />
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </HtmlDocument>
  );
}

/** A page that says what went wrong and what to do, with its status code set by the caller. */
export function MessagePage(props: { title: string; message: string; viewer?: Viewer | undefined }) {
  return (
    <Layout title={props.title} viewer={props.viewer}>
      <section class="message" role="alert">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
      </section>
    </Layout>
  );
}
