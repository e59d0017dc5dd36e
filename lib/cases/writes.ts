import "server-only";
// The manual case workflow: assign, comment, change status. Each change is one transaction that
// updates the case and appends its AuditEvent, so the history never misses a change nor shows one
// that did not happen. Roles are checked here, on the server, with the same table the UI reads
// (rules.ts); a server action or API route only parses input and passes the actor.
import { recordAudit } from "@/lib/audit/writes.ts";
import { type Actor, auditActor } from "@/lib/auth/actor.ts";
import { prisma, Prisma } from "@/lib/db/client.ts";
import { canAssign, canComment, checkMove, isOpen, STATUS_LABEL, type CaseStatus } from "./rules.ts";
import type { AssignCaseInput, ChangeStatusInput, CommentCaseInput } from "./schema.ts";

export type CaseErrorCode = "forbidden" | "not-found" | "conflict" | "invalid";

/** A refused case change, with the reason in words for the person who asked. */
export class CaseError extends Error {
  constructor(
    readonly code: CaseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CaseError";
  }
}

type Tx = Prisma.TransactionClient;

function userLabel(user: { name: string; email: string } | null): string | null {
  return user ? `${user.name} (${user.email})` : null;
}

/** The case, locked until the transaction ends: concurrent changes (a second click, the
 * automation's hourly run) queue behind it instead of overwriting each other's status. */
export async function lockCase(tx: Tx, caseId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`select id from cases where id = ${caseId}::uuid for update`;
  if (rows.length === 0) throw new CaseError("not-found", "This case does not exist (any more).");
  return tx.case.findUniqueOrThrow({
    where: { id: caseId },
    include: { assignee: { select: { id: true, name: true, email: true } }, customer: { select: { account: true } } },
  });
}

/** A unique violation on open_customer_id as the words a person needs: which case is open. */
export async function openCaseConflict(tx: Tx | typeof prisma, customerId: string): Promise<CaseError> {
  const open = await tx.case.findFirst({ where: { openCustomerId: customerId }, select: { number: true, status: true } });
  return new CaseError(
    "conflict",
    open
      ? `This customer already has an open case (#${open.number}, ${STATUS_LABEL[open.status]}): a customer has one open case at a time.`
      : "This customer already has an open case: a customer has one open case at a time.",
  );
}

export function isOpenCaseViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  // The driver adapter reports the constraint's columns or its name depending on the path taken.
  const target = JSON.stringify(error.meta ?? {});
  return target.includes("open_customer_id") || target.includes("openCustomerId");
}

export async function assignCase(actor: Actor, input: AssignCaseInput) {
  if (!canAssign(actor.role)) throw new CaseError("forbidden", "Only a supervisor may assign a case.");
  return prisma.$transaction(async (tx) => {
    const current = await lockCase(tx, input.caseId);
    if (!isOpen(current.status)) throw new CaseError("invalid", `Case #${current.number} is closed; reopen it before assigning it.`);
    const assignee = input.assigneeId
      ? await tx.user.findUnique({ where: { id: input.assigneeId }, select: { id: true, name: true, email: true } })
      : null;
    if (input.assigneeId && !assignee) throw new CaseError("invalid", "That user does not exist (any more).");
    const updated = await tx.case.update({ where: { id: current.id }, data: { assigneeId: assignee?.id ?? null } });
    await recordAudit(
      {
        ...auditActor(actor),
        action: "case.assign",
        entityType: "case",
        entityId: current.id,
        before: { assigneeId: current.assigneeId, assignee: userLabel(current.assignee) },
        after: { assigneeId: assignee?.id ?? null, assignee: userLabel(assignee) },
      },
      tx,
    );
    return updated;
  });
}

export async function commentOnCase(actor: Actor, input: CommentCaseInput) {
  if (!canComment(actor.role)) throw new CaseError("forbidden", "Your role may not comment on cases.");
  return prisma.$transaction(async (tx) => {
    const current = await lockCase(tx, input.caseId);
    // A comment is activity: the queue's "last update" should move.
    await tx.case.update({ where: { id: current.id }, data: { updatedAt: new Date() } });
    return recordAudit(
      { ...auditActor(actor), action: "case.comment", entityType: "case", entityId: current.id, after: { comment: input.comment } },
      tx,
    );
  });
}

/** The columns a status change sets besides the status itself. */
function statusColumns(current: { customerId: string; assigneeId: string | null; status: CaseStatus }, to: CaseStatus, actor: Actor, now: Date) {
  if (to === "RESOLVED" || to === "FALSE_POSITIVE") return { closedAt: now, openCustomerId: null };
  if (to === "VERIFYING") return { verifyingSince: now };
  if (to === "INVESTIGATING" && !isOpen(current.status)) {
    // Reopening: the case is the customer's open case again (the unique index checks there is no other).
    return { closedAt: null, openCustomerId: current.customerId, verifyingSince: null };
  }
  // Taking a new case makes it yours unless a supervisor already gave it to someone.
  if (to === "INVESTIGATING" && current.assigneeId === null && actor.kind === "user") return { assigneeId: actor.id };
  return {};
}

export async function changeCaseStatus(actor: Actor, input: ChangeStatusInput, now = new Date()) {
  try {
    return await prisma.$transaction(async (tx) => {
      const current = await lockCase(tx, input.caseId);
      const check = checkMove(current.status, input.to, actor.role);
      if (!check.ok) throw new CaseError(check.code, check.reason);
      const data = statusColumns(current, input.to, actor, now);
      const updated = await tx.case.update({ where: { id: current.id }, data: { status: input.to, ...data } });
      await recordAudit(
        {
          ...auditActor(actor),
          action: "case.status",
          entityType: "case",
          entityId: current.id,
          before: { status: current.status, assigneeId: current.assigneeId },
          after: { status: updated.status, assigneeId: updated.assigneeId },
        },
        tx,
      );
      return updated;
    });
  } catch (error) {
    if (isOpenCaseViolation(error)) {
      const { customerId } = await prisma.case.findUniqueOrThrow({ where: { id: input.caseId }, select: { customerId: true } });
      throw await openCaseConflict(prisma, customerId);
    }
    throw error;
  }
}

/**
 * The customer's open case, opened now in INVESTIGATING (with its audit event) when there is
 * none: saving a remediation means someone is working on it. Call with the customer row locked.
 */
export async function openCaseFor(tx: Tx, customerId: string, actor: Actor, reason: string) {
  const open = await tx.case.findUnique({ where: { openCustomerId: customerId } });
  if (open) return open;
  const created = await tx.case.create({
    data: {
      customerId,
      openCustomerId: customerId,
      status: "INVESTIGATING",
      assigneeId: actor.kind === "user" ? actor.id : null,
    },
  });
  await recordAudit(
    { ...auditActor(actor), action: "case.opened", entityType: "case", entityId: created.id, after: { status: created.status, reason } },
    tx,
  );
  return created;
}
