// generateOverrides: request → override lines, rendered text, warnings and firewall rules.
// Pure and isomorphic; the shape is the body of POST /api/v1/remediation and the CLI's --json output.
import type { ActionId } from "./vocabulary.ts";
import type { Confidence, Reboot, Setting } from "./catalog-schema";
import {
  hardwareMismatch,
  isPerAccount,
  isUncertain,
  keyFor,
  maxAccounts,
  resolveTarget,
  selectScheme,
  settingsFor,
  unavailableReason,
  type Target,
} from "./catalog";
import { inFirmwareRange } from "./firmware";
import { buildFirewall, type FirewallRules } from "./firewall";
import { renderLines, type RenderItem, type RenderSyntax } from "./render";
import { remediationRequestSchema, type RemediationParams, type RemediationRequest, type RemediationRequestInput } from "./schema";
import { SOURCES, type SourceId } from "./sources";

export interface SourceRef {
  id: SourceId;
  title: string;
  url?: string;
}

export interface OverrideLine {
  key: string;
  value: string;
  action: ActionId;
  /** The account the key addresses; absent for phone-wide keys. */
  account?: number;
  confidence: Confidence;
  reboot: Reboot;
  /** "vendor-parameters.md §1.2 #2b; [Y1] …" */
  citation: string;
  sources: SourceRef[];
  /** Caveat to show next to the line; always present for low/unverified lines. */
  note?: string;
}

export type WarningCode =
  | "action-unavailable"
  | "uncertain-line"
  | "firmware-note"
  | "hardware-mismatch"
  | "model-unknown"
  | "per-account"
  | "account-ignored"
  | "port-rtp-range"
  | "port-account-default"
  | "port-unused"
  | "servers-unused"
  | "syntax-fallback";

export interface RemediationWarning {
  code: WarningCode;
  message: string;
  action?: ActionId;
  key?: string;
}

export interface RemediationResponse {
  lines: OverrideLine[];
  text: string;
  warnings: RemediationWarning[];
  firewall?: FirewallRules;
}

function sourceRefs(setting: Setting): SourceRef[] {
  return setting.cite.sources.map((id) => {
    const source = SOURCES[id as SourceId];
    return { id: id as SourceId, ...source };
  });
}

function toLine(setting: Setting, account: number, params: RemediationParams): OverrideLine {
  const perAccount = isPerAccount(setting);
  const refs = sourceRefs(setting);
  return {
    key: keyFor(setting, account) ?? "",
    value: setting.value === "{port}" ? String(params.port) : setting.value,
    action: setting.action,
    ...(perAccount ? { account } : {}),
    confidence: setting.confidence,
    reboot: setting.reboot,
    citation: [`vendor-parameters.md ${setting.cite.section}`, ...refs.map((r) => `[${r.id}] ${r.title}${r.url ? ` <${r.url}>` : ""}`)].join("; "),
    sources: refs,
    ...(setting.note ? { note: setting.note } : {}),
  };
}

/** Picks the syntax actually rendered; falls back (with a warning) when the vendor lacks one. */
function resolveSyntax(request: RemediationRequest, target: Target, account: number): { syntax: RenderSyntax; warning?: RemediationWarning } {
  const { vendor, family } = target;
  const native = selectScheme(target, account)?.native ?? (family?.native !== undefined ? family.native : vendor.native);
  if (request.syntax === "override" && !vendor.flatKeys && native) {
    return {
      syntax: native,
      warning: { code: "syntax-fallback", message: `${vendor.name} settings are nested XML elements with no flat key="value" form, so the native XML file is returned.` },
    };
  }
  if (request.syntax === "native" && !native) {
    const what = target.model?.name ?? vendor.name;
    return {
      syntax: "override",
      warning: { code: "syntax-fallback", message: `No native file syntax is documented for the ${what}, so override lines are returned.` },
    };
  }
  return { syntax: request.syntax === "native" && native ? native : "override" };
}

function portWarnings(target: Target, port: number, account: number): RemediationWarning[] {
  const warnings: RemediationWarning[] = [];
  const { rtpRange, accountPortDefaults } = target.vendor;
  if (rtpRange && port >= rtpRange.from && port <= rtpRange.to) {
    warnings.push({
      code: "port-rtp-range",
      action: "listen-port",
      message: `Port ${port} is inside the ${rtpRange.why} (${rtpRange.from}–${rtpRange.to}); choose a port outside it or move the RTP range.`,
    });
  }
  accountPortDefaults?.forEach((defaultPort, i) => {
    const other = i + 1;
    if (defaultPort === port && other !== account && other <= maxAccounts(target)) {
      warnings.push({
        code: "port-account-default",
        action: "listen-port",
        message: `Port ${port} is the factory SIP port of account ${other}; it clashes as soon as that account is used. Choose another port.`,
      });
    }
  });
  return warnings;
}

export function generateOverrides(input: RemediationRequestInput): RemediationResponse {
  const request = remediationRequestSchema.parse(input);
  const resolved = resolveTarget(request);
  // Unreachable: the schema runs the same check.
  if (!resolved.ok) throw new Error(resolved.issues.map((i) => i.message).join("; "));
  const target = resolved.target;
  const { params } = request;
  const account = params.account ?? 1;
  const { vendor } = target;
  const warnings: RemediationWarning[] = [];
  const items: RenderItem[] = [];

  for (const note of vendor.firmwareNotes) {
    if (inFirmwareRange(vendor.firmwareFormat, target.firmware, note.firmware)) warnings.push({ code: "firmware-note", message: note.note });
  }
  if (target.modelWarning) warnings.push({ code: "model-unknown", message: target.modelWarning });
  const mismatch = hardwareMismatch(target);
  if (mismatch) warnings.push({ code: "hardware-mismatch", message: mismatch });

  for (const action of request.actions) {
    if (action === "firewall") continue;
    const settings = settingsFor(target, action, account);
    if (settings.length === 0) {
      warnings.push({ code: "action-unavailable", action, message: unavailableReason(target, action) });
      continue;
    }
    for (const setting of settings) {
      const line = toLine(setting, account, params);
      items.push({ line, setting });
      if (isUncertain(line.confidence)) {
        warnings.push({ code: "uncertain-line", action, key: line.key, message: `${line.key} is ${line.confidence.toUpperCase()}: ${line.note ?? ""}` });
      }
    }
  }

  const lines = items.map((item) => item.line);
  const perAccountKeys = lines.filter((line) => line.account !== undefined).map((line) => line.key);
  if (perAccountKeys.length > 0 && maxAccounts(target) > 1) {
    warnings.push({
      code: "per-account",
      message: `${perAccountKeys.join(", ")} ${perAccountKeys.length === 1 ? "applies" : "apply"} to account ${account} only; generate again for each other account in use.`,
    });
  }
  if (params.account !== undefined && items.length > 0 && !lines.some((line) => line.account !== undefined)) {
    warnings.push({ code: "account-ignored", message: `The selected ${vendor.name} settings are phone-wide; the account number is not used.` });
  }
  if (params.port !== undefined) {
    if (request.actions.includes("listen-port")) warnings.push(...portWarnings(target, params.port, account));
    else if (!request.actions.includes("firewall")) {
      warnings.push({ code: "port-unused", message: `Port ${params.port} is only used by the listen-port and firewall actions.` });
    }
  }
  if (params.servers !== undefined && !request.actions.includes("firewall")) {
    warnings.push({ code: "servers-unused", message: "Server addresses are only used by the firewall action." });
  }

  const { syntax, warning } = resolveSyntax(request, target, account);
  if (warning && items.length > 0) warnings.push(warning);

  return {
    lines,
    text: renderLines(syntax, items, target),
    warnings,
    ...(request.actions.includes("firewall") && params.servers
      ? { firewall: buildFirewall(params.servers, params.port !== undefined ? [params.port] : undefined) }
      : {}),
  };
}
