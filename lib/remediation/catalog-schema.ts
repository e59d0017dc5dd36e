// Shape of one vendor file under catalog/, validated with zod when catalog.ts loads them, so a typo
// in the data (unknown source id, value outside its allowed set, bad firmware bound, low-confidence
// row without the caveat the wizard must show) fails at import time instead of reaching a phone.
// Isomorphic.
import * as z from "zod";
import { actionIdSchema } from "./vocabulary.ts";
import { assertFirmwareRange } from "./firmware";
import { isSourceId } from "./sources";

export const VENDOR_IDS = ["yealink", "polycom", "grandstream", "snom", "cisco", "fanvil"] as const;
export type VendorId = (typeof VENDOR_IDS)[number];

/** vendor-parameters.md confidence scale; "unverified" = the note found no source for the key at all. */
export const CONFIDENCES = ["high", "medium", "low", "unverified"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** "recommended": the note says to plan a reboot although no document requires it. */
export const REBOOTS = ["required", "recommended", "unknown"] as const;
export type Reboot = (typeof REBOOTS)[number];

export const NATIVE_SYNTAXES = [
  "yealink-cfg",
  "polycom-xml",
  "grandstream-pvalue",
  "grandstream-alias",
  "snom-xml",
  "cisco-xml",
  "fanvil-xml",
] as const;
export type NativeSyntax = (typeof NATIVE_SYNTAXES)[number];

const rangeSchema = z.strictObject({ from: z.string().optional(), to: z.string().optional() });
const accountRangeSchema = z.strictObject({ from: z.int().min(1).optional(), to: z.int().min(1).optional() });
export type AccountRange = z.output<typeof accountRangeSchema>;

const citeSchema = z.strictObject({
  /** Section and row of vendor-parameters.md, e.g. "§1.2 #2a". */
  section: z.string().min(1),
  sources: z.array(z.string().refine(isSourceId, { error: "unknown source id (see sources.ts)" })).min(1),
});

// Keys start with a letter and use only characters that are valid in XML names, so the native
// renderers can use them as element/attribute names without escaping. "{N}" = account index.
const KEY = /^[A-Za-z](?:[\w.-]|\{N\})*$/;
// Values end up between quotes and inside XML text; keep them to characters that need no escaping.
const VALUE = /^(?:[A-Za-z0-9._-]+|\{port\})$/;

/** Global key, per-account template with "{N}", or literal keys for accounts 1, 2, … (P-values). */
const keySchema = z.union([z.string().regex(KEY), z.array(z.string().regex(KEY)).min(1)]);
export type KeySpec = z.output<typeof keySchema>;

const allowedSchema = z.union([z.array(z.string().regex(VALUE)).min(1), z.literal("port")]);

const baseKeyShape = {
  key: keySchema,
  /** Account of the first literal key in a key list (default 1). */
  firstAccount: z.int().min(1).optional(),
  firmware: rangeSchema.optional(),
  /** Only on these model families (ids from `families`). */
  families: z.array(z.string()).min(1).optional(),
  /** Only when this key scheme is selected (Grandstream P-values vs alias names). */
  scheme: z.string().optional(),
  confidence: z.enum(CONFIDENCES),
  cite: citeSchema,
  /** Caveat shown next to the line; mandatory for low/unverified rows. */
  note: z.string().optional(),
  /** Values the lint warns about even though the phone accepts them. */
  risky: z.strictObject({ values: z.array(z.string()).min(1), why: z.string().min(1) }).optional(),
};

const settingSchema = z.strictObject({
  ...baseKeyShape,
  allowed: allowedSchema,
  action: actionIdSchema,
  /** The hardening value; "{port}" is replaced by the requested port. */
  value: z.string().regex(VALUE),
  reboot: z.enum(REBOOTS),
});
export type Setting = z.output<typeof settingSchema>;

/** Keys the lint recognises but the generator never emits (cautions, other purposes). */
const knownKeySchema = z.strictObject({
  ...baseKeyShape,
  /** "any": free-form value the lint does not check. */
  allowed: z.union([allowedSchema, z.literal("any")]),
});
export type KnownKey = z.output<typeof knownKeySchema>;

// Model names as the vendor prints them ("VVX 411", "T46G", "M100-KLE"); looked up through
// normalizeModelName, so the spelling a technician types does not matter.
const modelNameSchema = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9 ()/+-]*[A-Za-z0-9)])?$/);

const modelSchema = z.strictObject({
  /** Canonical name: what is stored on a device and shown back. */
  id: modelNameSchema,
  name: z.string().min(1),
  /** Other names of the same hardware (kit names, SKUs) that the lookup also accepts. */
  aliases: z.array(modelNameSchema).min(1).optional(),
  /**
   * SIP accounts (lines/identities) the model supports: bounds the account index. Absent when no
   * datasheet figure is at hand; the vendor's largest model then bounds it.
   */
  accounts: z.int().min(1).optional(),
  /** Yealink firmware field A for this hardware, when the note gives it (§1.1). */
  hardwareId: z.int().optional(),
});
export type Model = z.output<typeof modelSchema>;

const familySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  models: z.array(modelSchema).min(1),
  /**
   * A model missing from the list belongs to this family when its normalised name matches this
   * regular expression (the vendor's own numbering, e.g. ^GXP21 for GXP21xx).
   */
  pattern: z.string().optional(),
  /** Overrides the vendor's native syntax; null = no documented native file syntax. */
  native: z.enum(NATIVE_SYNTAXES).nullable().optional(),
  /** Key schemes this family is known to accept (default: all of the vendor's). */
  schemes: z.array(z.string()).min(1).optional(),
});
export type Family = z.output<typeof familySchema>;

const schemeSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Accounts this scheme is preferred for; the first matching scheme wins. */
  accounts: accountRangeSchema,
  native: z.enum(NATIVE_SYNTAXES),
});
export type Scheme = z.output<typeof schemeSchema>;

// Words stored normalised (upper case, letters and digits only), as normalizeModelName compares them.
const modelWordSchema = z.string().regex(/^[A-Z0-9]+$/);

export const vendorSchema = z
  .strictObject({
    id: z.enum(VENDOR_IDS),
    name: z.string().min(1),
    firmwareFormat: z.enum(["yealink", "dotted", "free"]),
    firmwareHint: z.string().min(1),
    /** Warnings attached to a firmware range as a whole (e.g. Yealink V80). */
    firmwareNotes: z.array(z.strictObject({ firmware: rangeSchema, note: z.string().min(1) })).default([]),
    /**
     * Words technicians write around a model name that the lookup drops: the brand ("Yealink",
     * "Poly"), series words ("SIP-" in SIP-T46G, "CP-" in CP-8841) and SKU suffixes ("-3PCC", "-K9").
     */
    modelWords: z
      .strictObject({ prefixes: z.array(modelWordSchema).default([]), suffixes: z.array(modelWordSchema).default([]) })
      .default({ prefixes: [], suffixes: [] }),
    /** Whether the settings have flat names usable as `key="value"` override lines. */
    flatKeys: z.boolean(),
    native: z.enum(NATIVE_SYNTAXES).nullable(),
    schemes: z.array(schemeSchema).default([]),
    families: z.array(familySchema).min(1),
    /** Factory SIP port of account 1, 2, …, when documented (for clash warnings). */
    accountPortDefaults: z.array(z.int()).optional(),
    /** Factory RTP port range (for the "port inside the RTP range" warning). */
    rtpRange: z.strictObject({ from: z.int(), to: z.int(), why: z.string().min(1) }).optional(),
    settings: z.array(settingSchema).min(1),
    alsoKnown: z.array(knownKeySchema).default([]),
  })
  .superRefine((vendor, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: "custom", message, path });
    const familyIds = new Set(vendor.families.map((f) => f.id));
    const checkRange = (range: { from?: string; to?: string } | undefined, path: (string | number)[]) => {
      if (!range) return;
      if (vendor.firmwareFormat === "free") return issue("firmware ranges need a comparable firmware format", path);
      try {
        assertFirmwareRange(vendor.firmwareFormat, range);
      } catch (error) {
        issue((error as Error).message, path);
      }
    };
    const schemeIds = new Set(vendor.schemes.map((s) => s.id));
    // Every spelling of every model must name one model only, once the vendor's words are dropped.
    const modelKeys = new Map<string, string>();
    const modelIds = new Set<string>();
    const checkPattern = (pattern: string | undefined, path: (string | number)[]) => {
      if (pattern === undefined) return;
      try {
        new RegExp(pattern, "i");
      } catch (error) {
        issue((error as Error).message, path);
      }
    };
    vendor.families.forEach((family, fi) => {
      const native = family.native !== undefined ? family.native : vendor.native;
      if (!vendor.flatKeys && native === null) issue("a vendor without flat keys needs a native syntax", ["families", fi, "native"]);
      for (const s of family.schemes ?? []) if (!schemeIds.has(s)) issue(`unknown scheme "${s}"`, ["families", fi, "schemes"]);
      checkPattern(family.pattern, ["families", fi, "pattern"]);
      family.models.forEach((model, mi) => {
        if (modelIds.has(model.id)) issue(`duplicate model "${model.id}"`, ["families", fi, "models", mi]);
        modelIds.add(model.id);
        for (const spelling of [model.id, model.name, ...(model.aliases ?? [])]) {
          const key = normalizeModelName(spelling, vendor.modelWords);
          const owner = modelKeys.get(key);
          if (owner !== undefined && owner !== model.id) issue(`"${spelling}" of ${model.id} reads as ${owner}`, ["families", fi, "models", mi]);
          modelKeys.set(key, model.id);
        }
      });
    });
    vendor.firmwareNotes.forEach((n, i) => checkRange(n.firmware, ["firmwareNotes", i, "firmware"]));
    const checkKey = (entry: KnownKey | Setting, path: (string | number)[]) => {
      checkRange(entry.firmware, [...path, "firmware"]);
      for (const f of entry.families ?? []) if (!familyIds.has(f)) issue(`unknown family "${f}"`, [...path, "families"]);
      if (entry.scheme !== undefined && !schemeIds.has(entry.scheme)) issue(`unknown scheme "${entry.scheme}"`, [...path, "scheme"]);
      if ((entry.confidence === "low" || entry.confidence === "unverified") && !entry.note) {
        issue("low/unverified rows must carry the caveat shown to the user", [...path, "note"]);
      }
    };
    vendor.settings.forEach((setting, i) => {
      checkKey(setting, ["settings", i]);
      const portValue = setting.value === "{port}";
      if (portValue !== (setting.allowed === "port")) issue("port settings take value {port} and allowed 'port'", ["settings", i, "value"]);
      if (Array.isArray(setting.allowed) && !setting.allowed.includes(setting.value)) {
        issue(`value "${setting.value}" is not among the allowed values`, ["settings", i, "value"]);
      }
    });
    vendor.alsoKnown.forEach((known, i) => checkKey(known, ["alsoKnown", i]));
  });

export type VendorData = z.input<typeof vendorSchema>;
export type Vendor = z.output<typeof vendorSchema>;

export interface ModelWords {
  prefixes: readonly string[];
  suffixes?: readonly string[] | undefined;
}

/**
 * The one model-name normaliser: "VVX 411", "vvx411", "VVX-411" and "Poly VVX 411" all read as
 * VVX411. Case, spaces, dashes and other punctuation are ignored, then the vendor's words around a
 * model name are dropped, longest first and repeatedly ("Poly Edge E350" → E350, "CP-8841-3PCC-K9"
 * → 8841), never down to nothing. Pure; the catalog keys its models by the same function.
 */
export function normalizeModelName(text: string, words: ModelWords = { prefixes: [] }): string {
  let key = text.normalize("NFKC").toUpperCase().replace(/[^A-Z0-9]/g, "");
  const prefixes = [...words.prefixes].sort((a, b) => b.length - a.length);
  const suffixes = [...(words.suffixes ?? [])].sort((a, b) => b.length - a.length);
  for (let changed = true; changed; ) {
    changed = false;
    const prefix = prefixes.find((p) => key.length > p.length && key.startsWith(p));
    if (prefix) {
      key = key.slice(prefix.length);
      changed = true;
    }
    const suffix = suffixes.find((s) => key.length > s.length && key.endsWith(s));
    if (suffix) {
      key = key.slice(0, -suffix.length);
      changed = true;
    }
  }
  return key;
}
