import "server-only";
import { TZDate } from "@date-fns/tz";
import type { CountryCode } from "libphonenumber-js";
import { createNumberNormaliser } from "@/lib/cdr/normalise.ts";
import { prisma } from "@/lib/db/client.ts";
import { evaluateReports } from "./evaluate.ts";
import { type ParsedReport, parseRingTime } from "./report-schema.ts";

export type ReportProblem = { index: number; field: string; message: string };

/** A ring time without an offset is the customer's wall-clock time. */
export function ringInstant(text: string, timeZone: string): Date {
  const parsed = parseRingTime(text);
  if (!parsed) throw new Error(`not a ring time: ${text}`);
  const [y, mo, d, h, mi, s] = parsed.parts;
  if (parsed.offset) return new Date(`${text.trim().replace(" ", "T")}`);
  return new Date(new TZDate(y, mo - 1, d, h, mi, s, timeZone).getTime());
}

/**
 * Stores reported rings, all or nothing: any report naming an unknown
 * customer or an unreadable number stores none, and every problem comes back
 * with its index. The number is normalised as the CDR loader does (E.164 with
 * the country of the customer's first source by name; short numbers are extensions). The
 * stored reports are evaluated before this returns, so their verdicts can be shown at once.
 */
export async function createReports(reports: ParsedReport[], enteredBy: string) {
  const accounts = [...new Set(reports.map((r) => r.account))];
  // One statement: a new report has 50 ms for its verdict (issue 5), and the nested Prisma read
  // of the customers' sources cost a query per relation.
  const customers = new Map(
    (
      await prisma.$queryRaw<{ id: string; account: string; timeZone: string; country: string | null }[]>`
        select c.id::text as id, c.account, c."timeZone",
               (select s."defaultCountry" from customer_source cs join cdr_source s on s.id = cs."sourceId"
                where cs."customerId" = c.id order by s.name limit 1) as country
        from customer c where c.account = any(${accounts}::text[])`
    ).map((c) => [c.account, c]),
  );
  const problems: ReportProblem[] = [];
  const rows = reports.flatMap((r, index) => {
    const customer = customers.get(r.account);
    if (!customer) {
      problems.push({ index, field: "account", message: `no customer with account ${r.account}` });
      return [];
    }
    const country = (customer.country ?? "US") as CountryCode;
    const number = createNumberNormaliser(country)(r.number);
    if (!number) {
      problems.push({ index, field: "number", message: `${JSON.stringify(r.number)} is not a phone number or extension` });
      return [];
    }
    return [{
      customerId: customer.id,
      number,
      numberRaw: r.number,
      ringAt: ringInstant(r.ring_time, customer.timeZone),
      windowMinutes: r.window_minutes,
      callerId: r.caller_id ?? null,
      ticket: r.ticket ?? null,
      notes: r.notes ?? null,
      enteredBy,
    }];
  });
  if (problems.length) return { created: [], problems };
  // No relation in the select: Prisma would read the customers again in a second query.
  const inserted = await prisma.ghostReport.createManyAndReturn({
    data: rows,
    select: { id: true, number: true, ringAt: true, ticket: true, customerId: true },
  });
  await evaluateReports({ reportIds: inserted.map((r) => r.id) });
  const accountOf = new Map([...customers.values()].map((c) => [c.id, c.account]));
  const created = inserted.map(({ customerId, ...r }) => ({ ...r, customer: { account: accountOf.get(customerId)! } }));
  return { created, problems };
}
