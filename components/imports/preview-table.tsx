import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import type { CdrPreview } from "@/lib/cdr/preview.ts";

const utc = (iso: string | null) => (iso === null ? "—" : `${iso.slice(0, 19).replace("T", " ")}`);

/** The dry run: what was detected, the first rows as they would be stored, rejects and warnings among them. */
export function PreviewTable({ preview }: { preview: CdrPreview }) {
  const d = preview.detection;
  return (
    <section aria-label="Preview" className="space-y-3 text-sm">
      <p>
        <span className="font-medium">Detected: {d.format}</span> — {d.variant}
        {d.overridden ? " (format given, not detected)" : ` (${Math.round(d.confidence * 100)}% of sampled rows fit)`}.{" "}
        <span className="text-slate-600">{d.reason}</span>
      </p>
      <p className="text-slate-600">
        {preview.rows.length} row{preview.rows.length === 1 ? "" : "s"} as they would be stored (times in UTC)
        {preview.complete ? "; that is the whole file." : "; the file has more."} Nothing was written.
      </p>
      {preview.warnings.length > 0 ? (
        <ul className="list-disc rounded-md bg-amber-50 p-3 pl-8 text-amber-900">
          {preview.warnings.map((w, i) => (
            <li key={`${w.code}-${i}`}>{w.line === undefined ? "" : `Line ${w.line}: `}<UntrustedText text={w.message} /></li>
          ))}
        </ul>
      ) : null}
      {preview.rejects.length > 0 ? (
        <div>
          <h3 className="font-medium text-red-800">Rejected rows</h3>
          <ul className="mt-1 space-y-1">
            {preview.rejects.map((r, i) => (
              <li key={`${r.line}-${i}`}>
                <span className="tabular-nums">Line {r.line}</span>: <UntrustedText text={r.reason} /> <code className="break-all text-xs text-slate-600"><UntrustedText text={r.raw} /></code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {/* Focusable, so keyboard users can scroll it (axe: scrollable-region-focusable). */}
      <div tabIndex={0} role="region" aria-label="Rows as parsed" className="max-h-96 overflow-auto rounded-md border border-slate-200">
        <table className="w-full text-left text-xs">
          <caption className="sr-only">First rows as parsed</caption>
          <thead className="sticky top-0 bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-2 py-1 text-right font-medium">Line</th>
              <th scope="col" className="px-2 py-1 font-medium">Start (UTC)</th>
              <th scope="col" className="px-2 py-1 font-medium">Caller</th>
              <th scope="col" className="px-2 py-1 font-medium">Callee</th>
              <th scope="col" className="px-2 py-1 font-medium">Endpoint</th>
              <th scope="col" className="px-2 py-1 font-medium">Disposition</th>
              <th scope="col" className="px-2 py-1 text-right font-medium">Duration (s)</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {preview.rows.map((r) => (
              <tr key={r.line}>
                <td className="px-2 py-1 text-right tabular-nums">{r.line}</td>
                <td className="px-2 py-1 tabular-nums">{utc(r.startedAt)}</td>
                <td className="px-2 py-1"><UntrustedText text={[r.callerName, r.callerNumber].filter(Boolean).join(" ") || "—"} /></td>
                <td className="px-2 py-1"><UntrustedText text={r.calleeNumber ?? "—"} /></td>
                <td className="px-2 py-1"><UntrustedText text={r.endpoint ?? "—"} /></td>
                <td className="px-2 py-1">{r.disposition}{r.dispositionRaw !== r.disposition ? <> (<UntrustedText text={r.dispositionRaw} />)</> : ""}</td>
                <td className="px-2 py-1 text-right tabular-nums">{r.durationSec ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
