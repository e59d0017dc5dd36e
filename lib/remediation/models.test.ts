import { describe, expect, it } from "vitest";
import { CATALOG, availableActions, closeModels, findModel, resolveTarget } from "./catalog";
import { normalizeModelName, type VendorId, vendorSchema } from "./catalog-schema";
import { polycom } from "./catalog/polycom";
import { generateOverrides } from "./generate";
import { lintOverrides } from "./lint";
import type { ActionId } from "./vocabulary.ts";

describe("normalizeModelName", () => {
  it("ignores case, spaces, dashes and punctuation", () => {
    for (const spelling of ["VVX 411", "vvx411", "VVX-411", " vvx_411 ", "VVX.411"]) expect(normalizeModelName(spelling)).toBe("VVX411");
  });

  it("drops the vendor's words around the model, repeatedly, longest first", () => {
    const cisco = { prefixes: ["CISCO", "IPPHONE", "CP"], suffixes: ["K9", "3PCC", "MPP"] };
    expect(normalizeModelName("CP-8841-3PCC-K9", cisco)).toBe("8841");
    expect(normalizeModelName("Cisco IP Phone 8841", cisco)).toBe("8841");
    expect(normalizeModelName("Poly Edge E350", { prefixes: ["POLYCOM", "POLY", "EDGE"] })).toBe("E350");
  });

  it("never strips a name down to nothing", () => {
    expect(normalizeModelName("CP", { prefixes: ["CP"] })).toBe("CP");
    expect(normalizeModelName("K9", { prefixes: [], suffixes: ["K9"] })).toBe("K9");
  });
});

describe("findModel resolves model names as technicians write them to the catalog's canonical id", () => {
  const cases: [VendorId, string, string][] = [
    ["polycom", "VVX 411", "VVX411"],
    ["polycom", "vvx411", "VVX411"],
    ["polycom", "VVX-411", "VVX411"],
    ["polycom", "Poly Edge E350", "E350"],
    ["polycom", "Trio 8800", "TRIO8800"],
    ["polycom", "SoundPoint IP 331", "IP331"],
    ["polycom", "CCX 500", "CCX500"],
    ["yealink", "Yealink T46U", "T46U"],
    ["yealink", "t54w", "T54W"],
    ["yealink", "SIP-T46G", "T46G"],
    ["grandstream", "GRP2614", "GRP2614"],
    ["grandstream", "Grandstream GXP-2170", "GXP2170"],
    ["snom", "snom D785", "D785"],
    ["snom", "M100 KLE", "M100-KLE"],
    ["cisco", "CP-8841", "8841"],
    ["cisco", "8841", "8841"],
    ["cisco", "CP-8841-3PCC-K9", "8841"],
    ["fanvil", "X5U", "X5U"],
    ["fanvil", "Fanvil x5u", "X5U"],
  ];
  it.each(cases)("%s %s → %s", (vendor, spelling, id) => {
    expect(findModel(CATALOG[vendor], spelling)?.model.id).toBe(id);
  });

  it("covers the Polycom VVX families the issue lists", () => {
    for (const n of [101, 150, 201, 250, 300, 301, 310, 311, 350, 400, 401, 410, 411, 450, 500, 501, 600, 601]) {
      expect(findModel(CATALOG.polycom, `VVX ${n}`)?.family.id).toBe("vvx");
    }
  });
});

describe("firmware rules per family follow vendor-parameters.md", () => {
  const keys = (vendor: VendorId, model: string, firmware: string, action: ActionId = "accept-server-only") => {
    const result = availableActions({ vendor, model, firmware });
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
    return result.actions.find((a) => a.id === action)?.keys;
  };

  it("Polycom: requestValidation rule 1 on every family and UC Software/PVOS line (§2 #2)", () => {
    const rule = ["voIpProt.SIP.requestValidation.1.request", "voIpProt.SIP.requestValidation.1.method"];
    for (const [model, firmware] of [["VVX 411", "5.9.0"], ["VVX 411", "6.4.0"], ["Trio 8800", "7.2.0"], ["Edge E350", "8.1.0"], ["CCX 500", "8.0.0"], ["IP 331", "3.2.4"]] as const) {
      expect(keys("polycom", model, firmware)).toEqual(rule);
    }
  });

  it("Polycom: the listen port key changes name after SIP 3.1 (§2 #1a/#1b)", () => {
    expect(keys("polycom", "IP 331", "3.1.6", "listen-port")).toEqual(["voIpProt.local.port"]);
    expect(keys("polycom", "VVX 411", "5.9.0", "listen-port")).toEqual(["voIpProt.SIP.local.port"]);
  });

  it("Snom: desk phones by pattern get the desk keys, the M100 its own (§4.1, §4.2)", () => {
    expect(keys("snom", "snom D785", "10.1")).toEqual(["filter_registrar"]);
    expect(keys("snom", "M100", "10.1")).toEqual(["trusted_servers.only_accept_sip_account_servers"]);
  });

  it("Cisco: Restrict_Source_IP is documented for the ATAs only (§5 #2)", () => {
    expect(keys("cisco", "PAP2T", "1.0")).toEqual(["Restrict_Source_IP_1_"]);
    expect(keys("cisco", "CP-8841-3PCC", "sip88xx.11-3-7MPP")).toEqual([]);
  });
});

describe("a model missing from the catalog", () => {
  it("is served by its family when the vendor's numbering names it, with a warning", () => {
    const resolved = resolveTarget({ vendor: "snom", model: "D999", firmware: "10.1" });
    expect(resolved.ok && resolved.target.family?.id).toBe("desk");
    expect(resolved.ok && resolved.target.modelWarning).toMatch(/"D999" is not in the Snom catalog.*Desk phones/);
  });

  it("is served when the firmware alone decides the keys (Polycom: all keys phone-wide), with a warning", () => {
    const response = generateOverrides({ vendor: "polycom", model: "SoundStructure X9", firmware: "5.9.0", actions: ["accept-server-only"] });
    expect(response.lines.map((l) => l.key)).toEqual(["voIpProt.SIP.requestValidation.1.request", "voIpProt.SIP.requestValidation.1.method"]);
    expect(response.warnings.find((w) => w.code === "model-unknown")?.message).toMatch(/firmware 5\.9\.0 alone/);
    const lint = lintOverrides({ vendor: "polycom", model: "SoundStructure X9", firmware: "5.9.0", text: 'voIpProt.SIP.requestValidation.1.method="source"' });
    expect(lint.findings.find((f) => f.code === "model-unknown")?.severity).toBe("warning");
  });

  it("is refused with the closest catalog models when the family decides and cannot be told", () => {
    const resolved = resolveTarget({ vendor: "snom", model: "M300", firmware: "10.1" });
    expect(resolved.ok).toBe(false);
    expect(!resolved.ok && resolved.issues[0]?.message).toMatch(/^unknown Snom model "M300"; closest: /);
    expect(closeModels(CATALOG.cisco, "SPA505G")[0]).toMatch(/^SPA50/);
  });

  it("a known model gets no warning", () => {
    const resolved = resolveTarget({ vendor: "polycom", model: "VVX 411", firmware: "5.9.0" });
    expect(resolved.ok && resolved.target.modelWarning).toBeUndefined();
  });
});

describe("the catalog refuses ambiguous spellings", () => {
  it("a model whose name reads as another model's fails validation", () => {
    const [first, ...rest] = polycom.families;
    const data = { ...polycom, families: [{ ...first!, models: [...first!.models, { id: "VVX-411X", name: "Poly VVX 411" }] }, ...rest] };
    const parsed = vendorSchema.safeParse(data);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(['"VVX411" of VVX411 reads as VVX-411X']);
  });
});
