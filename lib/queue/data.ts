import "server-only";
import { prisma, Prisma } from "@/lib/db/client.ts";
import { sharedBy } from "@/lib/shared.ts";
import { FINDING_LEVELS } from "@/lib/matching/labels.ts";
import { type QueuePage, type QueueQuery, type QueueRow, type QueueSort, SWEEP_PREVIEW, sortDirection } from "./schema.ts";

/** Whose queue: "assignee=me" means this user. */
export type QueueScope = { userId: string };

const DAY_MS = 86_400_000;

// A customer's case in the queue is its latest one: the open case while there is one (one at a
// time, cases.open_customer_id), else the last closed one. A page that can stop after its first
// rows probes index (customer_id, opened_at) per member it reads; a read of every member (a
// count, a sort on the case, a filter few members pass) is one pass over cases joined by hash,
// which beats a probe each: about 5x at 40k members; at 10k flagged members of 100k customers,
// "ringing again" pages in 12 ms instead of 33–53 ms and its count in 13 ms instead of 32–54 ms.
const latestCaseProbe = Prisma.sql`
  left join lateral (
    select k.id, k.status, k.recurrences, k.assignee_id, k.updated_at, k.remediation_sent_at
      from cases k where k.customer_id = m.customer_id
     order by k.opened_at desc limit 1
  ) k on true
  left join "user" u on u.id = k.assignee_id`;
const latestCaseHash = Prisma.sql`
  left join (
    select distinct on (customer_id) id, customer_id, status, recurrences, assignee_id, updated_at, remediation_sent_at
      from cases order by customer_id, opened_at desc
  ) k on k.customer_id = m.customer_id
  left join "user" u on u.id = k.assignee_id`;

const FLAGGED: readonly string[] = ["LIKELY_SCANNED", "POSSIBLE"];

/**
 * Who is in the queue, in two disjoint branches read without the customer table:
 * - "flagged": findings LIKELY_SCANNED or POSSIBLE;
 * - "openOnly": open cases of customers whose finding is neither (rare: a finding re-evaluated
 *   down while its case is still open), which costs a pass over the open cases.
 * A branch the level / period filter rules out is null.
 */
type Branch = "flagged" | "openOnly";

/**
 * A filter on the latest case that few cases pass (a named assignee, ringing again) holds for
 * some case of the customer as well. Said as a semi-join to cases inside each branch, it lets the
 * planner start from those cases (index (assignee_id, status), or one pass over cases) instead of
 * probing every member's latest case; the latest-case filter itself still decides. bench:dashboard,
 * 10k flagged customers: "assigned to me" 34 ms → 0.2–4 ms, "ringing again" 28 → 2 ms.
 */
function fewCases(query: QueueQuery, scope: QueueScope): Prisma.Sql | null {
  const parts: Prisma.Sql[] = [];
  const assignee = query.assignee === "me" ? scope.userId : query.assignee === "unassigned" ? undefined : query.assignee;
  if (assignee !== undefined) parts.push(Prisma.sql`h.assignee_id = ${assignee}`);
  if (query.ringingAgain === true) parts.push(Prisma.sql`(h.recurrences > 0 or h.remediation_sent_at is not null)`);
  return parts.length > 0 ? Prisma.join(parts, " and ") : null;
}

function branchSql(branch: Branch, query: QueueQuery, few: Prisma.Sql | null, now: Date): Prisma.Sql | null {
  const levels = query.level.length > 0 ? query.level : FINDING_LEVELS;
  const flagged = levels.filter((l) => FLAGGED.includes(l));
  const hint = (customerId: Prisma.Sql) =>
    few === null ? Prisma.empty : Prisma.sql`and exists (select from cases h where h.customer_id = ${customerId} and ${few})`;
  if (branch === "flagged") {
    if (flagged.length === 0) return null;
    const period =
      query.period === undefined ? Prisma.empty : Prisma.sql`and f.last_no_record_at >= ${new Date(now.getTime() - query.period * DAY_MS)}`;
    // One level as an equality, so index (level, score, last_no_record_at, customer_id) is walked in
    // the page's order; both levels walk index (score, last_no_record_at, customer_id).
    const level = flagged.length === 1 ? Prisma.sql`f.level = ${flagged[0]}::"FindingLevel"` : Prisma.sql`f.level = any(${flagged}::"FindingLevel"[])`;
    return Prisma.sql`
      select f.customer_id, f.score, f.last_no_record_at from customer_finding f
       where ${level} ${period} ${hint(Prisma.sql`f.customer_id`)}`;
  }
  // Not flagged means no ring without PBX record: nothing in any period.
  if (!levels.includes("NOT_INDICATED") || query.period !== undefined) return null;
  // "No flagged finding" as an anti-join to the flagged part of index (level, ...): a hash of the
  // ~10k flagged customers, where `f.level is null or f.level = 'NOT_INDICATED'` hashed all 100k
  // findings (bench:dashboard: 14–17 ms against 5 ms, in every count and in pages past the
  // flagged rows). The few rows left read their finding by key: as a join, the planner expected
  // most open cases to pass and hashed all 100k findings again.
  return Prisma.sql`
    select k.open_customer_id as customer_id,
           (select f.score from customer_finding f where f.customer_id = k.open_customer_id) as score,
           (select f.last_no_record_at from customer_finding f where f.customer_id = k.open_customer_id) as last_no_record_at
      from cases k
     where k.open_customer_id is not null
       and not exists (select from customer_finding g where g.customer_id = k.open_customer_id and g.level = any(${FLAGGED}::"FindingLevel"[]))
       ${hint(Prisma.sql`k.open_customer_id`)}`;
}

// Allow-listed sorts (schema.ts QUEUE_SORTS) → SQL; the customer id breaks ties so pages are stable.
// `nulls last` puts the open-only rows (no finding, or one without rings) after the flagged ones.
const sortSql: Record<QueueSort, (dir: Prisma.Sql) => Prisma.Sql> = {
  score: (dir) => Prisma.sql`m.score ${dir} nulls last, m.last_no_record_at desc nulls last, m.customer_id desc`,
  customer: (dir) => Prisma.sql`c.account ${dir}`,
  lastRing: (dir) => Prisma.sql`m.last_no_record_at ${dir} nulls last`,
  status: (dir) => Prisma.sql`k.status ${dir} nulls last`,
  assignee: (dir) => Prisma.sql`u.name ${dir} nulls last`,
  updated: (dir) => Prisma.sql`k.updated_at ${dir} nulls last`,
};

function needsCase(query: QueueQuery): boolean {
  return (
    query.status.length > 0 ||
    query.assignee !== undefined ||
    query.ringingAgain === true ||
    query.sort === "status" ||
    query.sort === "assignee" ||
    query.sort === "updated"
  );
}

/**
 * FROM: the members of the given branches, and only the joins the filters and sort need.
 * `read`: "all" when every member is read (a count), "page" when the first rows may do.
 */
function from(query: QueueQuery, scope: QueueScope, now: Date, branches: readonly Branch[], read: "all" | "page"): Prisma.Sql | null {
  const few = fewCases(query, scope);
  const parts = branches.map((b) => branchSql(b, query, few, now)).filter((b) => b !== null);
  if (parts.length === 0) return null;
  const customer = query.q !== undefined || query.sort === "customer" ? Prisma.sql`join customer c on c.id = m.customer_id` : Prisma.empty;
  const everyMember =
    few === null &&
    (read === "all" || query.sort === "status" || query.sort === "assignee" || query.sort === "updated" || query.ringingAgain === true);
  const latestCase = needsCase(query) ? (everyMember ? latestCaseHash : latestCaseProbe) : Prisma.empty;
  return Prisma.sql`(${Prisma.join(parts, " union all ")}) m ${customer} ${latestCase}`;
}

function conditions(query: QueueQuery, scope: QueueScope): Prisma.Sql {
  const where: Prisma.Sql[] = [];
  if (query.status.length > 0) {
    const statuses = query.status.filter((s) => s !== "NONE");
    const parts: Prisma.Sql[] = [];
    if (statuses.length > 0) parts.push(Prisma.sql`k.status = any(${statuses}::"CaseStatus"[])`);
    if (query.status.includes("NONE")) parts.push(Prisma.sql`k.id is null`);
    where.push(Prisma.sql`(${Prisma.join(parts, " or ")})`);
  }
  if (query.assignee === "unassigned") where.push(Prisma.sql`k.assignee_id is null`);
  else if (query.assignee === "me") where.push(Prisma.sql`k.assignee_id = ${scope.userId}`);
  else if (query.assignee !== undefined) where.push(Prisma.sql`k.assignee_id = ${query.assignee}`);
  if (query.vendor !== undefined) {
    where.push(Prisma.sql`exists (select 1 from device d where d."customerId" = m.customer_id and lower(d.vendor) = ${query.vendor})`);
  }
  if (query.q !== undefined) {
    const like = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(Prisma.sql`(c.account ilike ${like} or c.name ilike ${like})`);
  }
  if (query.ringingAgain === true) {
    where.push(Prisma.sql`(k.recurrences > 0 or m.last_no_record_at > k.remediation_sent_at)`);
  }
  return where.length > 0 ? Prisma.sql`where ${Prisma.join(where, " and ")}` : Prisma.empty;
}

function orderBy(query: QueueQuery, branches: readonly Branch[]): Prisma.Sql {
  const dir = sortDirection(query) === "asc" ? Prisma.sql`asc` : Prisma.sql`desc`;
  // The flagged branch alone has no nulls to place (a flagged finding has a score and a last
  // ring, rules.ts), and its highest scores first are then the order of a backward walk of index
  // (score, last_no_record_at, customer_id) that stops after the page; with `nulls last` (not
  // the index's order) every flagged customer was read and sorted: 12–21 ms against 1 ms.
  if (query.sort === "score" && sortDirection(query) === "desc" && !branches.includes("openOnly")) {
    return Prisma.sql`m.score desc, m.last_no_record_at desc, m.customer_id desc`;
  }
  return Prisma.sql`${sortSql[query.sort](dir)}, m.customer_id`;
}

type RawRow = Omit<QueueRow, "sweepWith" | "vendors"> & { sweepWith: string[] | null; vendors: string[] | null };

/**
 * One page of the queue. The page is chosen first on the indexed columns (finding, case), and
 * only its rows get the per-customer details: ring counts (index (customer_id, verdict,
 * ring_at)), phone vendors, assignee; a request never counts report_verdict for the whole queue.
 */
async function selectRows(
  query: QueueQuery,
  scope: QueueScope,
  now: Date,
  page: { limit: number; offset: number; branches: readonly Branch[]; allSweepMembers?: boolean },
): Promise<QueueRow[]> {
  const { limit, offset } = page;
  const sweepWith = page.allSweepMembers === true ? Prisma.sql`f.sweep_with` : Prisma.sql`f.sweep_with[1:${SWEEP_PREVIEW}]`;
  const source = from(query, scope, now, page.branches, "page");
  if (source === null) return [];
  const since7 = new Date(now.getTime() - 7 * DAY_MS);
  const since30 = new Date(now.getTime() - 30 * DAY_MS);
  // row_number() over the already ordered, limited page keeps its order for the outer query.
  const rows = await prisma.$queryRaw<RawRow[]>`
    with page as (
      select customer_id, row_number() over () as ord from (
        select m.customer_id from ${source} ${conditions(query, scope)}
         order by ${orderBy(query, page.branches)}
         limit ${limit} offset ${offset}
      ) chosen
    )
    select c.id as "customerId", c.account, c.name, f.level::text as level, f.score,
           n.rings7 as "rings7", n.rings30 as "rings30",
           f.last_no_record_at as "lastRingAt", ${sweepWith} as "sweepWith", coalesce(cardinality(f.sweep_with), 0) as "sweepCount",
           k.number as "caseNumber", k.status::text as status, coalesce(k.recurrences, 0) as recurrences,
           k.assignee_id as "assigneeId", u.name as "assigneeName", k.updated_at as "updatedAt",
           array(select distinct lower(d.vendor) from device d where d."customerId" = p.customer_id order by 1) as vendors
      from page p
      join customer c on c.id = p.customer_id
      left join customer_finding f on f.customer_id = p.customer_id
      -- One range read of index (customer_id, verdict, ring_at) for both counts.
      cross join lateral (
        select (count(*) filter (where r.ring_at >= ${since7}))::int as rings7, count(*)::int as rings30
          from report_verdict r
         where r.customer_id = p.customer_id and r.verdict = 'NO_PBX_RECORD' and r.ring_at >= ${since30}
      ) n
      left join lateral (
        select k.number, k.status, k.recurrences, k.assignee_id, k.updated_at
          from cases k where k.customer_id = p.customer_id
         order by k.opened_at desc limit 1
      ) k on true
      left join "user" u on u.id = k.assignee_id
     order by p.ord`;
  return rows.map((r) => ({ ...r, sweepWith: r.sweepWith ?? [], vendors: r.vendors ?? [] }));
}

// The total is the one part of a page that costs as much as the whole view (a count over every
// member), so identical counts within COUNT_TTL_MS share one query: 20 supervisors on the
// default view cost one count per 10 s, and a total is at most 10 s behind (the rows never are).
const COUNT_TTL_MS = 10_000;
const counts = sharedBy<number>(COUNT_TTL_MS);

function countBranch(branch: Branch, query: QueueQuery, scope: QueueScope, now: Date): Promise<number> {
  const source = from(query, scope, now, [branch], "all");
  if (source === null) return Promise.resolve(0);
  const sql = Prisma.sql`select count(*)::int as total from ${source} ${conditions(query, scope)}`;
  // The period's cutoff moves with the clock: rounded to the TTL in the key, or nothing would hit.
  const key = JSON.stringify([sql.sql, sql.values.map((v) => (v instanceof Date ? Math.floor(v.getTime() / COUNT_TTL_MS) : v))]);
  return counts.get(key, () => prisma.$queryRaw<{ total: number }[]>(sql).then(([row]) => row?.total ?? 0));
}

/** Drops the shared totals, so the next page counts again (after a bulk change, and in tests). */
export function forgetQueueCounts() {
  counts.forget();
}

/** The queue as the URL state asks for it: one page and the number of matching customers. */
export async function listQueue(query: QueueQuery, scope: QueueScope, now = new Date()): Promise<QueuePage> {
  const [flagged, openOnly] = await Promise.all([
    countBranch("flagged", query, scope, now),
    countBranch("openOnly", query, scope, now),
  ]);
  const limit = query.perPage;
  const offset = (query.page - 1) * query.perPage;
  // Highest score or latest ring first, the open-only rows (score 0 or none, no ring) come after
  // every flagged one: a page that ends within the flagged rows needs only that branch.
  const flaggedFirst = (query.sort === "score" || query.sort === "lastRing") && sortDirection(query) === "desc";
  const withinFlagged = flaggedFirst && offset + limit <= flagged;
  const branches: Branch[] = withinFlagged ? ["flagged"] : ["flagged", "openOnly"];
  const rows = await selectRows(query, scope, now, { limit, offset, branches });
  return { rows, total: flagged + openOnly, page: query.page, perPage: query.perPage };
}

/**
 * Every row of the view (all pages, same filters and order) in batches, for the CSV export.
 * Offset batches, not one snapshot: a case changing mid-export may show in two batches or none.
 */
export async function* queueBatches(query: QueueQuery, scope: QueueScope, now = new Date(), batch = 2000) {
  for (let offset = 0; ; offset += batch) {
    const rows = await selectRows(query, scope, now, { limit: batch, offset, branches: ["flagged", "openOnly"], allSweepMembers: true });
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
  }
}
