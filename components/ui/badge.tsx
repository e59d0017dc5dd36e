import type { ReactNode } from "react";

// Tailwind only generates classes it finds written out in full, so each tone is a literal.
const TONES = {
  slate: "bg-slate-100 text-slate-800",
  red: "bg-red-100 text-red-900",
  amber: "bg-amber-100 text-amber-900",
  green: "bg-green-100 text-green-900",
  sky: "bg-sky-100 text-sky-900",
  blue: "bg-blue-100 text-blue-900",
  violet: "bg-violet-100 text-violet-900",
  brand: "bg-brand-100 text-brand-900",
} as const;

export type BadgeTone = keyof typeof TONES;

/**
 * The pill every status is drawn with (case status, verdict, import, confidence, lint severity).
 * The tone only reinforces the label: the words carry the meaning (colour alone must not, WCAG 1.4.1).
 */
export function Badge({ tone, children, className = "" }: { tone: BadgeTone; children: ReactNode; className?: string }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]} ${className}`}>{children}</span>;
}
