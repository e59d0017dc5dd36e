import "server-only";
// "Save to case" and "mark as sent" (issue 3 "Surfaces"): what was generated for which phone, who
// saved it and who sent it, on the customer's open case. The text is generated here from the
// validated request, never taken from the browser: what the case records is what the generator
// gives for that input.
import { recordAudit } from "@/lib/audit/writes.ts";
import { type Actor, actorLabel, auditActor } from "@/lib/auth/actor.ts";
import { CaseError, isOpenCaseViolation, lockCase, openCaseConflict, openCaseFor } from "@/lib/cases/writes.ts";
import { checkMove, isOpen } from "@/lib/cases/rules.ts";
import type { SaveRemediationInput } from "@/lib/cases/schema.ts";
import { prisma } from "@/lib/db/client.ts";
import { getVendor } from "./catalog.ts";
import { generateOverrides } from "./generate.ts";
import { summarizeRemediation } from "./summary.ts";

export async function saveRemediation(actor: Actor, input: SaveRemediationInput) {
  const response = generateOverrides(input.request);
  const summary = summarizeRemediation(input.request, response);
  const customer = await prisma.customer.findUnique({ where: { account: input.account }, select: { id: true } });
  if (!customer) throw new CaseError("not-found", `No customer with the account ${input.account}.`);
  try {
    return await prisma.$transaction(async (tx) => {
      // Two saves for one customer at once must not both open a case.
      await tx.$queryRaw`select id from customer where id = ${customer.id}::uuid for update`;
      if (input.deviceId) {
        const device = await tx.device.findFirst({ where: { id: input.deviceId, customerId: customer.id }, select: { id: true } });
        if (!device) throw new CaseError("invalid", "That phone is not one of this customer's.");
      }
      const caseRow = await openCaseFor(tx, customer.id, actor, "overrides saved from the wizard");
      const { request } = input;
      const remediation = await tx.remediation.create({
        data: {
          customerId: customer.id,
          caseId: caseRow.id,
          deviceId: input.deviceId ?? null,
          vendor: request.vendor,
          model: request.model ?? null,
          firmware: request.firmware,
          actions: request.actions,
          params: request.params,
          syntax: request.syntax,
          text: response.text,
          summary,
          createdBy: actorLabel(actor),
        },
      });
      await recordAudit(
        {
          ...auditActor(actor),
          action: "case.remediation",
          entityType: "case",
          entityId: caseRow.id,
          after: {
            remediationId: remediation.id,
            device: [getVendor(request.vendor).name, request.model].filter(Boolean).join(" "),
            vendor: request.vendor,
            model: request.model ?? null,
            firmware: request.firmware,
            actions: request.actions,
          },
        },
        tx,
      );
      return { remediation, caseNumber: caseRow.number, caseStatus: caseRow.status };
    });
  } catch (error) {
    // The automation opened a case for this customer between our read and our insert.
    if (isOpenCaseViolation(error)) throw await openCaseConflict(prisma, customer.id);
    throw error;
  }
}

/** Records that the saved overrides went to the customer: the case moves to REMEDIATION_SENT. */
export async function markRemediationSent(actor: Actor, remediationId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`select id from remediation where id = ${remediationId}::uuid for update`;
    if (rows.length === 0) throw new CaseError("not-found", "This remediation does not exist (any more).");
    const remediation = await tx.remediation.findUniqueOrThrow({ where: { id: remediationId } });
    if (remediation.sentAt) {
      throw new CaseError("invalid", `Already marked as sent by ${remediation.sentBy ?? "someone"} at ${remediation.sentAt.toISOString()}.`);
    }
    if (!remediation.caseId) throw new CaseError("invalid", "This remediation is no longer on a case; save the overrides again.");
    const current = await lockCase(tx, remediation.caseId);
    if (!isOpen(current.status)) {
      throw new CaseError("invalid", `Case #${current.number} was closed after these overrides were saved; save them again to open a new case.`);
    }
    const check = checkMove(current.status, "REMEDIATION_SENT", actor.role, "mark-sent");
    if (!check.ok) throw new CaseError(check.code, check.reason);
    const sent = await tx.remediation.update({ where: { id: remediation.id }, data: { sentAt: now, sentBy: actorLabel(actor) } });
    // A second remediation sent while verifying restarts the grace period and the verification.
    const updated = await tx.case.update({
      where: { id: current.id },
      data: { status: "REMEDIATION_SENT", remediationSentAt: now, verifyingSince: null },
    });
    await recordAudit(
      {
        ...auditActor(actor),
        action: "case.status",
        entityType: "case",
        entityId: current.id,
        before: { status: current.status },
        after: { status: updated.status, remediationId: remediation.id, reason: "overrides marked as sent" },
      },
      tx,
    );
    return { remediation: sent, case: updated };
  });
}
