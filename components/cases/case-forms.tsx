"use client";

// The case panel's forms. Each posts to a server action that checks the role again; these only
// show what the user's role may do.
import { useActionState, useId, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { assignCaseAction, changeCaseStatusAction, commentCaseAction, type CaseFormState } from "@/lib/cases/actions.ts";
import { MAX_COMMENT_LENGTH } from "@/lib/cases/schema.ts";
import { showBidiControls } from "@/lib/bidi.ts";
import type { CaseStatus } from "@/lib/cases/rules.ts";

const input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

function Result({ state }: { state: CaseFormState }) {
  const message = state.error ?? Object.values(state.fieldErrors ?? {}).flat().filter(Boolean).join(" ");
  if (message) return <p role="alert" className="text-sm text-red-800">{message}</p>;
  // Announced to screen readers; visible too, so a sighted user knows the click took.
  return <p role="status" className="text-sm text-green-800">{state.ok ?? ""}</p>;
}

export function StatusButtons({ caseId, moves }: { caseId: string; moves: { to: CaseStatus; label: string; supervisorOnly: boolean }[] }) {
  const [state, action, pending] = useActionState(changeCaseStatusAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="caseId" value={caseId} />
      {moves.map((m) => (
        <Button key={m.to} type="submit" name="to" value={m.to} disabled={pending} variant={m.supervisorOnly ? "secondary" : "primary"}>
          {m.label}
        </Button>
      ))}
      <Result state={state} />
    </form>
  );
}

export function AssignForm({
  caseId,
  assigneeId,
  users,
}: {
  caseId: string;
  assigneeId: string | null;
  users: { id: string; name: string; email: string }[];
}) {
  const [state, action, pending] = useActionState(assignCaseAction, {});
  // Controlled: React resets uncontrolled fields after an action, which would show the old assignee.
  const [chosen, setChosen] = useState(assigneeId ?? "");
  const id = useId();
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="caseId" value={caseId} />
      <div className="min-w-56">
        <label htmlFor={id} className="block text-sm font-medium">Assignee</label>
        <select id={id} name="assigneeId" value={chosen} onChange={(e) => setChosen(e.target.value)} className={input}>
          <option value="">Unassigned</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>{showBidiControls(u.name)} ({u.email})</option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>Assign</Button>
      <Result state={state} />
    </form>
  );
}

export function CommentForm({ caseId }: { caseId: string }) {
  const [state, action, pending] = useActionState(commentCaseAction, {});
  const id = useId();
  return (
    // React 19 resets a form's uncontrolled fields once its action completes: the box empties.
    <form action={action} className="space-y-2">
      <input type="hidden" name="caseId" value={caseId} />
      <label htmlFor={id} className="block text-sm font-medium">Comment</label>
      <textarea
        id={id}
        name="comment"
        rows={3}
        required
        maxLength={MAX_COMMENT_LENGTH}
        placeholder="What you found, whom you called, what happens next"
        className={input}
      />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>Add comment</Button>
        <Result state={state} />
      </div>
    </form>
  );
}
