"use client";

import { useEffect, useState } from "react";
import { debounce } from "nuqs";
import { showBidiControls } from "@/lib/bidi.ts";
import { CASE_STATUSES, OPEN_STATUSES } from "@/lib/cases/rules.ts";
import { FINDING_LEVELS, VERDICT_LABEL } from "@/lib/matching/labels.ts";
import { PERIOD_DAYS, type StatusFilter, statusLabel } from "@/lib/queue/schema.ts";
import type { QueueUrl } from "./queue-view.tsx";

// The status box offers single statuses and "any open case"; a URL holding another combination
// (a hand-made link) shows as it is until changed.
const OPEN_VALUE = OPEN_STATUSES.join(",");
const OPEN_OR_NONE_VALUE = `${OPEN_VALUE},NONE`;

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const labelClass = "grid gap-1 text-xs font-medium text-slate-600";

export function QueueFilters({
  url,
  assignees,
  vendors,
}: {
  url: QueueUrl;
  assignees: { id: string; name: string }[];
  vendors: { id: string; name: string }[];
}) {
  const { params, setParams } = url;
  // Typing stays instant; the URL (and the server query) follows 300 ms after the last key. The
  // box follows the URL when something else changes it (a saved view, back, "Clear filters").
  const [q, setQ] = useState(params.q ?? "");
  useEffect(() => setQ(params.q ?? ""), [params.q]);

  const status = params.status.join(",");
  const statusKnown = ["", OPEN_VALUE, OPEN_OR_NONE_VALUE, ...CASE_STATUSES, "NONE"].includes(status);
  const filtered =
    params.status.length > 0 ||
    params.level.length > 0 ||
    params.assignee !== null ||
    params.period !== null ||
    params.vendor !== null ||
    params.q !== null ||
    params.ringingAgain !== null;

  return (
    <form role="search" aria-label="Filter the queue" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <label className={labelClass}>
        Search customer
        <input
          type="search"
          value={q}
          placeholder="Account or name"
          className={`${selectClass} w-48`}
          onChange={(e) => {
            setQ(e.target.value);
            void setParams(
              { q: e.target.value.trim() === "" ? null : e.target.value, page: null },
              { limitUrlUpdates: e.target.value === "" ? undefined : debounce(300), history: "replace" },
            );
          }}
        />
      </label>
      <label className={labelClass}>
        Case status
        <select
          className={selectClass}
          value={status}
          onChange={(e) =>
            void setParams({ status: e.target.value === "" ? null : (e.target.value.split(",") as StatusFilter[]), page: null })
          }
        >
          <option value="">Any</option>
          <option value={OPEN_VALUE}>Any open case</option>
          <option value={OPEN_OR_NONE_VALUE}>Open or no case</option>
          {CASE_STATUSES.map((s) => <option key={s} value={s}>{statusLabel[s]}</option>)}
          <option value="NONE">{statusLabel.NONE}</option>
          {statusKnown ? null : <option value={status}>{params.status.map((s) => statusLabel[s]).join(", ")}</option>}
        </select>
      </label>
      <label className={labelClass}>
        Level
        <select
          className={selectClass}
          value={params.level.join(",")}
          onChange={(e) => void setParams({ level: e.target.value === "" ? null : [e.target.value as (typeof FINDING_LEVELS)[number]], page: null })}
        >
          <option value="">Any</option>
          {FINDING_LEVELS.map((l) => <option key={l} value={l}>{VERDICT_LABEL[l]}</option>)}
          {params.level.length > 1 ? <option value={params.level.join(",")}>{params.level.map((l) => VERDICT_LABEL[l]).join(", ")}</option> : null}
        </select>
      </label>
      <label className={labelClass}>
        Assignee
        <select className={selectClass} value={params.assignee ?? ""} onChange={(e) => void setParams({ assignee: e.target.value || null, page: null })}>
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="unassigned">Unassigned</option>
          {assignees.map((u) => <option key={u.id} value={u.id}>{showBidiControls(u.name)}</option>)}
        </select>
      </label>
      <label className={labelClass}>
        Rang without PBX record
        <select
          className={selectClass}
          value={params.period ?? ""}
          onChange={(e) => void setParams({ period: PERIOD_DAYS.find((d) => d === Number(e.target.value)) ?? null, page: null })}
        >
          <option value="">Any time</option>
          {PERIOD_DAYS.map((d) => <option key={d} value={d}>In the last {d} days</option>)}
        </select>
      </label>
      <label className={labelClass}>
        Phone vendor
        <select className={selectClass} value={params.vendor ?? ""} onChange={(e) => void setParams({ vendor: e.target.value || null, page: null })}>
          <option value="">Any</option>
          {vendors.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
        </select>
      </label>
      <label className="flex items-center gap-2 self-center pt-4 text-sm text-slate-700">
        <input
          type="checkbox"
          checked={params.ringingAgain !== null}
          onChange={(e) => void setParams({ ringingAgain: e.target.checked ? "1" : null, page: null })}
        />
        Ringing again after remediation
      </label>
      {filtered ? (
        <button
          type="button"
          className="self-end rounded-md px-2 py-1.5 text-sm text-brand-700 underline"
          onClick={() => {
            setQ("");
            void setParams({ status: null, level: null, assignee: null, period: null, vendor: null, q: null, ringingAgain: null, page: null });
          }}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
