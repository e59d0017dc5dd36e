"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";
import type { Route } from "next";

export type NavItem = { href: Route; label: string };

/**
 * Shown in a nav link while the page it opens is on its way. Pages with a `loading.tsx` show a
 * skeleton instead; the queue has none, because a Suspense boundary around the page costs every
 * full page load a streamed fallback and its swap (about a quarter of the queue's throughput
 * under load, measured with npm run bench:dashboard), for a page that answers in ~30 ms alone.
 */
function Pending() {
  const { pending } = useLinkStatus();
  if (!pending) return null;
  return (
    <span role="status" className="ml-1.5 inline-block size-1.5 animate-pulse rounded-full bg-brand-600 align-middle">
      <span className="sr-only">Loading</span>
    </span>
  );
}

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`rounded-md px-3 py-2 text-sm font-medium ${
                active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              }`}
            >
              {item.label}
              <Pending />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
