import "server-only";
import type { AuditActor } from "@/lib/auth/actor.ts";
import type { CountryCode } from "libphonenumber-js";
import { createNumberNormaliser } from "@/lib/cdr/normalise.ts";
import { recordAudit } from "@/lib/audit/writes.ts";
import { Prisma, prisma } from "@/lib/db/client.ts";
import { evaluateReports } from "@/lib/matching/evaluate.ts";
import { DirectoryError } from "./errors.ts";
import type { CustomerCreate, CustomerImportRow, CustomerUpdate } from "./schema.ts";

export type RowProblem = { line: number; field: string; message: string };
type PlannedNumber = { kind: "DID" | "EXTENSION"; number: string; raw: string; sourceId: string | null };
type SourceRef = { id: string; name: string; defaultCountry: string };
/** The audit trail's who (lib/customers/boundary.ts makes it from a session or token). */

/**
 * The rows to store for numbers written in any common notation. Numbers of
 * six digits or fewer are extensions on each of the customer's sources (an
 * extension only means something on one PBX); longer ones are DIDs in E.164,
 * read with the first source's default country, as the CDR loader reads them.
 * The same number written two ways is stored once.
 */
export function planNumbers(raws: string[], sources: SourceRef[]): { numbers: PlannedNumber[]; problems: string[] } {
  const normalise = createNumberNormaliser((sources[0]?.defaultCountry ?? "US") as CountryCode);
  const problems: string[] = [];
  const planned = new Map<string, PlannedNumber>();
  for (const raw of raws) {
    const number = normalise(raw);
    if (!number) {
      problems.push(`${JSON.stringify(raw)} is not a phone number or extension`);
      continue;
    }
    if (number.startsWith("+")) {
      planned.set(`${number}|`, { kind: "DID", number, raw, sourceId: null });
      continue;
    }
    if (!sources.length) problems.push(`extension ${raw} needs a source: link the PBX it is on`);
    for (const s of sources) planned.set(`${number}|${s.id}`, { kind: "EXTENSION", number, raw, sourceId: s.id });
  }
  return { numbers: [...planned.values()], problems };
}

/**
 * Upserts customers with their numbers and sources, all or nothing: a file
 * with any bad row changes nothing and every problem is returned with its
 * line (see planNumbers for how numbers are read). The rings of the
 * customers it names are evaluated again, as their sources may have changed.
 */
/** Rolls the import's transaction back when a row is refused inside it. */
class ImportRefused extends Error {}

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
    const { numbers, problems: numberProblems } = planNumbers(row.numbers, mine);
    problems.push(...numberProblems.map((message) => ({ line, field: "numbers", message })));
    return { line, row, numbers, sourceIds: mine.map((s) => s.id) };
  });
  if (problems.length) return { imported: 0, problems };

  const customerIds = await prisma.$transaction(async (tx) => {
    const ids: string[] = [];
    for (const { line, row, numbers, sourceIds } of plans) {
      const customer = await tx.customer.upsert({
        where: { account: row.account },
        update: { name: row.name, timeZone: row.timezone },
        create: { account: row.account, name: row.name, timeZone: row.timezone },
      });
      // The same rule as the forms and the API: a number rings one customer.
      try {
        await assertNumbersFree(tx, numbers, customer.id);
      } catch (error) {
        if (!(error instanceof DirectoryError)) throw error;
        problems.push(...(error.fieldErrors.numbers ?? []).map((message) => ({ line, field: "numbers", message })));
      }
      // The file is the truth for the customers it names: numbers and
      // sources are replaced, not merged.
      await replaceNumbersAndSources(tx, customer.id, numbers, sourceIds);
      await recordAudit(
        { actorLabel, action: "customer.import", entityType: "customer", entityId: customer.id, after: { ...row, numbers: numbers.map((n) => n.number) } },
        tx,
      );
      ids.push(customer.id);
    }
    // All or nothing: a taken number rolls the whole file back.
    if (problems.length) throw new ImportRefused();
    return ids;
  }).catch((error: unknown) => {
    if (error instanceof ImportRefused) return null;
    throw error;
  });
  if (customerIds === null) return { imported: 0, problems };
  await reevaluateCustomers(customerIds);
  return { imported: plans.length, problems };
}

/**
 * Verdicts depend on a customer's sources (coverage) and findings on its zone
 * (night rings): after either changes, its reported rings are evaluated again.
 */
async function reevaluateCustomers(customerIds: string[]) {
  const reports = await prisma.ghostReport.findMany({ where: { customerId: { in: customerIds } }, select: { id: true } });
  await evaluateReports({ reportIds: reports.map((r) => r.id) });
}

async function replaceNumbersAndSources(tx: Prisma.TransactionClient, customerId: string, numbers: PlannedNumber[], sourceIds: string[]) {
  await tx.customerNumber.deleteMany({ where: { customerId } });
  await tx.customerNumber.createMany({ data: numbers.map((n) => ({ ...n, customerId })) });
  await tx.customerSource.deleteMany({ where: { customerId } });
  await tx.customerSource.createMany({ data: sourceIds.map((sourceId) => ({ customerId, sourceId })) });
}

async function resolveSources(names: string[]): Promise<SourceRef[]> {
  const found = await prisma.cdrSource.findMany({ where: { name: { in: names } }, select: { id: true, name: true, defaultCountry: true } });
  const unknown = names.filter((n) => !found.some((s) => s.name === n));
  if (unknown.length) throw new DirectoryError(400, { sources: unknown.map((n) => `no CDR source named ${n}`) });
  // The caller's order: the first source's country reads national numbers.
  return names.map((n) => found.find((s) => s.name === n)!);
}

/** Numbers and their sources, or the 400 explaining which ones can't be read. */
function planOrThrow(raws: string[], sources: SourceRef[]): PlannedNumber[] {
  const { numbers, problems } = planNumbers(raws, sources);
  if (problems.length) throw new DirectoryError(400, { numbers: problems });
  return numbers;
}

/**
 * A number rings one customer: a DID anywhere, an extension on its PBX. The
 * table's unique (number, sourceId) can't say so for DIDs (Postgres treats
 * their null sourceIds as distinct), so it is checked here, in the transaction
 * that writes them (two clicks racing on one DID could both pass: rare, and
 * visible in the audit trail).
 */
async function assertNumbersFree(tx: Prisma.TransactionClient, numbers: PlannedNumber[], customerId: string | null) {
  if (!numbers.length) return;
  const taken = await tx.customerNumber.findMany({
    where: {
      OR: numbers.map((n) => ({ number: n.number, sourceId: n.sourceId })),
      ...(customerId ? { NOT: { customerId } } : {}),
    },
    select: { number: true, source: { select: { name: true } }, customer: { select: { account: true } } },
  });
  if (taken.length) {
    throw new DirectoryError(409, {
      numbers: taken.map((t) => `${t.number}${t.source ? ` on ${t.source.name}` : ""} already belongs to customer ${t.customer.account}`),
    });
  }
}

const snapshotSelect = {
  id: true,
  account: true,
  name: true,
  timeZone: true,
  numbers: { select: { number: true, raw: true }, orderBy: { number: "asc" } },
  sources: { select: { source: { select: { name: true } } }, orderBy: { source: { name: "asc" } } },
} satisfies Prisma.CustomerSelect;

type Snapshot = Prisma.CustomerGetPayload<{ select: typeof snapshotSelect }>;

/** What the audit trail and the API show of a customer. */
function summary(c: Snapshot) {
  return {
    account: c.account,
    name: c.name,
    timeZone: c.timeZone,
    numbers: [...new Set(c.numbers.map((n) => n.number))],
    sources: c.sources.map((s) => s.source.name),
  };
}

export async function createCustomer(input: CustomerCreate, actor: AuditActor) {
  if (await prisma.customer.findUnique({ where: { account: input.account }, select: { id: true } })) {
    throw DirectoryError.of(409, "account", `a customer with account ${input.account} already exists`);
  }
  const sources = await resolveSources(input.sources);
  const numbers = planOrThrow(input.numbers, sources);
  return prisma
    .$transaction(async (tx) => {
      await assertNumbersFree(tx, numbers, null);
      const customer = await tx.customer.create({ data: { account: input.account, name: input.name, timeZone: input.timeZone } });
      await replaceNumbersAndSources(tx, customer.id, numbers, sources.map((s) => s.id));
      const after = summary(await tx.customer.findUniqueOrThrow({ where: { id: customer.id }, select: snapshotSelect }));
      await recordAudit({ ...actor, action: "customer.create", entityType: "customer", entityId: customer.id, after }, tx);
      return after;
    })
    .catch(raceToConflict);
}

/** Two writers passing the checks at once: the unique index refuses the second. */
function raceToConflict(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    throw DirectoryError.of(409, "account", "another change to the same account or numbers was saved at the same moment; reload and try again");
  }
  throw error;
}

async function snapshot(account: string): Promise<Snapshot> {
  const customer = await prisma.customer.findUnique({ where: { account }, select: snapshotSelect });
  if (!customer) throw DirectoryError.of(404, "account", `no customer with account ${account}`);
  return customer;
}

/**
 * Changes name, zone, numbers or sources. Changing the sources re-reads the
 * stored numbers, since an extension is stored once per source; changing
 * sources or zone re-evaluates the customer's rings.
 */
export async function updateCustomer(account: string, patch: CustomerUpdate, actor: AuditActor) {
  const before = await snapshot(account);
  const touchesNumbers = patch.numbers !== undefined || patch.sources !== undefined;
  const sources = await resolveSources(patch.sources ?? before.sources.map((s) => s.source.name));
  const raws = patch.numbers ?? [...new Set(before.numbers.map((n) => n.raw))];
  const numbers = touchesNumbers ? planOrThrow(raws, sources) : [];
  const updated = await prisma.$transaction(async (tx) => {
    await tx.customer.update({
      where: { id: before.id },
      data: { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.timeZone !== undefined ? { timeZone: patch.timeZone } : {}) },
    });
    if (touchesNumbers) {
      await assertNumbersFree(tx, numbers, before.id);
      await replaceNumbersAndSources(tx, before.id, numbers, sources.map((s) => s.id));
    }
    const after = summary(await tx.customer.findUniqueOrThrow({ where: { id: before.id }, select: snapshotSelect }));
    await recordAudit(
      { ...actor, action: "customer.update", entityType: "customer", entityId: before.id, before: summary(before), after },
      tx,
    );
    return after;
  }).catch(raceToConflict);
  if (patch.sources !== undefined || patch.timeZone !== undefined) await reevaluateCustomers([before.id]);
  return updated;
}

/**
 * Deletes the customer with everything that hangs off it (numbers, phones,
 * reported rings, verdicts, cases, remediations: the foreign keys cascade).
 * The audit event keeps what was deleted and how much went with it.
 */
export async function deleteCustomer(account: string, actor: AuditActor) {
  const before = await snapshot(account);
  const counts = await prisma.customer.findUniqueOrThrow({
    where: { id: before.id },
    select: { _count: { select: { devices: true, reports: true, cases: true, remediations: true } } },
  });
  await prisma.$transaction(async (tx) => {
    await tx.customer.delete({ where: { id: before.id } });
    await recordAudit(
      {
        ...actor,
        action: "customer.delete",
        entityType: "customer",
        entityId: before.id,
        before: { ...summary(before), ...counts._count },
      },
      tx,
    );
  });
  return { account, deleted: counts._count };
}
