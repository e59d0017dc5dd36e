import "server-only";
import { prisma, Prisma } from "@/lib/db/client.ts";
import type { CustomerListQuery } from "./schema.ts";

// What the list shows per customer. Phones are counted from their rows (one or two each): a
// relation `_count` made Prisma join a count of every customer's devices (all 100,000) per page.
const LIST_SELECT = {
  id: true,
  account: true,
  name: true,
  timeZone: true,
  numbers: { select: { kind: true, number: true }, orderBy: { number: "asc" } },
  sources: { select: { source: { select: { name: true } } } },
  devices: { select: { id: true } },
} satisfies Prisma.CustomerSelect;

// Sort keys to columns: an allow-list, never the request's text (customerSortSchema).
const SORT_COLUMN: Record<CustomerListQuery["sort"], Prisma.Sql> = {
  account: Prisma.sql`c.account`,
  name: Prisma.sql`c.name`,
  createdAt: Prisma.sql`c."createdAt"`,
};

/**
 * The customers matching `q` on the requested page, in order, and how many match.
 * The same match as Prisma's `contains` (ILIKE '%q%' on account and name, LIKE on a number; a
 * `%` or `_` in q stays a wildcard, as it was), written as a union so that each arm uses its
 * trigram index (migration scale_overview_inbox_customers): an OR with the numbers' EXISTS kept
 * Postgres from any index and read every customer.
 */
async function searchPage(query: CustomerListQuery & { q: string }) {
  const pattern = `%${query.q}%`;
  const dir = query.dir === "desc" ? Prisma.sql`desc` : Prisma.sql`asc`;
  const [row] = await prisma.$queryRaw<{ total: number; ids: string[] }[]>`
    with matches as (
      select id from customer where account ilike ${pattern} or name ilike ${pattern}
      union
      select "customerId" from customer_number where number like ${pattern}
    )
    select (select count(*)::int from matches) as total,
           array(select c.id from customer c where c.id in (select id from matches)
                  order by ${SORT_COLUMN[query.sort]} ${dir}
                  limit ${query.perPage} offset ${(query.page - 1) * query.perPage}) as ids`;
  const rows = row?.ids.length ? await prisma.customer.findMany({ where: { id: { in: row.ids } }, select: LIST_SELECT }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: (row?.ids ?? []).flatMap((id) => byId.get(id) ?? []), total: row?.total ?? 0 };
}

export async function listCustomers(query: CustomerListQuery) {
  const { q } = query;
  const { rows, total } = q
    ? await searchPage({ ...query, q })
    : await Promise.all([
        prisma.customer.findMany({
          orderBy: { [query.sort]: query.dir },
          skip: (query.page - 1) * query.perPage,
          take: query.perPage,
          select: LIST_SELECT,
        }),
        prisma.customer.count(),
      ]).then(([rows, total]) => ({ rows, total }));
  return {
    data: rows.map(({ sources, devices, ...c }) => ({
      ...c,
      sources: sources.map((s) => s.source.name),
      devices: devices.length,
    })),
    page: query.page,
    perPage: query.perPage,
    total,
  };
}

export async function overviewCounts() {
  const [customers, sources, devices, reports] = await prisma.$transaction([
    prisma.customer.count(),
    prisma.cdrSource.count(),
    prisma.device.count(),
    prisma.ghostReport.count(),
  ]);
  return { customers, sources, devices, reports };
}

export function listCustomerChoices() {
  return prisma.customer.findMany({ orderBy: { name: "asc" }, select: { account: true, name: true, timeZone: true }, take: 500 });
}

/** One customer with numbers, sources and phones, by account code. */
export function getCustomer(account: string) {
  return prisma.customer.findUnique({
    where: { account },
    select: {
      id: true,
      account: true,
      name: true,
      timeZone: true,
      numbers: { select: { kind: true, number: true, raw: true, source: { select: { name: true } } }, orderBy: { number: "asc" } },
      sources: { select: { source: { select: { name: true, format: true, timeZone: true } } } },
      devices: {
        select: { id: true, vendor: true, model: true, firmware: true, mac: true, extension: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
}

/** CDR sources a customer can be linked to, for the customer forms. */
export function listSourceChoices() {
  return prisma.cdrSource.findMany({ orderBy: { name: "asc" }, select: { name: true, format: true, timeZone: true, defaultCountry: true } });
}
