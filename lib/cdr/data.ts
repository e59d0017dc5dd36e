import "server-only";
import { prisma } from "@/lib/db/client.ts";

export function listSources() {
  return prisma.cdrSource.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, format: true, timeZone: true, defaultCountry: true, _count: { select: { customers: true } } },
  });
}
