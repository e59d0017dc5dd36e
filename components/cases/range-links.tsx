import Link from "next/link";
import { TIMELINE_RANGES, type TimelineRange } from "@/lib/cases/data.ts";

/** The timeline's range as links, so a range is in the URL: shareable and kept on reload. */
export function RangeLinks({ account, current }: { account: string; current: TimelineRange }) {
  return (
    <nav aria-label="Timeline range" className="inline-flex rounded-md bg-slate-100 p-1">
      {(Object.keys(TIMELINE_RANGES) as TimelineRange[]).map((range) => (
        <Link
          key={range}
          href={{ pathname: `/customers/${encodeURIComponent(account)}`, query: { range } }}
          scroll={false}
          aria-current={range === current ? "page" : undefined}
          className={`rounded px-3 py-1 text-sm font-medium ${range === current ? "bg-white text-brand-700 shadow-xs" : "text-slate-700 hover:text-slate-900"}`}
        >
          {TIMELINE_RANGES[range]} days
        </Link>
      ))}
    </nav>
  );
}
