import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import type { AppRouter } from "../../server/trpc/router.js";

const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? "";

/**
 * The API's procedures as the signed-in member, at the gallery's own /app/trpc: a change carries
 * the page's CSRF token in a header, which a page of another origin can neither read nor send.
 */
export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({ url: "/app/trpc" }),
      false: httpBatchLink({ url: "/app/trpc", headers: () => ({ "x-csrf-token": csrf }) }),
    }),
  ],
});
