/** @jsxImportSource hono/jsx */
import { currentFormatLocale, inViewerLocale } from "../locale/current.js";
import { signInText } from "../locale/layout-text.js";
import { Layout } from "./layout.js";

/**
 * A sign-in link opens this page and does not sign in by itself: link scanners and chat
 * unfurlers fetch links, and a GET that used the link up would leave the member locked out.
 * `next` (already checked to be a gallery path) goes with the form, to be opened once signed in.
 */
export function SignInPage(props: { token: string; next?: string | undefined; userId: string; workspaceName: string; expiresAt: Date }) {
  const text = inViewerLocale(signInText);
  const [before, middle, after] = text.signingInAs;
  const until = new Intl.DateTimeFormat(currentFormatLocale(), {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(props.expiresAt);
  return (
    <Layout title={text.title}>
      <section class="message">
        <h1>{text.heading}</h1>
        <p>
          {before}
          <strong>{props.userId}</strong>
          {middle}
          <strong>{props.workspaceName}</strong>
          {after}
        </p>
        <form method="post" action="/app/sign-in">
          <input type="hidden" name="token" value={props.token} />
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <button type="submit" class="primary">
            {text.continue}
          </button>
        </form>
        <p class="hint">{text.worksUntil(until)}</p>
      </section>
    </Layout>
  );
}

export function SignedOutPage() {
  const text = inViewerLocale(signInText);
  const [before, middle, after] = text.askForLink;
  return (
    <Layout title={text.signedOut}>
      <section class="message">
        <h1>{text.notSignedIn}</h1>
        <p>
          {before}
          <code>/gallery</code>
          {middle}
          <code>npm run cli -- login-link</code>
          {after}
        </p>
      </section>
    </Layout>
  );
}
