/** @jsxImportSource hono/jsx */
import { Layout } from "./layout.js";

/**
 * A sign-in link opens this page and does not sign in by itself: link scanners and chat
 * unfurlers fetch links, and a GET that used the link up would leave the member locked out.
 * `next` (already checked to be a gallery path) goes with the form, to be opened once signed in.
 */
export function SignInPage(props: { token: string; next?: string | undefined; userId: string; workspaceName: string; expiresAt: Date }) {
  return (
    <Layout title="Sign in">
      <section class="message">
        <h1>Sign in to the gallery</h1>
        <p>
          You are signing in as <strong>{props.userId}</strong> in <strong>{props.workspaceName}</strong>.
        </p>
        <form method="post" action="/app/sign-in">
          <input type="hidden" name="token" value={props.token} />
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <button type="submit" class="primary">
            Continue
          </button>
        </form>
        <p class="hint">This link works once, until {props.expiresAt.toISOString().slice(11, 16)} UTC.</p>
      </section>
    </Layout>
  );
}

export function SignedOutPage() {
  return (
    <Layout title="Signed out">
      <section class="message">
        <h1>Not signed in</h1>
        <p>
          Ask for a sign-in link with <code>/gallery</code> in Discord or Slack, or run <code>npm run cli -- login-link</code> with your API
          key.
        </p>
      </section>
    </Layout>
  );
}
