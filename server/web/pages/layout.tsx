/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { THEME_COLOR } from "../app-icons.js";
import { STATIC_PATH } from "../assets.js";

export interface Viewer {
  userId: string;
  workspaceSlug: string;
  csrfToken: string;
}

/** Every gallery page: a skip link, the header with the viewer and sign-out, the page, the island script. */
const sections = [
  ["/app", "Gallery"],
  ["/app/queue", "Queue"],
  ["/app/favourites", "Favourites"],
  ["/app/boards", "Boards"],
  ["/app/loras", "LoRAs"],
  ["/app/usage", "Usage"],
] as const;

export function Layout(props: { title: string; viewer?: Viewer | undefined; current?: string | undefined; children: Child }) {
  const { viewer } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        {viewer ? <meta name="csrf-token" content={viewer.csrfToken} /> : null}
        <title>{`${props.title} · Gallery`}</title>
        <link rel="stylesheet" href={`${STATIC_PATH}/app.css`} />
        <link rel="icon" href={`${STATIC_PATH}/icon.svg`} type="image/svg+xml" />
        <link rel="apple-touch-icon" href={`${STATIC_PATH}/icon-180.png`} />
        <link rel="manifest" href={`${STATIC_PATH}/manifest.webmanifest`} />
        <meta name="theme-color" content={THEME_COLOR} />
        <script type="module" src={`${STATIC_PATH}/app.js`} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/app">
            Gallery
          </a>
          {viewer ? (
            <nav class="sections" aria-label="Sections">
              {sections.map(([href, name]) => (
                <a href={href} aria-current={props.current === href ? "page" : undefined}>
                  {name}
                </a>
              ))}
            </nav>
          ) : null}
          {viewer ? (
            <nav aria-label="Account">
              <span class="who">
                {viewer.userId} · {viewer.workspaceSlug}
              </span>
              <form method="post" action="/app/sign-out">
                <input type="hidden" name="_csrf" value={viewer.csrfToken} />
                <button type="submit">Sign out</button>
              </form>
            </nav>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
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
