import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import type { CdrImportMessage } from "@/lib/cdr/load.ts";

/** The import's warnings in words (file text is untrusted: rendered as text only). */
export function ImportMessages({ messages }: { messages: CdrImportMessage[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
      <h3 className="font-medium">Warnings</h3>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {messages.map((m, i) => (
          <li key={`${m.code}-${i}`}>
            {m.line === undefined ? null : <span className="tabular-nums">Line {m.line}: </span>}
            <UntrustedText text={m.message} />
          </li>
        ))}
      </ul>
    </div>
  );
}
