"use client";

// Upload a CDR export: drop it (or pick it), choose the source, the format (`auto` detects it)
// and an optional time-zone override; preview the first 50 rows as parsed (required before a
// source's first import), then upload it with a progress bar and follow the server-side load.
import { type DragEvent, useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { showBidiControls } from "@/lib/bidi.ts";
import { cleanFileName } from "@/lib/cdr/file-name.ts";
import type { CdrPreview } from "@/lib/cdr/preview.ts";
import { CDR_FORMATS } from "@/lib/cdr/schema.ts";
import { ImportProgress } from "./import-progress.tsx";
import { PreviewTable } from "./preview-table.tsx";

export type UploadSource = { name: string; format: string; timeZone: string; loadedImports: number };

// `auto` cannot recognise a `mapped` source's files (any CSV layout): those keep their mapping.
const defaultFormat = (source: UploadSource | undefined) => (source?.format === "mapped" ? "mapped" : "auto");
/**
 * The preview shows the first 50 rows: the head of the file holds them many times over, so a
 * multi-gigabyte export is not sent whole just to be previewed (a gzipped head still inflates).
 */
const PREVIEW_BYTES = 4 * 1024 * 1024;

type Phase =
  | { kind: "idle" }
  | { kind: "previewing" }
  | { kind: "uploading"; fraction: number | null }
  | { kind: "loading"; importId: string };

function queryFor(source: string, format: string, timeZone: string, file: File) {
  // Named here as the server names it, so the import carries the name shown in the form.
  const q = new URLSearchParams({ source, format, filename: cleanFileName(file.name) ?? "upload.csv" });
  if (timeZone.trim() !== "") q.set("timezone", timeZone.trim());
  return q.toString();
}

async function errorText(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { message?: string } | null;
  return body?.message ?? `The server answered ${res.status}.`;
}

export function UploadForm({ sources }: { sources: UploadSource[] }) {
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [sourceName, setSourceName] = useState(sources[0]?.name ?? "");
  const [format, setFormat] = useState<string>(() => defaultFormat(sources[0]));
  const [timeZone, setTimeZone] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [preview, setPreview] = useState<CdrPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Read in the browser only: the server's ICU list may differ, and the markup must match on hydration.
  const [zones, setZones] = useState<string[]>([]);
  useEffect(() => setZones(Intl.supportedValuesOf("timeZone")), []);

  const source = sources.find((s) => s.name === sourceName);
  const firstFile = source !== undefined && source.loadedImports === 0;
  const busy = phase.kind === "previewing" || phase.kind === "uploading";
  // A source's first file is loaded only after its preview was seen (its settings are untested).
  const mustPreview = firstFile && preview === null;

  const choose = (next: File | null) => {
    setFile(next);
    setPreview(null);
    setError(null);
    setPhase({ kind: "idle" });
  };
  const settingsChanged = () => {
    setPreview(null);
    setError(null);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) choose(dropped);
  };

  const runPreview = async () => {
    if (!file) return;
    setPhase({ kind: "previewing" });
    setError(null);
    try {
      const res = await fetch(`/api/v1/cdr-imports/preview?${queryFor(sourceName, format, timeZone, file)}`, {
        method: "POST",
        body: file.size > PREVIEW_BYTES ? file.slice(0, PREVIEW_BYTES) : file,
      });
      if (!res.ok) setError(await errorText(res));
      else setPreview((await res.json()) as CdrPreview);
    } catch {
      setError("The preview could not be sent; check the connection and try again.");
    } finally {
      setPhase({ kind: "idle" });
    }
  };

  // XMLHttpRequest, not fetch: only it reports upload progress.
  const upload = () => {
    if (!file) return;
    setError(null);
    setPhase({ kind: "uploading", fraction: 0 });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/cdr-imports?${queryFor(sourceName, format, timeZone, file)}`);
    xhr.upload.onprogress = (e) => setPhase({ kind: "uploading", fraction: e.lengthComputable ? e.loaded / e.total : null });
    xhr.onload = () => {
      let body: { id?: string; message?: string } | null = null;
      try {
        body = JSON.parse(xhr.responseText) as { id?: string; message?: string };
      } catch {
        body = null;
      }
      // 503 with an id: stored, but the job queue did not take it; it is FAILED with the reason,
      // and following it shows that reason and its Retry button.
      if ((xhr.status === 202 || xhr.status === 503) && body?.id) {
        setPhase({ kind: "loading", importId: body.id });
      } else {
        setError(body?.message ?? `The upload failed (the server answered ${xhr.status}).`);
        setPhase({ kind: "idle" });
      }
    };
    xhr.onerror = () => {
      setError("The upload was interrupted; check the connection and try again.");
      setPhase({ kind: "idle" });
    };
    xhr.send(file);
  };

  if (phase.kind === "loading") {
    return (
      <div className="space-y-4">
        <ImportProgress importId={phase.importId} />
        <Button type="button" variant="secondary" onClick={() => choose(null)}>
          Import another file
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="cdr-dropzone"
        className={`rounded-lg border-2 border-dashed px-6 py-8 text-center text-sm focus-within:outline-2 focus-within:outline-brand-500 ${dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50"}`}
      >
        <p className="text-slate-700">
          {file ? (
            <>
              <span className="font-medium"><UntrustedText text={file.name} /></span> ({(file.size / 1024 / 1024).toFixed(1)} MB)
            </>
          ) : (
            "Drop a CDR export here (CSV, or gzipped CSV)"
          )}
        </p>
        <label htmlFor={`${ids}-file`} className="mt-3 inline-block cursor-pointer text-brand-700 underline underline-offset-2">
          {file ? "Choose another file" : "or choose a file"}
        </label>
        <input
          id={`${ids}-file`}
          type="file"
          accept=".csv,.txt,.gz,.cdr,text/csv,application/gzip"
          className="sr-only"
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Source (PBX)">
          {(props) => (
            <select
              {...props}
              className={inputClass}
              value={sourceName}
              onChange={(e) => {
                setSourceName(e.target.value);
                setFormat(defaultFormat(sources.find((s) => s.name === e.target.value)));
                settingsChanged();
              }}
            >
              {sources.map((s) => (
                <option key={s.name} value={s.name}>
                  {showBidiControls(s.name)} ({s.format}, {s.timeZone})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Format">
          {(props) => (
            <select
              {...props}
              className={inputClass}
              value={format}
              onChange={(e) => {
                setFormat(e.target.value);
                settingsChanged();
              }}
            >
              {CDR_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f === "auto" ? "auto (detect from the file)" : f}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Time zone override (optional)">
          {(props) => (
            <>
              <input
                {...props}
                className={inputClass}
                list={`${ids}-zones`}
                value={timeZone}
                placeholder={source ? `source's: ${source.timeZone}` : "e.g. America/Chicago"}
                onChange={(e) => {
                  setTimeZone(e.target.value);
                  settingsChanged();
                }}
              />
              <datalist id={`${ids}-zones`}>
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </div>

      {firstFile ? (
        <p className="rounded-md bg-blue-50 p-3 text-sm text-blue-900">
          <UntrustedText text={sourceName} /> has no import yet: check the preview of the first 50 rows (times, numbers, dispositions) before loading it.
        </p>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant={mustPreview ? "primary" : "secondary"} disabled={!file || busy} onClick={runPreview}>
          {phase.kind === "previewing" ? "Reading…" : "Preview first 50 rows"}
        </Button>
        <Button type="button" disabled={!file || busy || mustPreview} onClick={upload}>
          Import
        </Button>
        {!file ? <span className="text-sm text-slate-600">Choose a file to preview or import it.</span> : null}
      </div>

      {phase.kind === "uploading" ? (
        <div>
          <progress
            className="h-2 w-full overflow-hidden rounded-full [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-100 [&::-webkit-progress-value]:bg-brand-600"
            aria-label="Upload progress"
            max={1}
            value={phase.fraction ?? undefined}
          />
          <p role="status" className="mt-1 text-sm text-slate-700">
            Uploading{phase.fraction === null ? "…" : ` ${Math.floor(phase.fraction * 100)}%`}
          </p>
        </div>
      ) : null}

      {error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}

      {preview ? <PreviewTable preview={preview} /> : null}
    </div>
  );
}
