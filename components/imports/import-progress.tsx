"use client";

// Live server-side progress of one import: polls GET /api/v1/cdr-imports/{id} every second
// until it is LOADED, REFUSED or FAILED, then shows the summary and refreshes the page's data.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { CdrImportSummary } from "@/lib/cdr/data.ts";
import { formatDuration } from "@/lib/format.ts";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { isImportFinished } from "@/lib/cdr/status.ts";
import { ImportStatusBadge } from "./import-status.tsx";
import { ImportMessages } from "./import-messages.tsx";
import { RetryButton } from "./retry-button.tsx";
import { importErrorText } from "@/lib/cdr/errors.ts";
import { showBidiControls } from "@/lib/bidi.ts";

const count = (n: number) => n.toLocaleString("en-US");
const POLL_MS = 1000;

export function ImportProgress({ importId, showSummary = true }: { importId: string; showSummary?: boolean }) {
  const router = useRouter();
  const [summary, setSummary] = useState<CdrImportSummary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await fetch(`/api/v1/cdr-imports/${importId}`, { cache: "no-store" });
        if (!res.ok) throw new Error(`the server answered ${res.status}`);
        const next = (await res.json()) as CdrImportSummary;
        if (stopped) return;
        setSummary(next);
        setProblem(null);
        if (isImportFinished(next.status)) {
          router.refresh();
          return;
        }
      } catch (error) {
        if (!stopped) setProblem(`Could not read the progress (${error instanceof Error ? error.message : String(error)}); trying again.`);
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [importId, router]);

  if (summary === null) return <p role="status" className="text-sm text-slate-600">{problem ?? "Reading the import's progress…"}</p>;
  const p = summary.progress;
  const finished = isImportFinished(summary.status);
  return (
    <section aria-label={`Import of ${showBidiControls(summary.fileName)}`} className="space-y-3 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <ImportStatusBadge status={summary.status} />
        <span className="font-medium"><UntrustedText text={summary.fileName} /></span>
        <span className="text-slate-600">into <UntrustedText text={summary.source} /></span>
      </div>
      {!finished ? (
        <div>
          <progress
            className="h-2 w-full overflow-hidden rounded-full [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-100 [&::-webkit-progress-value]:bg-brand-600"
            aria-label={`Loading ${showBidiControls(summary.fileName)}`}
            max={1}
            value={summary.status === "QUEUED" ? undefined : (p.fraction ?? undefined)}
          />
          <p role="status" aria-live="polite" className="mt-1 text-slate-700">
            {summary.status === "QUEUED"
              ? "Waiting for a worker to start loading it…"
              : `${count(p.rows)} rows read${p.rowsPerSecond === null ? "" : ` · ${count(p.rowsPerSecond)} rows/s`}${p.etaSeconds === null ? "" : ` · about ${formatDuration(p.etaSeconds)} left`}`}
          </p>
          <p className="mt-1 text-xs text-slate-600">You can leave this page: the import carries on, and the history below shows how it ends.</p>
        </div>
      ) : showSummary ? (
        <ImportOutcome summary={summary} />
      ) : null}
      {problem ? <p className="text-xs text-amber-800">{problem}</p> : null}
    </section>
  );
}

function ImportOutcome({ summary }: { summary: CdrImportSummary }) {
  return (
    <div className="space-y-2">
      {summary.status === "LOADED" ? (
        <p>
          {summary.format}: {count(summary.rowsRead)} rows read, {count(summary.rowsInserted)} inserted, {count(summary.rowsDuplicate)} duplicate,{" "}
          {count(summary.rowsRejected)} rejected.
        </p>
      ) : (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-red-800">
          <UntrustedText text={importErrorText(summary.error, summary.errorLine)} />
        </p>
      )}
      <ImportMessages messages={summary.messages} />
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/imports/${summary.id}`} className="text-brand-700 underline underline-offset-2">
          {summary.rowsRejected > 0 ? `See the ${count(summary.rowsRejected)} rejected row${summary.rowsRejected === 1 ? "" : "s"}` : "Open the import"}
        </Link>
        {summary.retryable ? <RetryButton importId={summary.id} /> : null}
      </div>
    </div>
  );
}
