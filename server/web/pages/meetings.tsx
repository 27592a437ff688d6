/** @jsxImportSource hono/jsx */
import type { inferRouterOutputs } from "@trpc/server";
import { clockOf, momentPath } from "../../../shared/meeting-search/moment.js";
import type { AppRouter } from "../../trpc/router.js";
import { inViewerLocale } from "../locale/current.js";
import { meetingsText } from "../locale/meetings-text.js";
import { Layout, type Viewer } from "./layout.js";

type Found = inferRouterOutputs<AppRouter>["transcripts"]["search"];
type Hit = Found["hits"][number];

/** The quote with the query's words and phrases marked. */
function Quote(props: { hit: Hit }) {
  const { quote, matches } = props.hit;
  const parts: Array<string | ReturnType<typeof Mark>> = [];
  let at = 0;
  for (const m of matches) {
    parts.push(quote.slice(at, m.start), <Mark text={quote.slice(m.start, m.end)} />);
    at = m.end;
  }
  parts.push(quote.slice(at));
  return <q>{parts}</q>;
}

function Mark(props: { text: string }) {
  return <mark>{props.text}</mark>;
}

/** The box that searches inside every meeting, on its page and above the gallery's transcriptions. */
export function MeetingSearchBox(props: { query: string }) {
  const text = inViewerLocale(meetingsText);
  return (
    <search>
      <form method="get" action="/app/meetings" class="filters meeting-search">
        <label>
          {text.label} <input type="search" name="q" value={props.query} placeholder={text.placeholder} maxlength={200} required />
        </label>
        <button type="submit">{text.button}</button>
      </form>
    </search>
  );
}

/** The search box, and the hits of a query: where, who and when, the quote, a link to that moment. */
export function MeetingsPage(props: { viewer: Viewer; query: string; found: Found | null; refusal: string | null }) {
  const text = inViewerLocale(meetingsText);
  const { found, query } = props;
  return (
    <Layout title={text.title} viewer={props.viewer}>
      <h1>{text.title}</h1>
      <p class="hint">{text.intro}</p>
      <MeetingSearchBox query={query} />
      {props.refusal ? (
        <p class="problem" role="alert">
          {props.refusal}
        </p>
      ) : null}
      {found && found.hits.length === 0 ? <p>{text.none(query)}</p> : null}
      {found && found.hits.length > 0 ? (
        <ol class="meeting-hits">
          {found.hits.map((hit) => (
            <li>
              <a href={momentPath(hit.jobId, hit.start)}>
                <span class="file">{hit.fileName}</span> <span class="at">{clockOf(hit.start)}</span>
                <span class="visually-hidden">, {text.play}</span>
              </a>{" "}
              {hit.speaker ? <span class="speaker">{hit.speakerName ?? text.speaker(hit.speaker)}</span> : null}
              <blockquote>
                <Quote hit={hit} />
              </blockquote>
            </li>
          ))}
        </ol>
      ) : null}
      {found?.nextCursor ? (
        <a class="more" href={`/app/meetings?${new URLSearchParams({ q: query, cursor: found.nextCursor })}`}>
          {text.more}
        </a>
      ) : null}
    </Layout>
  );
}
