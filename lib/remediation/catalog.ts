// The vendor catalog: loads the per-vendor data files, validates them with zod at import time, and
// answers the questions the wizard, the generator and the lint ask. Isomorphic, pure.
import * as z from "zod";
import { ACTION_IDS, ACTIONS, type ActionId, type ActionInfo } from "./vocabulary.ts";
import {
  type AccountRange,
  type Confidence,
  type Family,
  type KnownKey,
  type Model,
  type Reboot,
  type Scheme,
  type Setting,
  type Vendor,
  type VendorData,
  type VendorId,
  VENDOR_IDS,
  normalizeModelName,
  vendorSchema,
} from "./catalog-schema";
import { cisco } from "./catalog/cisco";
import { fanvil } from "./catalog/fanvil";
import { grandstream } from "./catalog/grandstream";
import { polycom } from "./catalog/polycom";
import { snom } from "./catalog/snom";
import { yealink } from "./catalog/yealink";
import { describeFirmwareRange, inFirmwareRange, parseFirmware, type ParsedFirmware } from "./firmware";

function loadCatalog(files: VendorData[]): Readonly<Record<VendorId, Vendor>> {
  const vendors = new Map<VendorId, Vendor>();
  for (const file of files) {
    const parsed = vendorSchema.safeParse(file);
    if (!parsed.success) throw new Error(`remediation catalog ${file.id}: ${z.prettifyError(parsed.error)}`);
    vendors.set(parsed.data.id, parsed.data);
  }
  const missing = VENDOR_IDS.filter((id) => !vendors.has(id));
  if (missing.length > 0) throw new Error(`remediation catalog: no data file for ${missing.join(", ")}`);
  return Object.fromEntries(vendors) as Record<VendorId, Vendor>;
}

export const CATALOG = loadCatalog([yealink, polycom, grandstream, snom, cisco, fanvil]);

export function getVendor(id: VendorId): Vendor {
  return CATALOG[id];
}

const CONFIDENCE_ORDER: readonly Confidence[] = ["high", "medium", "low", "unverified"];

function weakestConfidence(confidences: Confidence[]): Confidence | undefined {
  return confidences.reduce<Confidence | undefined>(
    (weakest, c) => (weakest === undefined || CONFIDENCE_ORDER.indexOf(c) > CONFIDENCE_ORDER.indexOf(weakest) ? c : weakest),
    undefined,
  );
}

export function isUncertain(confidence: Confidence): boolean {
  return confidence === "low" || confidence === "unverified";
}

// ---------------------------------------------------------------------------------------------
// Vendors, models, firmware

export interface VendorSummary {
  id: VendorId;
  name: string;
  firmwareHint: string;
  /** True when the vendor's families use different keys, so the model must be chosen. */
  requiresModel: boolean;
}

export interface ModelSummary {
  id: string;
  name: string;
  accounts?: number | undefined;
  family: { id: string; name: string };
}

export function requiresModel(vendor: Vendor): boolean {
  return [...vendor.settings, ...vendor.alsoKnown].some((entry) => entry.families !== undefined);
}

export function listVendors(): VendorSummary[] {
  return VENDOR_IDS.map((id) => {
    const vendor = CATALOG[id];
    return { id, name: vendor.name, firmwareHint: vendor.firmwareHint, requiresModel: requiresModel(vendor) };
  });
}

export function listModels(vendorId: VendorId): ModelSummary[] {
  return CATALOG[vendorId].families.flatMap((family) =>
    family.models.map((model) => ({ id: model.id, name: model.name, accounts: model.accounts, family: { id: family.id, name: family.name } })),
  );
}

/** Every spelling the lookup accepts for a model: its id, its display name and its aliases. */
function spellings(model: Model): string[] {
  return [model.id, model.name, ...(model.aliases ?? [])];
}

/** The catalog model a technician's spelling names ("VVX 411", "vvx411", "Poly VVX-411"), if any. */
export function findModel(vendor: Vendor, text: string): { family: Family; model: Model } | undefined {
  const wanted = normalizeModelName(text, vendor.modelWords);
  for (const family of vendor.families) {
    const model = family.models.find((m) => spellings(m).some((s) => normalizeModelName(s, vendor.modelWords) === wanted));
    if (model) return { family, model };
  }
  return undefined;
}

/** The family an unlisted model belongs to by the vendor's numbering (family.pattern), if one says so. */
export function familyByPattern(vendor: Vendor, text: string): Family | undefined {
  const key = normalizeModelName(text, vendor.modelWords);
  return vendor.families.find((f) => f.pattern !== undefined && new RegExp(f.pattern, "i").test(key));
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/** Catalog ids closest to a spelling (edit distance on normalised names), for "did you mean". */
export function closeModels(vendor: Vendor, text: string, limit = 5): string[] {
  const wanted = normalizeModelName(text, vendor.modelWords);
  return vendor.families
    .flatMap((f) => f.models)
    .map((m) => ({ id: m.id, distance: Math.min(...spellings(m).map((s) => editDistance(wanted, normalizeModelName(s, vendor.modelWords)))) }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map((m) => m.id);
}

/** Accounts of the model, or undefined when the model is unknown or its count is not in the catalog. */
export function accountCount(vendorId: VendorId, modelId: string): number | undefined {
  return findModel(CATALOG[vendorId], modelId)?.model.accounts;
}

/** A vendor + (optional) model + parsed firmware: what every lookup below is evaluated against. */
export interface Target {
  vendor: Vendor;
  family?: Family;
  model?: Model;
  firmware: ParsedFirmware;
  /** Set when the model is not in the catalog but the keys could still be decided: why, for the user. */
  modelWarning?: string;
}

export interface TargetQuery {
  vendor: VendorId;
  model?: string | undefined;
  firmware: string;
}

export interface TargetIssue {
  path: "model" | "firmware";
  message: string;
}

function firmwareError(vendor: Vendor): string {
  return `not a ${vendor.name} firmware version; expected ${vendor.firmwareHint}`;
}

export type TargetResult = { ok: true; target: Target } | { ok: false; issues: TargetIssue[] };

/** True when some key the vendor has for this firmware is limited to certain families. */
function familyDecides(vendor: Vendor, firmware: ParsedFirmware): boolean {
  return [...vendor.settings, ...vendor.alsoKnown].some((e) => e.families !== undefined && inFirmwareRange(vendor.firmwareFormat, firmware, e.firmware));
}

type ModelResolution = { ok: true; family?: Family; model?: Model; warning?: string } | { ok: false; message: string };

/**
 * A model the catalog does not list is still served when its family follows from the vendor's
 * numbering, or when the firmware alone decides the keys (no key of this firmware is family-bound);
 * the result then carries a warning. Otherwise the error names the closest catalog models.
 */
function resolveModel(vendor: Vendor, text: string, firmware: ParsedFirmware | null): ModelResolution {
  const found = findModel(vendor, text);
  if (found) return { ok: true, ...found };
  const unknown = `"${text}" is not in the ${vendor.name} catalog`;
  const family = familyByPattern(vendor, text);
  if (family) return { ok: true, family, warning: `${unknown}; by its name it is a ${family.name} phone and gets that family's settings. Check the keys against the phone.` };
  if (firmware && !familyDecides(vendor, firmware)) {
    return { ok: true, warning: `${unknown}; the settings below follow from ${vendor.name} firmware ${firmware.label} alone, not from the model. Check them against the phone.` };
  }
  return { ok: false, message: `unknown ${vendor.name} model "${text}"; closest: ${closeModels(vendor, text).join(", ")} (see the wizard's model list for all)` };
}

export function resolveTarget(query: TargetQuery): TargetResult {
  const vendor = CATALOG[query.vendor];
  const issues: TargetIssue[] = [];
  const firmware = parseFirmware(vendor.firmwareFormat, query.firmware);
  const resolved = query.model === undefined ? undefined : resolveModel(vendor, query.model, firmware);
  if (resolved && !resolved.ok) {
    issues.push({ path: "model", message: resolved.message });
  } else if (query.model === undefined && requiresModel(vendor)) {
    issues.push({
      path: "model",
      message: `${vendor.name} needs the model: its families use different settings (${vendor.families.map((f) => f.name).join("; ")})`,
    });
  }
  if (!firmware) issues.push({ path: "firmware", message: firmwareError(vendor) });
  if (issues.length > 0 || !firmware || (resolved && !resolved.ok)) return { ok: false, issues };
  const { family, model, warning } = resolved ?? {};
  return { ok: true, target: { vendor, ...(family ? { family } : {}), ...(model ? { model } : {}), firmware, ...(warning ? { modelWarning: warning } : {}) } };
}

export function maxAccounts(target: Target): number {
  // A model without a datasheet figure (or an unlisted one) is bounded by the vendor's largest model.
  return target.model?.accounts ?? Math.max(...target.vendor.families.flatMap((f) => f.models.flatMap((m) => (m.accounts === undefined ? [] : [m.accounts]))));
}

export type FirmwareDescription = { ok: true; label: string; notes: string[] } | { ok: false; error: string };

/** Wizard helper: how the firmware string was understood, plus firmware-specific caveats. */
export function describeFirmware(query: TargetQuery): FirmwareDescription {
  const vendor = CATALOG[query.vendor];
  const firmware = parseFirmware(vendor.firmwareFormat, query.firmware);
  if (!firmware) return { ok: false, error: firmwareError(vendor) };
  const found = query.model === undefined ? undefined : findModel(vendor, query.model);
  const target: Target = { vendor, ...(found ?? {}), firmware };
  const notes = vendor.firmwareNotes.filter((n) => inFirmwareRange(vendor.firmwareFormat, firmware, n.firmware)).map((n) => n.note);
  const hardwareNote = hardwareMismatch(target);
  if (hardwareNote) notes.push(hardwareNote);
  if (!vendor.settings.some((s) => inFirmwareRange(vendor.firmwareFormat, firmware, s.firmware))) {
    notes.push(`No sourced ${vendor.name} setting is known for firmware ${firmware.label}.`);
  }
  return { ok: true, label: firmware.label, notes };
}

/** Yealink field A identifies the hardware (§1.1): flag a firmware built for another model. */
export function hardwareMismatch(target: Target): string | undefined {
  const { model, firmware, vendor } = target;
  if (model?.hardwareId === undefined || firmware.hardwareId === undefined || model.hardwareId === firmware.hardwareId) return undefined;
  const owner = vendor.families.flatMap((f) => f.models).find((m) => m.hardwareId === firmware.hardwareId);
  const whose = owner ? `the hardware id of the ${owner.name}, not of the ${model.name}` : `not the ${model.name}'s hardware id`;
  return `Firmware ${firmware.raw} starts with ${firmware.hardwareId}, ${whose} (${model.hardwareId}): check the model.`;
}

// ---------------------------------------------------------------------------------------------
// Keys and applicability

type Entry = Setting | KnownKey;

function inAccountRange(account: number, range: AccountRange): boolean {
  return (range.from === undefined || account >= range.from) && (range.to === undefined || account <= range.to);
}

/** The key scheme for this account: the vendor's first preferred scheme the family accepts. */
export function selectScheme(target: Target, account: number): Scheme | undefined {
  return target.vendor.schemes.find((s) => inAccountRange(account, s.accounts) && (target.family?.schemes?.includes(s.id) ?? true));
}

export function isPerAccount(entry: Entry): boolean {
  return Array.isArray(entry.key) || entry.key.includes("{N}");
}

/** The concrete key for an account, or undefined when the entry has no key for it (P-value lists). */
export function keyFor(entry: Entry, account: number): string | undefined {
  if (Array.isArray(entry.key)) return entry.key[account - (entry.firstAccount ?? 1)];
  return entry.key.replace("{N}", String(account));
}

/** Human form of the key pattern: "account.N.sip_trust_ctrl", "P40/P413/P513/P613". */
export function keyPattern(entry: Entry): string {
  return Array.isArray(entry.key) ? entry.key.join("/") : entry.key.replace("{N}", "N");
}

export function familyMatches(entry: Entry, target: Target): boolean {
  return entry.families === undefined || (target.family !== undefined && entry.families.includes(target.family.id));
}

export function firmwareMatches(entry: Entry, target: Target): boolean {
  return inFirmwareRange(target.vendor.firmwareFormat, target.firmware, entry.firmware);
}

/** Settings the generator emits for this action, account and target. */
export function settingsFor(target: Target, action: ActionId, account: number): Setting[] {
  const scheme = selectScheme(target, account)?.id;
  return target.vendor.settings.filter(
    (s) =>
      s.action === action &&
      familyMatches(s, target) &&
      firmwareMatches(s, target) &&
      (s.scheme === undefined || s.scheme === scheme) &&
      keyFor(s, account) !== undefined,
  );
}

/** Where the vendor does have keys for an action, for "not on this firmware/model" explanations. */
function whereAvailable(vendor: Vendor, action: ActionId): string[] {
  const familyName = (id: string) => vendor.families.find((f) => f.id === id)?.name ?? id;
  const places = vendor.settings
    .filter((s) => s.action === action)
    .map((s) => {
      const scope = [s.firmware && `firmware ${describeFirmwareRange(s.firmware)}`, s.families && `on ${s.families.map(familyName).join(", ")}`];
      const where = scope.filter(Boolean).join(" ");
      return where ? `${keyPattern(s)} (${where})` : keyPattern(s);
    });
  return [...new Set(places)];
}

export function unavailableReason(target: Target, action: ActionId): string {
  const places = whereAvailable(target.vendor, action);
  const where = [target.model?.name ?? target.vendor.name, `firmware ${target.firmware.label}`].join(", ");
  return places.length === 0
    ? `${target.vendor.name} has no sourced setting for ${action} (vendor-parameters.md).`
    : `No sourced ${target.vendor.name} setting for ${action} on ${where}; known only as ${places.join("; ")}.`;
}

// ---------------------------------------------------------------------------------------------
// Actions

export interface ActionAvailability extends ActionInfo {
  id: ActionId;
  available: boolean;
  recommended: boolean;
  /** Weakest confidence among the lines this action would emit. */
  confidence?: Confidence;
  reboot?: Reboot;
  keys: string[];
  /** Why it is unavailable, or the caveat the wizard shows next to it. */
  reason?: string;
}

const REBOOT_ORDER: readonly Reboot[] = ["unknown", "recommended", "required"];

export function strongestReboot(reboots: Reboot[]): Reboot {
  return reboots.reduce<Reboot>((a, b) => (REBOOT_ORDER.indexOf(b) > REBOOT_ORDER.indexOf(a) ? b : a), "unknown");
}

export type AvailabilityResult = { ok: true; actions: ActionAvailability[] } | { ok: false; issues: TargetIssue[] };

/** What the wizard offers for a vendor + model + firmware (+ account, which picks Grandstream's scheme). */
export function availableActions(query: TargetQuery & { account?: number | undefined }): AvailabilityResult {
  const resolved = resolveTarget(query);
  if (!resolved.ok) return resolved;
  return { ok: true, actions: actionsForTarget(resolved.target, query.account ?? 1) };
}

function actionsForTarget(target: Target, account: number): ActionAvailability[] {
  return ACTION_IDS.map((id) => {
    const info = ACTIONS[id];
    if (id === "firewall") return { id, ...info, available: true, keys: [] };
    const settings = settingsFor(target, id, account);
    if (settings.length === 0) return { id, ...info, available: false, recommended: false, keys: [], reason: unavailableReason(target, id) };
    const confidence = weakestConfidence(settings.map((s) => s.confidence));
    const uncertain = confidence !== undefined && isUncertain(confidence);
    const notes = [...new Set(settings.flatMap((s) => (s.note ? [s.note] : [])))];
    return {
      id,
      ...info,
      available: true,
      // Never pre-select a line the note could not verify (vendor-parameters.md header).
      recommended: info.recommended && !uncertain,
      ...(confidence ? { confidence } : {}),
      reboot: strongestReboot(settings.map((s) => s.reboot)),
      keys: settings.map((s) => keyFor(s, account) ?? keyPattern(s)),
      ...(notes.length > 0 ? { reason: notes.join(" ") } : {}),
    };
  });
}

export interface ActionDescription extends ActionInfo {
  id: ActionId;
  /** Vendors with no sourced key for the action at all. */
  lackingVendors: VendorId[];
  /** Vendors that have it on some model families only. */
  partialVendors: { vendor: VendorId; families: string[] }[];
}

export function describeAction(id: ActionId): ActionDescription {
  const lackingVendors: VendorId[] = [];
  const partialVendors: ActionDescription["partialVendors"] = [];
  if (id !== "firewall") {
    for (const vendorId of VENDOR_IDS) {
      const vendor = CATALOG[vendorId];
      const settings = vendor.settings.filter((s) => s.action === id);
      if (settings.length === 0) {
        lackingVendors.push(vendorId);
      } else if (settings.every((s) => s.families)) {
        const covered = vendor.families.filter((f) => settings.some((s) => s.families?.includes(f.id)));
        if (covered.length < vendor.families.length) partialVendors.push({ vendor: vendorId, families: covered.map((f) => f.name) });
      }
    }
  }
  return { id, ...ACTIONS[id], lackingVendors, partialVendors };
}

/** Every entry (emitted or lint-only) whose key pattern can match `key`, with the account it names. */
export function matchKey(vendor: Vendor, key: string, caseInsensitive = false): { entry: Entry; account?: number }[] {
  const matches: { entry: Entry; account?: number }[] = [];
  const same = (a: string, b: string) => (caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b);
  for (const entry of [...vendor.settings, ...vendor.alsoKnown]) {
    if (Array.isArray(entry.key)) {
      const index = entry.key.findIndex((k) => same(k, key));
      if (index >= 0) matches.push({ entry, account: index + (entry.firstAccount ?? 1) });
    } else if (entry.key.includes("{N}")) {
      const [before = "", after = ""] = entry.key.split("{N}");
      const pattern = new RegExp(`^${escapeRegExp(before)}(\\d+)${escapeRegExp(after)}$`, caseInsensitive ? "i" : "");
      const m = pattern.exec(key);
      if (m) matches.push({ entry, account: Number(m[1]) });
    } else if (same(entry.key, key)) {
      matches.push({ entry });
    }
  }
  return matches;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
