"use client";

import { type KeyboardEvent, type ReactNode, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import {
  type ColumnVisibilityState,
  type PaginationState,
  type SortingState,
  type Updater,
  columnVisibilityFeature,
  createColumnHelper,
  functionalUpdate,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { CustomerLink, customerHref } from "@/components/customers/customer-link.tsx";
import { VerdictBadge } from "@/components/matching/verdict-badge.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { showBidiControls } from "@/lib/bidi.ts";
import { utcMinute } from "@/lib/format.ts";
import {
  PER_PAGE_CHOICES,
  QUEUE_COLUMNS,
  type QueueColumn,
  type QueueRow,
  type QueueSort,
  sortDirection,
  statusLabel,
} from "@/lib/queue/schema.ts";
import type { QueueUrl } from "./queue-view.tsx";

// Server-side table (TanStack Table v9): the features are registered for their state and APIs,
// with no client row models; the rows arrive sorted and paged by the server.
//
// Cells are drawn by each column's `meta.render` from the row's data, not by FlexRender: every
// FlexRender builds the cell's context (cell.getContext()) and an extra component, which cost
// about 14 µs a cell when the page is rendered on the server, 3.4 ms of a 25-row page (measured
// with react-dom/server), more than the rest of the table. Headers, sorting, paging and column
// visibility still come from the table.
type QueueColumnMeta = {
  /** The cell's content. */
  render: (row: QueueRow) => ReactNode;
  /** Classes for the cell itself, so that a plain value needs no wrapper element. */
  className?: string;
};
const features = tableFeatures({ rowSortingFeature, rowPaginationFeature, columnVisibilityFeature, columnMeta: {} as QueueColumnMeta });
const column = createColumnHelper<typeof features, QueueRow>();

const columns = column.columns([
  column.accessor("score", {
    id: "level",
    header: "Level",
    sortDescFirst: true,
    meta: {
      className: "whitespace-nowrap",
      render: (row) =>
        row.level === null ? (
          <span className="text-slate-500">No finding</span>
        ) : (
          <>
            <VerdictBadge value={row.level} /> <span className="ml-1 tabular-nums text-slate-600">{row.score}</span>
          </>
        ),
    },
  }),
  column.accessor("account", {
    id: "customer",
    header: "Customer",
    enableHiding: false,
    meta: {
      render: (row) => (
        <>
          {/* One tab stop per row (the row itself): the link is for the mouse and screen-reader links lists. */}
          <CustomerLink tabIndex={-1} account={row.account} className="font-medium text-brand-700 hover:underline" />
          <span className="block max-w-48 truncate text-xs text-slate-600"><UntrustedText text={row.name} /></span>
        </>
      ),
    },
  }),
  column.accessor("rings7", { id: "rings7", header: "No record, 7 d", enableSorting: false, meta: { className: "tabular-nums", render: (row) => row.rings7 } }),
  column.accessor("rings30", { id: "rings30", header: "30 d", enableSorting: false, meta: { className: "tabular-nums", render: (row) => row.rings30 } }),
  column.accessor("lastRingAt", {
    id: "lastRing",
    header: "Last ring (UTC)",
    sortDescFirst: true,
    meta: { className: "whitespace-nowrap tabular-nums", render: (row) => utcMinute(row.lastRingAt) },
  }),
  column.accessor("sweepWith", {
    id: "sweep",
    header: "Sweep",
    enableSorting: false,
    meta: {
      render: ({ sweepWith: shown, sweepCount: count }) => {
        if (count === 0) return <span className="text-slate-500">—</span>;
        const title = count > shown.length ? `${shown.join(", ")} and ${count - shown.length} more` : shown.join(", ");
        return <span title={title}>with {count === 1 ? shown[0] : `${count} others`}</span>;
      },
    },
  }),
  column.accessor("status", {
    id: "status",
    header: "Case",
    meta: {
      className: "whitespace-nowrap",
      render: ({ status, caseNumber, recurrences }) => {
        if (status === null) return <span className="text-slate-500">{statusLabel.NONE}</span>;
        return (
          <>
            {statusLabel[status]} <span className="text-xs text-slate-500">#{caseNumber}</span>
            {recurrences > 0 ? (
              <span className="ml-1 rounded-full bg-red-100 px-1.5 text-xs font-medium text-red-900" title="Rang again after remediation">
                ↻ {recurrences}<span className="sr-only"> {recurrences === 1 ? "recurrence" : "recurrences"}</span>
              </span>
            ) : null}
          </>
        );
      },
    },
  }),
  column.accessor("assigneeName", { id: "assignee", header: "Assignee", meta: { render: (row) => row.assigneeName !== null ? <UntrustedText text={row.assigneeName} /> : <span className="text-slate-500">Unassigned</span> } }),
  column.accessor("updatedAt", { id: "updated", header: "Updated (UTC)", sortDescFirst: true, meta: { className: "whitespace-nowrap tabular-nums", render: (row) => utcMinute(row.updatedAt) } }),
  column.accessor("vendors", { id: "vendors", header: "Phones", enableSorting: false, meta: { className: "capitalize", render: (row) => row.vendors.join(", ") || "—" } }),
]);

// Column id → the server's allow-listed sort key.
const sortKey: Partial<Record<string, QueueSort>> = {
  level: "score",
  customer: "customer",
  lastRing: "lastRing",
  status: "status",
  assignee: "assignee",
  updated: "updated",
};
const columnOfSort: Record<QueueSort, string> = { score: "level", customer: "customer", lastRing: "lastRing", status: "status", assignee: "assignee", updated: "updated" };

const columnTitle: Record<QueueColumn, string> = {
  level: "Level and score",
  rings7: "Rings without PBX record, 7 days",
  rings30: "Rings without PBX record, 30 days",
  lastRing: "Last ring without PBX record",
  sweep: "Sweep",
  status: "Case status",
  assignee: "Assignee",
  updated: "Last update",
  vendors: "Phone vendors",
};

export function QueueTable({ url, rows, total }: { url: QueueUrl; rows: QueueRow[]; total: number }) {
  const { params, setParams, isPending } = url;
  const router = useRouter();
  const sorting: SortingState = [{ id: columnOfSort[params.sort], desc: sortDirection({ sort: params.sort, dir: params.dir ?? undefined }) === "desc" }];
  const pagination: PaginationState = { pageIndex: params.page - 1, pageSize: params.perPage };
  const columnVisibility: ColumnVisibilityState = Object.fromEntries(params.hide.map((c) => [c, false]));

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.customerId,
    rowCount: total,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, pagination, columnVisibility },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0];
      const key = next ? sortKey[next.id] : undefined;
      if (!next || !key) return;
      void setParams({ sort: key, dir: next.desc ? "desc" : "asc", page: null });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = functionalUpdate(updater, pagination);
      const resized = next.pageSize !== pagination.pageSize;
      void setParams({ page: resized ? null : next.pageIndex + 1, perPage: PER_PAGE_CHOICES.find((n) => n === next.pageSize) ?? null });
    },
    onColumnVisibilityChange: (updater: Updater<ColumnVisibilityState>) => {
      const next = functionalUpdate(updater, columnVisibility);
      const hide = QUEUE_COLUMNS.filter((c) => next[c] === false);
      void setParams({ hide: hide.length > 0 ? hide : null });
    },
  });

  // Roving tabindex: one row is in the tab order; arrows move it, Enter opens the customer.
  const [active, setActive] = useState(0);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const tableRows = table.getRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns();
  const current = Math.min(active, Math.max(tableRows.length - 1, 0));
  function onRowKey(e: KeyboardEvent<HTMLTableRowElement>, index: number, account: string) {
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: tableRows.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      const target = Math.max(0, Math.min(tableRows.length - 1, to));
      setActive(target);
      rowRefs.current[target]?.focus();
    } else if (e.key === "Enter") {
      e.preventDefault();
      router.push(customerHref(account));
    }
  }

  const pageCount = table.getPageCount();
  const first = total === 0 ? 0 : pagination.pageIndex * pagination.pageSize + 1;
  const last = Math.min(total, (pagination.pageIndex + 1) * pagination.pageSize);

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-2 text-sm">
        <p aria-live="polite" className="text-slate-600">
          {isPending ? "Updating…" : total === 0 ? "No customers match." : `${first.toLocaleString("en-US")}–${last.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} customers`}
        </p>
        <details className="relative">
          <summary className="cursor-pointer rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">Columns</summary>
          <fieldset className="absolute right-0 z-10 mt-1 grid w-64 gap-1 rounded-md border border-slate-200 bg-white p-3 shadow-md">
            <legend className="sr-only">Columns to show</legend>
            {table.getAllLeafColumns().filter((c) => c.getCanHide()).map((c) => (
              <label key={c.id} className="flex items-center gap-2">
                <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
                {columnTitle[c.id as QueueColumn]}
              </label>
            ))}
          </fieldset>
        </details>
      </div>
      {total === 0 ? (
        <div className="p-4">
          <EmptyState title="No customers in this view">
            No customer matches these filters. Clear a filter or pick another saved view; a customer enters the queue when a
            ring they reported has no PBX record (likely scanned or possible), or while their case is open.
          </EmptyState>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <p id="queue-keys" className="sr-only">Use the up and down arrow keys to move between customers, Enter to open one.</p>
          <table className="w-full text-left text-sm" aria-describedby="queue-keys" aria-busy={isPending}>
            <thead className="bg-slate-50 text-xs text-slate-600">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const sorted = header.column.getIsSorted();
                    const label = columnTitle[header.column.id as QueueColumn] ?? "Customer";
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        className="px-3 py-2 font-medium"
                        aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      >
                        {header.column.getCanSort() ? (
                          <button type="button" className="inline-flex items-center gap-1 hover:text-slate-900" onClick={header.column.getToggleSortingHandler()} title={`Sort by ${label.toLowerCase()}`}>
                            <table.FlexRender header={header} />
                            <span aria-hidden className="text-slate-500">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                          </button>
                        ) : (
                          <span title={label}>
                            <table.FlexRender header={header} />
                          </span>
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            {/* Every cell's padding comes from here: one class list instead of one per cell. */}
            <tbody className={`divide-y divide-slate-100 [&_td]:px-3 [&_td]:py-2 [&_td]:align-top ${isPending ? "opacity-60" : ""}`}>
              {tableRows.map((row, index) => (
                <tr
                  key={row.id}
                  ref={(el) => {
                    rowRefs.current[index] = el;
                  }}
                  tabIndex={index === current ? 0 : -1}
                  aria-label={`${row.original.account}, ${showBidiControls(row.original.name)}`}
                  onFocus={() => setActive(index)}
                  onKeyDown={(e) => onRowKey(e, index, row.original.account)}
                  onDoubleClick={() => router.push(customerHref(row.original.account))}
                  className="hover:bg-slate-50 focus:bg-brand-50 focus:outline-2 focus:-outline-offset-2 focus:outline-brand-500"
                >
                  {visibleColumns.map((c) => (
                    <td key={c.id} className={c.columnDef.meta?.className}>
                      {c.columnDef.meta?.render(row.original)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Queue pages" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-2 text-sm">
        <label className="flex items-center gap-2 text-slate-600">
          Rows per page
          <select
            className="rounded-md border border-slate-300 bg-white px-2 py-1"
            value={pagination.pageSize}
            onChange={(e) => table.setPageSize(Number(e.target.value))}
          >
            {PER_PAGE_CHOICES.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <div className="flex items-center gap-2">
          <span className="text-slate-600">Page {pagination.pageIndex + 1} of {Math.max(pageCount, 1)}</span>
          <button type="button" className="rounded-md px-2 py-1 ring-1 ring-slate-300 disabled:text-slate-400" disabled={!table.getCanPreviousPage()} onClick={() => table.previousPage()}>
            Previous
          </button>
          <button type="button" className="rounded-md px-2 py-1 ring-1 ring-slate-300 disabled:text-slate-400" disabled={!table.getCanNextPage()} onClick={() => table.nextPage()}>
            Next
          </button>
        </div>
      </nav>
    </div>
  );
}
