// Text decoding for CDR fields. The CSV layer reads bytes as latin1 (one char per byte, so no
// byte is lost and quotes/commas are still ASCII); each field is then decoded as UTF-8, falling
// back to Windows-1252 when the bytes are not valid UTF-8. Real exports mix both: saved sample
// mineevburyat Master.csv has non-UTF-8 bytes in a UTF-8 file (cdr-formats.md §2, §5.3).
import { isUtf8 } from "node:buffer";

/** Any byte outside printable-or-control ASCII (or a NUL, which Postgres text cannot hold). */
const NEEDS_DECODING = /[^\x01-\x7f]/;

export function needsDecoding(latin1: string): boolean {
  return NEEDS_DECODING.test(latin1);
}

// Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F (WHATWG Encoding, index-windows-1252);
// unassigned slots map to the C1 control of the same value, as browsers do.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

function windows1252(latin1: string): string {
  let out = "";
  for (let i = 0; i < latin1.length; i++) {
    const c = latin1.charCodeAt(i);
    out += String.fromCharCode(c >= 0x80 && c <= 0x9f ? (CP1252_HIGH[c - 0x80] ?? c) : c);
  }
  return out;
}

export const DECODE_FLAGS = { fallback: 1, nul: 2 } as const;

/** Result flags of the last decodeField call (bit set of DECODE_FLAGS); avoids a per-field object. */
export const decodeState = { flags: 0 };

/** Decodes one latin1-read field. NUL becomes U+FFFD (Postgres text rejects NUL). */
export function decodeField(latin1: string): string {
  decodeState.flags = 0;
  const bytes = Buffer.from(latin1, "latin1");
  let text: string;
  if (isUtf8(bytes)) {
    text = bytes.toString("utf8");
  } else {
    decodeState.flags |= DECODE_FLAGS.fallback;
    text = windows1252(latin1);
  }
  if (text.includes("\0")) {
    decodeState.flags |= DECODE_FLAGS.nul;
    text = text.replaceAll("\0", "\uFFFD");
  }
  return text;
}

/** Decodes a whole latin1-read record (for rejects), same rules as fields. */
export function decodeText(latin1: string): string {
  return needsDecoding(latin1) ? decodeField(latin1) : latin1;
}
