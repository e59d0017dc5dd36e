import { bidiParts } from "@/lib/bidi.ts";

/**
 * A value from outside (a CDR file, a ticket system, a form): a caller ID, a customer's or a
 * source's name, a file name, a ticket. React writes it as a text node, never as HTML; <bdi>
 * isolates its direction, so a right-to-left name cannot reorder the words around it (HTML
 * §4.5.24); a hidden direction control in it is shown as its code point (lib/bidi.ts).
 */
export function UntrustedText({ text }: { text: string }) {
  return (
    <bdi>
      {bidiParts(text).map((part, i) =>
        typeof part === "string" ? (
          part
        ) : (
          <span key={i} title={`${part.name}: a hidden character that changes the direction of text, shown instead of applied`} className="rounded-sm bg-amber-100 px-0.5 font-mono text-[0.85em] text-amber-900">
            {part.label}
          </span>
        ),
      )}
    </bdi>
  );
}
