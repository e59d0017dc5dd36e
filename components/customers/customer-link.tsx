import Link from "next/link";
import type { ReactNode } from "react";

/** The customer's case page. */
export const customerHref = (account: string) => `/customers/${encodeURIComponent(account)}` as const;

/**
 * A link to a customer's case page from a list. Not prefetched: a list shows up to a hundred
 * customers, and Next prefetches every dynamic link in view, so each list view made the server
 * render that many case pages (each with its timeline queries) that nobody opens; with them, a
 * click on one waited seconds behind the others on a 2-core machine.
 */
export function CustomerLink({ account, className, tabIndex, children }: { account: string; className?: string; tabIndex?: number; children?: ReactNode }) {
  return (
    <Link prefetch={false} href={customerHref(account)} className={className} tabIndex={tabIndex}>
      {children ?? account}
    </Link>
  );
}
