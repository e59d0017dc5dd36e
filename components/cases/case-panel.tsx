import { hasRole, type Role } from "@/lib/auth/roles.ts";
import type { CustomerCase } from "@/lib/cases/data.ts";
import { allowedMoves, canAssign, isOpen } from "@/lib/cases/rules.ts";
import { Badge } from "@/components/ui/badge.tsx";
import { Card } from "@/components/ui/card.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { AssignForm, CommentForm, StatusButtons } from "./case-forms.tsx";
import { CaseStatusBadge } from "./case-status-badge.tsx";
import { formatWhen } from "./format.ts";

type User = { id: string; name: string; email: string };

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-600">{term}</dt>
      <dd className="text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** The customer's case: where it stands, what the user's role may do next, and what happened. */
export function CasePanel({ caseRow, role, users, timeZone }: { caseRow: CustomerCase | null; role: Role; users: User[]; timeZone: string }) {
  if (!caseRow) {
    return (
      <Card title="Case" className="mt-6">
        <p className="text-sm text-slate-600">
          No case yet. One opens by itself when this customer&apos;s rings come out likely scanned or possible, or when you
          save overrides for one of their phones from the wizard (&ldquo;Fix this device&rdquo; below).
        </p>
      </Card>
    );
  }
  const open = isOpen(caseRow.status);
  const moves = allowedMoves(caseRow.status, role).map((m) => ({ to: m.to, label: m.label, supervisorOnly: m.role !== "AGENT" }));
  return (
    <section aria-labelledby="case-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-xs">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="case-heading" className="text-sm font-semibold text-slate-700">Case #{caseRow.number}</h2>
        <CaseStatusBadge status={caseRow.status} />
        {caseRow.recurrences > 0 ? (
          <Badge tone="red">
            Recurrence ×{caseRow.recurrences}
            {caseRow.lastRecurrenceAt ? `, last ${formatWhen(caseRow.lastRecurrenceAt, timeZone)}` : ""}
          </Badge>
        ) : null}
        {caseRow.earlierCases > 0 ? (
          <span className="text-xs text-slate-600">{caseRow.earlierCases} earlier case{caseRow.earlierCases === 1 ? "" : "s"} for this customer</span>
        ) : null}
      </div>
      <div className="mt-4 grid gap-6 lg:grid-cols-5">
        <div className="space-y-5 lg:col-span-2">
          <dl className="grid grid-cols-2 gap-3">
            <Fact term="Assignee">{caseRow.assignee ? <UntrustedText text={caseRow.assignee.name} /> : <span className="text-slate-600">Unassigned</span>}</Fact>
            <Fact term="Opened">{formatWhen(caseRow.openedAt, timeZone)}</Fact>
            {caseRow.remediationSentAt ? <Fact term="Overrides sent">{formatWhen(caseRow.remediationSentAt, timeZone)}</Fact> : null}
            {caseRow.verifyingSince ? <Fact term="Verifying since">{formatWhen(caseRow.verifyingSince, timeZone)}</Fact> : null}
            {caseRow.closedAt ? <Fact term="Closed">{formatWhen(caseRow.closedAt, timeZone)}</Fact> : null}
          </dl>
          {moves.length > 0 ? <StatusButtons caseId={caseRow.id} moves={moves} /> : null}
          {caseRow.status === "INVESTIGATING" && !hasRole(role, "SUPERVISOR") ? (
            <p className="text-xs text-slate-600">
              Next: fix the phone with the wizard, save the overrides to this case, and mark them as sent.
            </p>
          ) : null}
          {open && canAssign(role) ? <AssignForm caseId={caseRow.id} assigneeId={caseRow.assigneeId} users={users} /> : null}
          <CommentForm caseId={caseRow.id} />
        </div>
        <div className="lg:col-span-3">
          <h3 className="text-sm font-semibold text-slate-700">History</h3>
          {caseRow.history.length ? (
            <ol aria-label="Case history" tabIndex={0} className="mt-2 max-h-[28rem] space-y-3 overflow-y-auto border-l-2 border-slate-200 pl-4">
              {caseRow.history.map((h) => (
                <li key={h.id} className="text-sm">
                  <p className="text-slate-900"><UntrustedText text={h.text} /></p>
                  {h.comment !== undefined ? (
                    <p className="mt-1 whitespace-pre-wrap rounded-md bg-slate-50 px-3 py-2 text-slate-800 ring-1 ring-slate-200"><UntrustedText text={h.comment} /></p>
                  ) : null}
                  <p className="mt-0.5 text-xs text-slate-600">
                    <UntrustedText text={h.who} /> · <time dateTime={h.at.toISOString()}>{formatWhen(h.at, timeZone)}</time>
                  </p>
                </li>
              ))}
            </ol>
          ) : (
            <p className="mt-2 text-sm text-slate-600">Nothing recorded yet.</p>
          )}
        </div>
      </div>
    </section>
  );
}
