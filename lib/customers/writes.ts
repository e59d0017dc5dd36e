import "server-only";
import type { CountryCode } from "libphonenumber-js";
import { createNumberNormaliser } from "@/lib/cdr/normalise.ts";
import { recordAudit } from "@/lib/audit/writes.ts";
import { prisma } from "@/lib/db/client.ts";
import type { CustomerImportRow } from "./schema.ts";

export type RowProblem = { line: number; field: string; message: string };
type PlannedNumber = { kind: "DID" | "EXTENSION"; number: string; raw: string; sourceId: string | null };

/**
 * Upserts customers with their numbers and sources, all or nothing: a file
 * with any bad row changes nothing and every problem is returned with its
 * line. Numbers of six digits or fewer are extensions on each of the
 * customer's sources; longer ones are DIDs in E.164, read with the first
 * source's default country.
 */
export async function importCustomers(rows: { line: number; row: CustomerImportRow }[], actorLabel: string) {
  const sourceNames = [...new Set(rows.flatMap((r) => r.row.sources))];
  const sources = new Map(
    (await prisma.cdrSource.findMany({ where: { name: { in: sourceNames } } })).map((s) => [s.name, s]),
  );
  const problems: RowProblem[] = [];
  const plans = rows.map(({ line, row }) => {
    const mine = row.sources.flatMap((name) => {
      const s = sources.get(name);
      if (!s) problems.push({ line, field: "sources", message: `no CDR source named ${name}` });
      return s ? [s] : [];
    });
    const normalise = createNumberNormaliser((mine[0]?.defaultCountry ?? "US") as CountryCode);
    const numbers = row.numbers.flatMap((raw): PlannedNumber[] => {
      const number = normalise(raw);
      if (!number) {
        problems.push({ line, field: "numbers", message: `${JSON.stringify(raw)} is not a phone number or extension` });
        return [];
      }
      if (number.startsWith("+")) return [{ kind: "DID", number, raw, sourceId: null }];
      if (!mine.length) problems.push({ line, field: "numbers", message: `extension ${raw} needs a source` });
      return mine.map((s) => ({ kind: "EXTENSION", number, raw, sourceId: s.id }));
    });
    return { row, numbers, sourceIds: mine.map((s) => s.id) };
  });
  if (problems.length) return { imported: 0, problems };

  await prisma.$transaction(async (tx) => {
    for (const { row, numbers, sourceIds } of plans) {
      const customer = await tx.customer.upsert({
        where: { account: row.account },
        update: { name: row.name, timeZone: row.timezone },
        create: { account: row.account, name: row.name, timeZone: row.timezone },
      });
      // The file is the truth for the customers it names: numbers and
      // sources are replaced, not merged.
      await tx.customerNumber.deleteMany({ where: { customerId: customer.id } });
      await tx.customerNumber.createMany({ data: numbers.map((n) => ({ ...n, customerId: customer.id })) });
      await tx.customerSource.deleteMany({ where: { customerId: customer.id } });
      await tx.customerSource.createMany({ data: sourceIds.map((sourceId) => ({ customerId: customer.id, sourceId })) });
      await recordAudit(
        { actorLabel, action: "customer.import", entityType: "customer", entityId: customer.id, after: { ...row, numbers: numbers.map((n) => n.number) } },
        tx,
      );
    }
  });
  return { imported: plans.length, problems };
}
