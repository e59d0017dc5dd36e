"use client";

// PBX calls per hour to the customer's numbers against the rings they reported (issue 6 "Customer
// case page"), in buckets of several hours past a week (lib/cases/timeline.ts). Rings are points,
// not bars: a bucket is a few pixels wide and a ring without PBX record must still be seen. The
// Brush zooms into any stretch of the range.
import { startTransition, useEffect, useMemo, useState } from "react";
import { Bar, Brush, CartesianGrid, ComposedChart, Legend, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { type PackedTimeline, bucketTimeline, unpackTimeline } from "@/lib/cases/timeline.ts";

type Point = {
  t: number;
  calls: number;
  noRecord: number | null;
  found: number | null;
  noCoverage: number | null;
  pending: number | null;
  sweep: number | null;
};

// Colours match the verdict badges; a star marks a sweep ring (another customer rang within minutes).
const SERIES = {
  calls: { name: "PBX calls to the customer's numbers", color: "#94a3b8" },
  noRecord: { name: "Ring without PBX record", color: "#dc2626" },
  found: { name: "Ring with PBX record", color: "#16a34a" },
  noCoverage: { name: "Ring without CDR coverage", color: "#d97706" },
  pending: { name: "Ring not evaluated yet", color: "#475569" },
  sweep: { name: "Sweep ring (other customers rang within minutes)", color: "#7c3aed" },
} as const;

const nullIfZero = (n: number) => (n > 0 ? n : null);

export function CaseTimelineChart({ timeline, timeZone, days }: { timeline: PackedTimeline; timeZone: string; days: number }) {
  const hours = useMemo(() => unpackTimeline(timeline), [timeline]);
  // The chart is drawn once the page has painted. A transition alone does not get it there:
  // recharts 3 keeps its layout in a redux store read through useSyncExternalStore, whose updates
  // React renders synchronously, so the drawing ran as one 600 ms task right after the commit,
  // and the page's heading was painted only after it (Chromium trace of Enter on a queue row, 2
  // cores). A frame, then a task: the browser paints the page in between.
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setDrawn(true)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  const buckets = useMemo(() => bucketTimeline(hours), [hours]);
  const per = buckets.hours === 1 ? "hour" : `${buckets.hours} h`;
  const points = useMemo<Point[]>(
    () =>
      buckets.points.map((h) => ({
        t: h.t,
        calls: h.calls,
        noRecord: nullIfZero(h.noRecord),
        found: nullIfZero(h.found),
        noCoverage: nullIfZero(h.noCoverage),
        pending: nullIfZero(h.pending),
        sweep: h.sweep,
      })),
    [buckets],
  );
  const day = useMemo(() => new Intl.DateTimeFormat("en-CA", { timeZone, month: "short", day: "numeric" }), [timeZone]);
  const hour = useMemo(
    () => new Intl.DateTimeFormat("en-CA", { timeZone, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
    [timeZone],
  );
  const totals = hours.reduce(
    (acc, h) => ({ calls: acc.calls + h.calls, noRecord: acc.noRecord + h.noRecord, sweep: acc.sweep + (h.sweep ?? 0), rings: acc.rings + h.noRecord + h.found + h.noCoverage + h.pending }),
    { calls: 0, noRecord: 0, sweep: 0, rings: 0 },
  );
  const summary = `Last ${days} days: ${totals.calls} PBX calls to the customer's numbers, ${totals.rings} reported rings, ${totals.noRecord} without PBX record${totals.sweep ? ` (${totals.sweep} in a sweep)` : ""}.`;

  return (
    <figure>
      <figcaption className="text-sm text-slate-700">{summary}</figcaption>
      <div className="mt-3 h-[320px]">
        {drawn ? <ComposedChart
          responsive
          style={{ width: "100%", height: 320 }}
          data={points}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          title={`PBX calls per ${per} and reported rings`}
          desc={summary}
        >
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          {/* Over a week, ticks fall several times a day: they need the hour to tell apart. */}
          <XAxis
            dataKey="t"
            tickFormatter={(t: number) => (days <= 7 ? hour : day).format(t)}
            minTickGap={days <= 7 ? 60 : 40}
            tick={{ fontSize: 12, fill: "#475569" }}
          />
          <YAxis yAxisId="calls" allowDecimals={false} width={40} tick={{ fontSize: 12, fill: "#475569" }} label={{ value: `calls / ${per}`, angle: -90, position: "insideLeft", fontSize: 12, fill: "#475569" }} />
          <YAxis yAxisId="rings" orientation="right" allowDecimals={false} width={36} domain={[0, (max: number) => Math.max(2, max + 1)]} tick={{ fontSize: 12, fill: "#475569" }} />
          <Tooltip labelFormatter={(t) => hour.format(Number(t))} formatter={(value) => (value === null ? "—" : value)} />
          {/* Legend text in the body colour: series colours as text would fail contrast (WCAG 1.4.3). */}
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span style={{ color: "#334155" }}>{value}</span>} />
          <Bar yAxisId="calls" dataKey="calls" name={SERIES.calls.name} fill={SERIES.calls.color} isAnimationActive={false} />
          <Scatter yAxisId="rings" dataKey="found" name={SERIES.found.name} fill={SERIES.found.color} isAnimationActive={false} />
          <Scatter yAxisId="rings" dataKey="noCoverage" name={SERIES.noCoverage.name} fill={SERIES.noCoverage.color} isAnimationActive={false} />
          <Scatter yAxisId="rings" dataKey="pending" name={SERIES.pending.name} fill={SERIES.pending.color} isAnimationActive={false} />
          <Scatter yAxisId="rings" dataKey="noRecord" name={SERIES.noRecord.name} fill={SERIES.noRecord.color} isAnimationActive={false} />
          <Scatter yAxisId="rings" dataKey="sweep" name={SERIES.sweep.name} fill={SERIES.sweep.color} shape="star" isAnimationActive={false} />
          <Brush dataKey="t" height={28} stroke="#6366f1" tickFormatter={(t: number) => day.format(t)} />
        </ComposedChart> : null}
      </div>
      <p className="mt-1 text-xs text-slate-600">
        {buckets.hours === 1 ? "Hours" : `Buckets of ${buckets.hours} hours`} in {timeZone}. Drag the handles under the chart to zoom into a stretch; the left axis counts PBX calls, the right one rings.
      </p>
    </figure>
  );
}
