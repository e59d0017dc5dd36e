import "server-only";
import { prisma } from "@/lib/db/client.ts";

export function listSources() {
  return prisma.cdrSource.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, format: true, timeZone: true, defaultCountry: true, _count: { select: { customers: true } } },
  });
}

export function listImports(limit = 50) {
  return prisma.cdrImport.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true, fileName: true, status: true, format: true, importedBy: true, createdAt: true,
      rowsRead: true, rowsInserted: true, rowsDuplicate: true, rowsRejected: true,
      coverageFrom: true, coverageTo: true, error: true, source: { select: { name: true } },
    },
  });
}
