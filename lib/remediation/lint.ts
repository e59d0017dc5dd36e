// Lint for pasted override text: a wrong key does nothing, or worse (on a Snom M100 KLE an unknown
// key makes the base skip the rest of that module, vendor-parameters.md §4.2), so every line is
// checked against the catalog for the chosen vendor, model and firmware. Pure and isomorphic.
import { ACTIONS } from "./vocabulary.ts";
import type { KnownKey, Setting, Vendor } from "./catalog-schema";
import {
  CATALOG,
  familyMatches,
  firmwareMatches,
  isUncertain,
  keyFor,
  keyPattern,
  matchKey,
  resolveTarget,
  settingsFor,
  type Target,
} from "./catalog";
import { describeFirmwareRange } from "./firmware";
import { lintRequestSchema, type LintRequestInput } from "./schema";

export type LintSeverity = "error" | "warning" | "info";

export type LintCode =
  | "malformed"
  | "wrong-case"
  | "unknown-key"
  | "other-vendor"
  | "other-firmware"
  | "other-model"
  | "account-out-of-range"
  | "bad-value"
  | "risky-value"
  | "weakening-value"
  | "uncertain-key"
  | "duplicate-key"
  | "not-linted"
  | "model-unknown";

export interface LintFinding {
  /** 1-based line number in the pasted text. */
  line: number;
  severity: LintSeverity;
  code: LintCode;
  message: string;
  key?: string;
  /** A corrected line in override syntax, when one can be derived. */
  suggestion?: string;
}

export interface LintResult {
  /** No errors (warnings and infos may remain). */
  ok: boolean;
  findings: LintFinding[];
}

type Entry = Setting | KnownKey;
type KeyMatch = ReturnType<typeof matchKey>[number];

interface ParsedLine {
  key: string;
  value: string;
}

// key="value" (override syntax), key = value (Yealink .cfg, Grandstream text), key$: value /
// key!: value (Snom legacy text with permission flag, §4.1).
const LINE = /^([A-Za-z][\w.-]*)\s*[$!&]?\s*[=:]\s*(.*)$/;
const COMMENT = /^(#|;|\/\/)/;

function parseLine(text: string): ParsedLine | { error: string; suggestion?: string } {
  const match = LINE.exec(text);
  if (!match) return { error: 'not a setting line; expected key="value"' };
  const key = match[1] ?? "";
  const raw = (match[2] ?? "").trim();
  const opens = raw.startsWith('"');
  const closes = raw.length > 1 && raw.endsWith('"');
  if (opens !== closes) {
    const inner = raw.replace(/^"|"$/g, "");
    return { error: `missing ${opens ? "closing" : "opening"} quote`, suggestion: `${key}="${inner}"` };
  }
  const value = opens ? raw.slice(1, -1) : raw;
  if (value.includes('"')) return { error: "quote inside the value" };
  return { key, value };
}

const format = (key: string, value: string) => `${key}="${value}"`;

function isSetting(entry: Entry): entry is Setting {
  return "action" in entry;
}

function schemeAllowed(entry: Entry, target: Target): boolean {
  return entry.scheme === undefined || (target.family?.schemes?.includes(entry.scheme) ?? true);
}

function familyNames(vendor: Vendor, entries: Entry[]): string {
  const ids = new Set(entries.flatMap((entry) => entry.families ?? []));
  return vendor.families.filter((f) => ids.has(f.id)).map((f) => f.name).join(", ");
}

/** Where a key that does not apply here does apply, and what to use instead. */
function mismatch(target: Target, key: string, value: string, matches: KeyMatch[], first: KeyMatch): Omit<LintFinding, "line"> {
  const { vendor, firmware } = target;
  const { entry } = first;
  const account = first.account ?? 1;
  const replacement = isSetting(entry) ? settingsFor(target, entry.action, account) : [];
  const suggestion = replacement.length > 0 ? replacement.map((s) => format(keyFor(s, account) ?? "", s.value === "{port}" ? value : s.value)).join("\n") : undefined;
  const instead = suggestion ? `; use ${suggestion.replace(/\n/g, " and ")}` : "";
  if (!matches.some((m) => familyMatches(m.entry, target))) {
    return { severity: "error", code: "other-model", key, message: `${key} is for ${familyNames(vendor, matches.map((m) => m.entry))}, not the ${target.model?.name ?? vendor.name}${instead}.`, ...(suggestion ? { suggestion } : {}) };
  }
  if (!matches.some((m) => firmwareMatches(m.entry, target))) {
    const ranges = [...new Set(matches.map((m) => describeFirmwareRange(m.entry.firmware)))].join(", ");
    return { severity: "error", code: "other-firmware", key, message: `${key} belongs to firmware ${ranges}; this phone runs ${firmware.label}${instead}.`, ...(suggestion ? { suggestion } : {}) };
  }
  return {
    severity: "error",
    code: "other-model",
    key,
    message: `${key} uses a key format that is not sourced for the ${target.family?.name ?? vendor.name}${instead}.`,
    ...(suggestion ? { suggestion } : {}),
  };
}

function valueFindings(entry: Entry, key: string, value: string): Omit<LintFinding, "line">[] {
  const findings: Omit<LintFinding, "line">[] = [];
  const { allowed } = entry;
  if (Array.isArray(allowed)) {
    if (!allowed.includes(value)) {
      const caseMatch = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
      findings.push(
        caseMatch
          ? { severity: "warning", code: "wrong-case", key, message: `value "${value}" should be written "${caseMatch}" (case sensitivity is UNVERIFIED).`, suggestion: format(key, caseMatch) }
          : { severity: "error", code: "bad-value", key, message: `value "${value}" is not valid for ${key}; allowed: ${allowed.join(", ")}.` },
      );
      return findings;
    }
  } else if (allowed === "port") {
    const port = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(port >= 1 && port <= 65535)) return [{ severity: "error", code: "bad-value", key, message: `value "${value}" is not a port number (1–65535).` }];
    if (isSetting(entry) && entry.action === "listen-port" && (port === 5060 || port === 5061 || port < 1024)) {
      findings.push({ severity: "warning", code: "risky-value", key, message: `port ${port} is a standard or privileged port; scanners try 5060/5061 first. Use 1024–65535 other than 5060/5061.` });
    }
  }
  if (entry.risky?.values.includes(value)) {
    findings.push({ severity: "warning", code: "risky-value", key, message: `${key}="${value}": ${entry.risky.why}` });
  } else if (isSetting(entry) && Array.isArray(allowed) && value !== entry.value) {
    findings.push({
      severity: "warning",
      code: "weakening-value",
      key,
      message: `${key}="${value}" leaves "${ACTIONS[entry.action].title}" off; the hardening value is "${entry.value}".`,
      suggestion: format(key, entry.value),
    });
  }
  if (isUncertain(entry.confidence)) {
    findings.push({ severity: "warning", code: "uncertain-key", key, message: `${key} is ${entry.confidence.toUpperCase()}: ${entry.note ?? ""}` });
  }
  return findings;
}

function keyFindings(target: Target, parsed: ParsedLine): Omit<LintFinding, "line">[] {
  const { vendor } = target;
  let { key } = parsed;
  const findings: Omit<LintFinding, "line">[] = [];
  let matches = matchKey(vendor, key);
  if (matches.length === 0) {
    matches = matchKey(vendor, key, true);
    const folded = matches[0];
    if (!folded) {
      const elsewhere = Object.values(CATALOG).find((other) => other.id !== vendor.id && matchKey(other, key).length > 0);
      const owner = elsewhere && matchKey(elsewhere, key)[0]?.entry;
      return [
        elsewhere && owner
          ? {
              severity: "error",
              code: "other-vendor",
              key,
              message: `${key} is a ${elsewhere.name} key (${keyPattern(owner)}${owner.firmware ? `, firmware ${describeFirmwareRange(owner.firmware)}` : ""}), not a ${vendor.name} one.`,
            }
          : { severity: "error", code: "unknown-key", key, message: `${key} is not a known ${vendor.name} setting; an unknown key does nothing, or makes the phone skip other settings.` },
      ];
    }
    const canonical = keyFor(folded.entry, folded.account ?? 1) ?? key;
    findings.push({ severity: "error", code: "wrong-case", key, message: `${key} should be written ${canonical}; keys are case-sensitive.`, suggestion: format(canonical, parsed.value) });
    key = canonical;
  }
  const applicable = matches.find((m) => familyMatches(m.entry, target) && firmwareMatches(m.entry, target) && schemeAllowed(m.entry, target));
  const first = matches[0];
  if (!applicable) return first ? [...findings, mismatch(target, key, parsed.value, matches, first)] : findings;
  if (applicable.account !== undefined && target.model?.accounts !== undefined && applicable.account > target.model.accounts) {
    findings.push({ severity: "error", code: "account-out-of-range", key, message: `${key} addresses account ${applicable.account}, but the ${target.model.name} has ${target.model.accounts}.` });
  }
  return [...findings, ...valueFindings(applicable.entry, key, parsed.value)];
}

export function lintOverrides(input: LintRequestInput): LintResult {
  const request = lintRequestSchema.parse(input);
  const resolved = resolveTarget(request);
  // Unreachable: the schema runs the same check.
  if (!resolved.ok) throw new Error(resolved.issues.map((i) => i.message).join("; "));
  const target = resolved.target;
  const findings: LintFinding[] = [];
  if (target.modelWarning) findings.push({ line: 1, severity: "warning", code: "model-unknown", message: target.modelWarning });

  if (!target.vendor.flatKeys || request.text.trimStart().startsWith("<")) {
    const why = target.vendor.flatKeys ? "XML files are not linted" : `${target.vendor.name} settings are XML elements with no flat key form`;
    findings.push({ line: 1, severity: "info", code: "not-linted", message: `${why}; paste override lines (key="value").` });
    return { ok: true, findings };
  }

  const seen = new Map<string, number>();
  request.text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text === "" || COMMENT.test(text)) return;
    const parsed = parseLine(text);
    if ("error" in parsed) {
      findings.push({ line, severity: "error", code: "malformed", message: parsed.error, ...(parsed.suggestion ? { suggestion: parsed.suggestion } : {}) });
      const recovered = parsed.suggestion ? parseLine(parsed.suggestion) : undefined;
      if (!recovered || "error" in recovered) return;
      findings.push(...keyFindings(target, recovered).map((f) => ({ line, ...f })));
      return;
    }
    const first = seen.get(parsed.key);
    if (first !== undefined) {
      findings.push({ line, severity: "warning", code: "duplicate-key", key: parsed.key, message: `${parsed.key} is already set on line ${first}; which one wins depends on the provisioning tool.` });
    } else {
      seen.set(parsed.key, line);
    }
    findings.push(...keyFindings(target, parsed).map((f) => ({ line, ...f })));
  });
  return { ok: !findings.some((f) => f.severity === "error"), findings };
}
