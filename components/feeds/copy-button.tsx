"use client";

// Copies a configuration snippet to the clipboard, and says so.
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        aria-label={`Copy ${label}`}
        onClick={() => {
          navigator.clipboard.writeText(text).then(
            () => setCopied("yes"),
            () => setCopied("no"),
          );
        }}
      >
        Copy
      </Button>
      <span role="status" className="text-xs text-slate-600">
        {copied === "yes" ? "Copied." : copied === "no" ? "The browser refused: select the text and copy it." : ""}
      </span>
    </span>
  );
}
