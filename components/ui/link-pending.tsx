"use client";

import { useLinkStatus } from "next/link";

/**
 * A dot in the corner of a Link (which must be `relative`) while the page it opens is on its way:
 * the loading state of pages without a `loading.tsx`. The queue has none, because a Suspense
 * boundary around a page costs every full page load a streamed fallback and its swap (about a
 * quarter of the queue page's throughput under load, measured with npm run bench:dashboard).
 * Hidden from assistive technology, which hears the new page's title from Next's route
 * announcer; always mounted, so that showing it moves nothing.
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden
      className={`pointer-events-none absolute top-1 right-1 size-1.5 rounded-full bg-brand-600 transition-opacity ${pending ? "animate-pulse opacity-100" : "opacity-0"}`}
    />
  );
}
