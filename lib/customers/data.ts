import "server-only";
import { prisma, type Prisma } from "@/lib/db/client.ts";
import type { CustomerListQuery } from "./schema.ts";

export async function listCustomers(query: CustomerListQuery) {
  const where: Prisma.CustomerWhereInput = query.q
    ? {
        OR: [
          { account: { contains: query.q, mode: "insensitive" } },
          { name: { contains: query.q, mode: "insensitive" } },
          { numbers: { some: { number: { contains: query.q } } } },
        ],
      }
    : {};
  const [rows, total] = await prisma.$transaction([
    prisma.customer.findMany({
      where,
      orderBy: { [query.sort]: query.dir },
      skip: (query.page - 1) * query.perPage,
      take: query.perPage,
      select: {
        id: true,
        account: true,
        name: true,
        timeZone: true,
        numbers: { select: { kind: true, number: true }, orderBy: { number: "asc" } },
        sources: { select: { source: { select: { name: true } } } },
        _count: { select: { devices: true } },
      },
    }),
    prisma.customer.count({ where }),
  ]);
  return {
    data: rows.map(({ sources, _count, ...c }) => ({
      ...c,
      sources: sources.map((s) => s.source.name),
      devices: _count.devices,
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
