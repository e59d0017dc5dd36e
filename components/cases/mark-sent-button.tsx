"use client";

// "Mark as sent" for overrides saved earlier (the wizard's own button is gone once its page is left).
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button.tsx";
import { markRemediationSentAction } from "@/lib/remediation/actions.ts";

export function MarkSentButton({ remediationId, label }: { remediationId: string; label: string }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  function markSent() {
    startTransition(async () => {
      const result = await markRemediationSentAction({ remediationId });
      // On success the action's revalidation re-renders the page, and this button goes with it.
      if (!result.ok) setError(result.error);
    });
  }
  return (
    <>
      <Button type="button" variant="secondary" onClick={markSent} disabled={pending} aria-label={`Mark as sent: ${label}`}>
        Mark as sent
      </Button>
      {error ? <span role="alert" className="text-sm text-red-800">{error}</span> : null}
    </>
  );
}
