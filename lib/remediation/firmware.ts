// Firmware strings → comparable versions. Isomorphic.
//
// Yealink: `A.B.C.D`, where A is the hardware and B the release train ("V" number); only B.C.D is
// comparable across models, never A (vendor-parameters.md §1.1 "Wizard rule").
// Polycom / Grandstream: plain dotted versions ("SIP 3.1.6", "UCS 4.1.6", "1.0.4.10").
// "free": vendors whose catalog has no firmware-dependent keys; any string is accepted and echoed.

export type FirmwareFormat = "yealink" | "dotted" | "free";

export interface ParsedFirmware {
  raw: string;
  /** Comparable parts; null for the "free" format. */
  version: number[] | null;
  /** Human label: "V73", "3.2.4", or the raw string. */
  label: string;
  /** Yealink field A (identifies the hardware), when the full A.B.C.D form was given. */
  hardwareId?: number;
}

export interface FirmwareRange {
  /** Inclusive lower bound, written in the vendor's own notation ("V80", "3.2"). */
  from?: string;
  /** Inclusive upper bound; compared on its own length, so "3.1" includes 3.1.6. */
  to?: string;
}

const YEALINK_FULL = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/;
const YEALINK_TRAIN = /^[Vv](\d+)$/;
const DOTTED = /\d+(?:[.-]\d+)+/;

export function parseFirmware(format: FirmwareFormat, input: string): ParsedFirmware | null {
  const raw = input.trim();
  if (raw === "") return null;
  switch (format) {
    case "yealink": {
      const full = YEALINK_FULL.exec(raw);
      if (full) {
        const [a, b, c, d] = full.slice(1).map(Number) as [number, number, number, number];
        return { raw, version: [b, c, d], label: `V${b}`, hardwareId: a };
      }
      const train = YEALINK_TRAIN.exec(raw);
      if (train) {
        const b = Number(train[1]);
        return { raw, version: [b], label: `V${b}` };
      }
      return null;
    }
    case "dotted": {
      const match = DOTTED.exec(raw);
      if (!match) return null;
      const version = match[0].split(/[.-]/).map(Number);
      return { raw, version, label: version.join(".") };
    }
    case "free":
      return { raw, version: null, label: raw };
  }
}

/** Compares `version` with `bound` on the bound's length (missing version parts count as 0). */
function compareToBound(version: readonly number[], bound: readonly number[]): number {
  for (let i = 0; i < bound.length; i++) {
    const diff = (version[i] ?? 0) - (bound[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function boundVersion(format: FirmwareFormat, bound: string): number[] {
  const parsed = parseFirmware(format, bound);
  if (!parsed?.version) throw new Error(`firmware bound "${bound}" is not a ${format} version`);
  return parsed.version;
}

export function inFirmwareRange(format: FirmwareFormat, firmware: ParsedFirmware, range: FirmwareRange | undefined): boolean {
  if (!range) return true;
  // A "free" firmware cannot be placed in a range; the catalog loader forbids ranges there.
  if (!firmware.version) return false;
  if (range.from !== undefined && compareToBound(firmware.version, boundVersion(format, range.from)) < 0) return false;
  if (range.to !== undefined && compareToBound(firmware.version, boundVersion(format, range.to)) > 0) return false;
  return true;
}

/** Throws when a bound cannot be parsed; used by the catalog loader to reject bad data early. */
export function assertFirmwareRange(format: FirmwareFormat, range: FirmwareRange): void {
  if (range.from !== undefined) boundVersion(format, range.from);
  if (range.to !== undefined) boundVersion(format, range.to);
}

export function describeFirmwareRange(range: FirmwareRange | undefined): string {
  if (!range || (range.from === undefined && range.to === undefined)) return "all firmware";
  if (range.from !== undefined && range.to !== undefined) {
    return range.from === range.to ? range.from : `${range.from} to ${range.to}`;
  }
  return range.from !== undefined ? `${range.from} and later` : `${range.to} and earlier`;
}
