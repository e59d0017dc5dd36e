import "server-only";
import { prisma, type Prisma } from "@/lib/db/client.ts";

type AuditInput = {
  actorId?: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

/** Appends to the audit trail (the table refuses updates and deletes). */
export function recordAudit(event: AuditInput, db: Prisma.TransactionClient = prisma) {
  return db.auditEvent.create({ data: event });
}
