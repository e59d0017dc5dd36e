// Isomorphic, pure: Unicode's explicit bidirectional formatting characters (UAX #9 §2.1–2.2: LRE,
// RLE, PDF, LRO, RLO and the isolates LRI, RLI, FSI, PDI) in untrusted text, named instead of
// applied. Caller IDs, customer names, file names and tickets arrive from PBX exports, ticket
// systems and forms; a hidden override in one reorders what a person reads, as "Trojan Source"
// (CVE-2021-42574) did to code: "Master\u202Evsc.exe" displays as "Masterexe.csv". None of these
// values needs them (right-to-left names read correctly without: the pages isolate each value in
// <bdi>, components/ui/untrusted-text.tsx), so they are shown as their code point.

const CONTROL_NAMES: Readonly<Record<string, string>> = {
  "\u202A": "LEFT-TO-RIGHT EMBEDDING",
  "\u202B": "RIGHT-TO-LEFT EMBEDDING",
  "\u202C": "POP DIRECTIONAL FORMATTING",
  "\u202D": "LEFT-TO-RIGHT OVERRIDE",
  "\u202E": "RIGHT-TO-LEFT OVERRIDE",
  "\u2066": "LEFT-TO-RIGHT ISOLATE",
  "\u2067": "RIGHT-TO-LEFT ISOLATE",
  "\u2068": "FIRST STRONG ISOLATE",
  "\u2069": "POP DIRECTIONAL ISOLATE",
};
const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** A run of plain text, or one direction control as it is shown: its label "[U+202E]" and name. */
export type TextPart = string | { label: string; name: string };

const labelOf = (char: string) => `[U+${char.codePointAt(0)!.toString(16).toUpperCase()}]`;

/** The text split into plain runs and direction controls, in order; [text] when it has none. */
export function bidiParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let from = 0;
  for (const match of text.matchAll(CONTROLS)) {
    if (match.index > from) parts.push(text.slice(from, match.index));
    parts.push({ label: labelOf(match[0]), name: CONTROL_NAMES[match[0]]! });
    from = match.index + 1;
  }
  if (from < text.length || parts.length === 0) parts.push(text.slice(from));
  return parts;
}

/**
 * The text with each direction control replaced by its label, for the places that take a plain
 * string (an <option>, an aria-label, a title) where no element can isolate it.
 */
export function showBidiControls(text: string): string {
  return text.replace(CONTROLS, labelOf);
}
