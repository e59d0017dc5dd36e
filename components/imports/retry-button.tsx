"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";

/** Queues a FAILED import again from its kept upload (POST /api/v1/cdr-imports/{id}/retry). */
export function RetryButton({ importId }: { importId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const retry = async () => {
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1/cdr-imports/${importId}/retry`, { method: "POST" });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        setError(body?.message ?? `The server answered ${res.status}.`);
        return;
      }
      router.refresh();
    } finally {
      setPending(false);
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="secondary" onClick={retry} disabled={pending}>
        {pending ? "Queuing…" : "Retry"}
      </Button>
      {error ? <span role="alert" className="text-xs text-red-800">{error}</span> : null}
    </span>
  );
}
