"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { RingDay } from "@/lib/overview/data.ts";

// Same hues as the verdict badges: red without PBX record, green with, amber not covered.
const series = [
  { key: "withoutRecord", name: "No PBX record", color: "#dc2626" },
  { key: "withRecord", name: "PBX record found", color: "#16a34a" },
  { key: "noCoverage", name: "No coverage", color: "#d97706" },
] as const;

/** Reported rings per day, stacked by verdict. The same numbers are in a table for screen readers. */
export function RingsChart({ days }: { days: RingDay[] }) {
  return (
    <figure>
      {/* The drawing is hidden from assistive tech (and not focusable: recharts' keyboard layer off,
          axe's aria-hidden-focus); the table in the caption carries the same numbers. */}
      <div aria-hidden className="h-64">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} tick={{ fontSize: 11, fill: "#475569" }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => <Bar key={s.key} dataKey={s.key} name={s.name} stackId="rings" fill={s.color} />)}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        <table>
          <caption>Reported rings per day (UTC)</caption>
          <thead>
            <tr><th scope="col">Day</th>{series.map((s) => <th key={s.key} scope="col">{s.name}</th>)}</tr>
          </thead>
          <tbody>
            {days.map((d) => <tr key={d.day}><th scope="row">{d.day}</th>{series.map((s) => <td key={s.key}>{d[s.key]}</td>)}</tr>)}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
