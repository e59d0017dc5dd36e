"use client";

import { useTransition } from "react";
import { useQueryStates } from "nuqs";
import type { QueueRow } from "@/lib/queue/schema.ts";
import { QueueFilters } from "./queue-filters.tsx";
import { QueueTable } from "./queue-table.tsx";
import { queueParsers } from "./search-params.ts";

export type QueueUrl = ReturnType<typeof useQueueUrl>;

/**
 * The queue's state lives in the URL (shareable, survives reload). `shallow: false` makes each
 * change re-render the server page, which reads the new page of rows; the transition keeps the
 * current rows on screen, marked busy, until they arrive.
 */
function useQueueUrl() {
  const [isPending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(queueParsers, { shallow: false, history: "push", startTransition });
  return { params, setParams, isPending };
}

export function QueueView(props: {
  rows: QueueRow[];
  total: number;
  assignees: { id: string; name: string }[];
  vendors: { id: string; name: string }[];
}) {
  const url = useQueueUrl();
  return (
    <div className="grid gap-4">
      <QueueFilters url={url} assignees={props.assignees} vendors={props.vendors} />
      <QueueTable url={url} rows={props.rows} total={props.total} />
    </div>
  );
}
