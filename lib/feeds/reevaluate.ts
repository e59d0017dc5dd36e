import "server-only";
// Re-evaluation as a feed advances: after each committed batch, the reports whose verdict the
// batch can have changed get their verdicts again through the matching engine
// (lib/matching/evaluate.ts, by report id), so a report waiting for coverage gets its verdict
// seconds after the call's CDR or the next heartbeat arrives. Which reports, set-based in one
// statement:
//   - a new CDR can only become the match of a report of its callee number or endpoint (the
//     engine matches on those) whose window holds its start: looked up per number on
//     ghost_report (number, ringAt);
//   - newly covered time changes the reports whose ring falls in it (covered or not, per source).
// Most batches change no report: then nothing else runs. A source's first unanswered CDR
// re-evaluates all of its reports (the "logs no unanswered calls" caveat), as imports do.
//
// Coalesced per source: while one evaluation runs, later batches' changes are merged and
// evaluated together once it ends, so a feed posting hundreds of CDRs a second costs a few
// statements a second, not an evaluation per POST.
import { prisma } from "@/lib/db/client.ts";
import { evaluateReports } from "@/lib/matching/evaluate.ts";
import { MAX_WINDOW_MINUTES } from "@/lib/matching/report-schema.ts";
import { type Range, mergeRanges } from "./ranges.ts";

/** What a committed batch changed on its source. */
export interface FeedChange {
  /** Time the feed newly covers. */
  covered: Range[];
  /** The new CDRs: the numbers they can match (callee number, endpoint) and their starts. */
  numbers: string[];
  times: Date[];
  /** Every report on the source (its first unanswered CDR). */
  all?: boolean;
}

type SourceWork = { change: FeedChange; running: Promise<void> | null };

const holder = globalThis as unknown as { ghostlineFeedReevaluation?: Map<string, SourceWork> };
const work = (): Map<string, SourceWork> => (holder.ghostlineFeedReevaluation ??= new Map());

const empty = (): FeedChange => ({ covered: [], numbers: [], times: [] });

/** Queues the source's re-evaluation for this change (run after the current one, if any). */
export function scheduleReevaluation(sourceId: string, change: FeedChange): void {
  if (change.covered.length === 0 && change.numbers.length === 0 && change.all !== true) return;
  const map = work();
  let w = map.get(sourceId);
  if (w === undefined) {
    w = { change: empty(), running: null };
    map.set(sourceId, w);
  }
  w.change.covered.push(...change.covered);
  w.change.numbers.push(...change.numbers);
  w.change.times.push(...change.times);
  if (change.all === true) w.change.all = true;
  start(sourceId, w);
}

const pending = (c: FeedChange) => c.covered.length > 0 || c.numbers.length > 0 || c.all === true;

function start(sourceId: string, job: SourceWork): void {
  job.running ??= (async () => {
    while (pending(job.change)) {
      const change = job.change;
      job.change = empty();
      try {
        if (change.all === true) {
          await evaluateReports({ sourceId, from: new Date("0001-01-01T00:00:00Z"), to: new Date("9999-12-31T00:00:00Z") });
          continue;
        }
        const ids = await affectedReports(sourceId, change);
        if (ids.length > 0) await evaluateReports({ reportIds: ids });
      } catch (error) {
        console.error(`[ghostline] re-evaluation after a feed batch of source ${sourceId} failed:`, error);
      }
    }
  })().finally(() => {
    job.running = null;
    // Changes queued between the loop's last check and now start the next round.
    if (pending(job.change)) start(sourceId, job);
    else work().delete(sourceId);
  });
}

/** The reports of the source's customers that the change can concern (see the header). */
async function affectedReports(sourceId: string, change: FeedChange): Promise<string[]> {
  const covered = mergeRanges(change.covered, 0);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    with n as (
      select u.num, min(u.t) as lo, max(u.t) as hi
      from unnest(${change.numbers}::text[], ${change.times}::timestamptz[]) as u(num, t)
      group by u.num
    ),
    c as (
      select * from unnest(${covered.map((r) => r.from)}::timestamptz[], ${covered.map((r) => r.to)}::timestamptz[]) as c(lo, hi)
    ),
    candidates as (
      -- OFFSET 0 keeps each lookup an index probe on (number, ringAt) / (ringAt).
      select g.id, g."customerId" from n
      cross join lateral (
        select g.id, g."customerId", g."ringAt", g."windowMinutes" from ghost_report g
        where g.number = n.num
          and g."ringAt" between n.lo - make_interval(mins => ${MAX_WINDOW_MINUTES}) and n.hi + make_interval(mins => ${MAX_WINDOW_MINUTES})
        offset 0) g
      where g."ringAt" - make_interval(mins => g."windowMinutes") <= n.hi and g."ringAt" + make_interval(mins => g."windowMinutes") >= n.lo
      union
      select g.id, g."customerId" from c
      cross join lateral (select g.id, g."customerId" from ghost_report g where g."ringAt" between c.lo and c.hi offset 0) g
    )
    select distinct x.id::text as id from candidates x
    where exists (select 1 from customer_source cs where cs."customerId" = x."customerId" and cs."sourceId" = ${sourceId}::uuid)`;
  return rows.map((r) => r.id);
}

/** Resolves when no re-evaluation is queued or running. */
export async function reevaluationIdle(): Promise<void> {
  for (;;) {
    const running = [...work().values()].map((w) => w.running).filter((r): r is Promise<void> => r !== null);
    if (running.length === 0) return;
    await Promise.allSettled(running);
  }
}
