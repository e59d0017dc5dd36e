"use client";

import dynamic from "next/dynamic";

/**
 * The case page's timeline chart, loaded after the page shows: a navigation to a case page
 * waits for the client code of everything on it, and recharts is the largest part of that.
 * From the queue's Enter to the case page's heading, in headless Chromium on 2 cores: 2.3–2.7 s
 * with 720 hourly bars drawn at once, 1.4–1.6 s with buckets (lib/cases/timeline.ts) drawn after
 * the page, 1.0–1.1 s with the chart's code loaded after it too.
 */
export const CaseTimeline = dynamic(() => import("./case-timeline-chart.tsx").then((m) => m.CaseTimelineChart), {
  ssr: false,
  loading: () => <p className="h-[360px] text-sm text-slate-600">Drawing the timeline…</p>,
});
