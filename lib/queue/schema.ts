// Isomorphic: the queue's URL state (page, sort, filters, hidden columns). The page and
// GET /api/v1/queue parse it once on the server with `parseQueueQuery`; the client table
// (components/queue) writes the same keys with nuqs. Every field falls back to its default on
// a bad value instead of failing, so a shared or hand-edited link still opens a queue.
// Sort keys are an allow-list mapped to SQL on the server (lib/queue/data.ts), never passed
// through (sadmann7/tablecn's parsers.ts does the same).
import * as z from "zod";
import { hasNul } from "@/lib/nul.ts";
import { CASE_STATUSES, OPEN_STATUSES, STATUS_LABEL } from "@/lib/cases/rules.ts";
import type { CaseStatus } from "@/lib/cases/rules.ts";
import { FINDING_LEVELS } from "@/lib/matching/labels.ts";
import type { FindingLevel } from "@/lib/matching/rules.ts";

/** The status filter also takes "NONE": customers without any case yet. */
export const STATUS_FILTERS = [...CASE_STATUSES, "NONE"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];


// The 7- and 30-day ring counts are not sortable: they are counted for the page's customers
// only (an index lookup each); sorting by them would mean counting report_verdict for every
// customer in the queue on each request.
export const QUEUE_SORTS = ["score", "customer", "lastRing", "status", "assignee", "updated"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Columns a user may hide (the customer column always shows: it is the row's link). */
export const QUEUE_COLUMNS = [
  "level",
  "rings7",
  "rings30",
  "lastRing",
  "sweep",
  "status",
  "assignee",
  "updated",
  "vendors",
] as const;
export type QueueColumn = (typeof QUEUE_COLUMNS)[number];

export const PER_PAGE_CHOICES = [25, 50, 100] as const;
export const PERIOD_DAYS = [7, 30, 90] as const;

export const DEFAULT_SORT: QueueSort = "score";
export const DEFAULT_PER_PAGE = 25;

type Input = Record<string, string | string[] | undefined> | URLSearchParams;

/** "a,b" (or a repeated key) → the allowed values only, without repeats. */
function listOf<const T extends string>(allowed: readonly T[]) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => {
      const parts = (Array.isArray(v) ? v.join(",") : v).split(",").map((s) => s.trim());
      return [...new Set(parts.filter((s): s is T => (allowed as readonly string[]).includes(s)))];
    })
    .catch([]);
}

// No NUL: PostgreSQL's text cannot hold U+0000 and refuses the whole query (22021), so a
// `?vendor=%00` would be a 500 instead of the fallback every other bad value gets.
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasNul(s))
    .transform((s) => (s === "" ? undefined : s))
    .optional()
    .catch(undefined);

export const queueQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  perPage: z.coerce
    .number()
    .refine((n) => (PER_PAGE_CHOICES as readonly number[]).includes(n))
    .catch(DEFAULT_PER_PAGE),
  sort: z.enum(QUEUE_SORTS).catch(DEFAULT_SORT),
  // Without a direction the column's natural one: highest score, latest ring, newest update first.
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  status: listOf(STATUS_FILTERS),
  level: listOf(FINDING_LEVELS),
  // "me" (the viewer: a saved view that works for whoever opens it), "unassigned", or a user id.
  assignee: text(100),
  period: z.coerce
    .number()
    .refine((n) => (PERIOD_DAYS as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
  vendor: text(60).transform((v) => v?.toLowerCase()),
  q: text(200),
  // "Remediated but ringing again": a recurrence, or a ring without PBX record after the
  // remediation was sent.
  ringingAgain: z
    .enum(["1", "true"])
    .transform(() => true)
    .optional()
    .catch(undefined),
  hide: listOf(QUEUE_COLUMNS),
});
export type QueueQuery = z.output<typeof queueQuerySchema>;

/** The URL's search params as the queue reads them; never throws. */
export function parseQueueQuery(input: Input): QueueQuery {
  const record =
    input instanceof URLSearchParams
      ? Object.fromEntries([...new Set(input.keys())].map((k) => [k, input.getAll(k).length > 1 ? input.getAll(k) : input.get(k)!]))
      : input;
  // A repeated scalar key (?sort=a&sort=b) counts as its first value.
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return queueQuerySchema.parse({
    ...Object.fromEntries(Object.entries(record).map(([k, v]) => [k, k === "status" || k === "level" || k === "hide" ? v : first(v)])),
  });
}

export function sortDirection(query: Pick<QueueQuery, "sort" | "dir">): "asc" | "desc" {
  if (query.dir) return query.dir;
  return query.sort === "customer" || query.sort === "assignee" || query.sort === "status" ? "asc" : "desc";
}

const OPEN = OPEN_STATUSES.join(",");

/**
 * Saved views: plain links to a filter set, shareable like any other view. "Mine" and
 * "unassigned" mean open cases (and, for unassigned, customers without a case yet): a closed
 * case is no one's work.
 */
export const SAVED_VIEWS = [
  { id: "mine", label: "My cases", params: { assignee: "me", status: OPEN } },
  {
    id: "unassigned-likely",
    label: "Unassigned, likely scanned",
    params: { assignee: "unassigned", level: "LIKELY_SCANNED", status: `${OPEN},NONE` },
  },
  { id: "ringing-again", label: "Remediated but ringing again", params: { ringingAgain: "1" } },
] as const satisfies readonly { id: string; label: string; params: Record<string, string> }[];

export const statusLabel: Record<StatusFilter, string> = { ...STATUS_LABEL, NONE: "No case" };

/** One customer in the queue, as lib/queue/data.ts reads it. */
export type QueueRow = {
  customerId: string;
  account: string;
  name: string;
  level: FindingLevel | null;
  score: number | null;
  /** Rings without a PBX record in the last 7 / 30 days. */
  rings7: number;
  rings30: number;
  lastRingAt: Date | null;
  /** Accounts of the other customers rung in the same sweep: all of them in the CSV export, the
   * first SWEEP_PREVIEW on a page (a sweep can hold a hundred customers; each page row carried them
   * all twice, in the HTML and in the React payload: 40 % of a page at 100k customers). */
  sweepWith: string[];
  /** How many other customers the sweep has. */
  sweepCount: number;
  caseNumber: number | null;
  status: CaseStatus | null;
  recurrences: number;
  assigneeId: string | null;
  assigneeName: string | null;
  updatedAt: Date | null;
  vendors: string[];
};

export const SWEEP_PREVIEW = 5;

export type QueuePage = { rows: QueueRow[]; total: number; page: number; perPage: number };
