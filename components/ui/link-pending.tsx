"use client";

import { useLinkStatus } from "next/link";

/**
 * A dot in the corner of a Link (which must be `relative`) while the page it opens is on its way:
 * the loading state of the pages without a `loading.tsx` skeleton, and a sign on the link that
 * was clicked for those with one. Hidden from assistive technology, which hears the new page's
 * title from Next's route announcer; always mounted, so that showing it moves nothing.
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
