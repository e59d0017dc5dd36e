import { describe, expect, it } from "vitest";
import {
  accountCount,
  availableActions,
  CATALOG,
  describeAction,
  describeFirmware,
  keyPattern,
  listModels,
  listVendors,
  type ActionAvailability,
} from "./catalog";
import { type VendorData, type VendorId, vendorSchema } from "./catalog-schema";
import { yealink } from "./catalog/yealink";
import { fanvil } from "./catalog/fanvil";
import { describeFirmwareRange } from "./firmware";

// One line per catalog setting: action, key pattern, value, firmware range, families, scheme,
// confidence, reboot. Each row below was checked against vendor-parameters.md (section in the data file).
function rows(vendor: VendorId): string[] {
  return CATALOG[vendor].settings.map(
    (s) =>
      `${s.action} ${keyPattern(s)}=${s.value} [${describeFirmwareRange(s.firmware)}]` +
      `${s.families ? ` {${s.families.join(",")}}` : ""}${s.scheme ? ` (${s.scheme})` : ""} ${s.confidence} reboot:${s.reboot}`,
  );
}

describe("catalog entries agree with vendor-parameters.md", () => {
  it("Yealink (§1.2, §7 A-1…A-5)", () => {
    expect(rows("yealink")).toEqual([
      "accept-server-only account.N.sip_trust_ctrl=1 [V70 to V73] high reboot:unknown",
      "accept-server-only account.N.sip_trust_ctrl=1 [V80] medium reboot:unknown",
      "accept-server-only sip.trust_ctrl=1 [V80] medium reboot:unknown",
      "accept-server-only sip.trust_ctrl=1 [V81 and later] high reboot:unknown",
      "disable-ip-calls features.direct_ip_call_enable=0 [V70 to V73] high reboot:required",
      "disable-ip-calls features.direct_ip_call_enable=0 [V80 and later] high reboot:unknown",
      "listen-port account.N.sip_listen_port={port} [V70 to V73] high reboot:recommended",
      "listen-port sip.listen_port={port} [V80 and later] medium reboot:recommended",
      "reject-anonymous account.N.reject_anonymous_call=1 [V70 and later] high reboot:unknown",
    ]);
  });

  it("Polycom (§2, §7 A-7)", () => {
    expect(rows("polycom")).toEqual([
      "accept-server-only voIpProt.SIP.requestValidation.1.request=INVITE [1.4 to 4.1.6] high reboot:required",
      "accept-server-only voIpProt.SIP.requestValidation.1.method=source [1.4 to 4.1.6] high reboot:required",
      "accept-server-only voIpProt.SIP.requestValidation.1.request=INVITE [4.1.7 and later] medium reboot:required",
      "accept-server-only voIpProt.SIP.requestValidation.1.method=source [4.1.7 and later] medium reboot:required",
      "listen-port voIpProt.local.port={port} [3.1 and earlier] medium reboot:unknown",
      "listen-port voIpProt.SIP.local.port={port} [3.2 and later] medium reboot:unknown",
    ]);
  });

  it("Grandstream (§3, §7 A-6, A-8…A-10)", () => {
    expect(rows("grandstream")).toEqual([
      "accept-server-only P2347/P2447/P2547/P2647=1 [all firmware] {gxp16xx,gxp17xx} (pvalue) high reboot:unknown",
      "accept-server-only account.N.sip.validate.incomingServer=Yes [all firmware] (alias) high reboot:unknown",
      "accept-server-only P2347/P2447/P2547/P2647=1 [1.0.4.11 and later] {gxp21xx} (pvalue) medium reboot:unknown",
      "disable-ip-calls P1310=1 [all firmware] (pvalue) high reboot:unknown",
      "disable-ip-calls call.ipcall.enable=No [all firmware] (alias) high reboot:unknown",
      "listen-port P40/P413/P513/P613={port} [all firmware] (pvalue) high reboot:recommended",
      "listen-port account.N.sip.localPort={port} [all firmware] (alias) high reboot:recommended",
      "check-user-id P258/P449/P549/P649=1 [all firmware] (pvalue) high reboot:unknown",
      "check-user-id account.N.sip.validate.userIdforInvite=Yes [all firmware] (alias) high reboot:unknown",
      "reject-anonymous P129/P446/P546/P646=1 [all firmware] (pvalue) high reboot:unknown",
      "reject-anonymous account.N.call.rejectAnonymousCall=Yes [all firmware] (alias) high reboot:unknown",
    ]);
  });

  it("Snom (§4, §7 A-11)", () => {
    expect(rows("snom")).toEqual([
      "accept-server-only filter_registrar=on [all firmware] {desk} medium reboot:unknown",
      "accept-server-only trusted_servers.only_accept_sip_account_servers=1 [all firmware] {m100} unverified reboot:required",
      "listen-port network_id_port={port} [all firmware] {desk} high reboot:unknown",
      "check-user-id user_sipusername_as_lineN=off [all firmware] {desk} medium reboot:unknown",
      "reject-anonymous privacy_in=on [all firmware] {desk} low reboot:unknown",
    ]);
  });

  it("Cisco (§5): only sourced keys, Restrict_Source_IP on ATAs only", () => {
    expect(rows("cisco")).toEqual([
      "accept-server-only Restrict_Source_IP_N_=Yes [all firmware] {ata} medium reboot:unknown",
      "listen-port SIP_Port_N_={port} [all firmware] high reboot:unknown",
      "reject-anonymous Block_ANC_Serv=Yes [all firmware] {mpp,spa} medium reboot:unknown",
      "reject-anonymous Block_ANC_Setting=Yes [all firmware] {mpp,spa} medium reboot:unknown",
    ]);
  });

  it("Fanvil (§6): port medium, the name-inferred keys low", () => {
    expect(rows("fanvil")).toEqual([
      "listen-port sip.SIPPort={port} [all firmware] medium reboot:unknown",
      "disable-ip-calls call.port.1.AllowIPCall=0 [all firmware] low reboot:unknown",
      "reject-anonymous sip.line.N.BanAnonymous=1 [all firmware] low reboot:unknown",
    ]);
  });

  it("gives every low or unverified row a caveat and every row a source", () => {
    for (const vendor of Object.values(CATALOG)) {
      for (const entry of [...vendor.settings, ...vendor.alsoKnown]) {
        expect(entry.cite.sources.length, keyPattern(entry)).toBeGreaterThan(0);
        if (entry.confidence === "low" || entry.confidence === "unverified") expect(entry.note, keyPattern(entry)).toBeTruthy();
      }
    }
  });
});

function firstOf<T>(items: readonly T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error("empty list");
  return item;
}

describe("catalog validation at load", () => {
  const firstSetting = firstOf(yealink.settings);
  const withSetting = (patch: object): VendorData => ({ ...yealink, settings: [{ ...firstSetting, ...patch }] });
  const messages = (data: VendorData) => {
    const result = vendorSchema.safeParse(data);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it("accepts the shipped files", () => {
    expect(messages(yealink)).toEqual([]);
  });

  it("rejects an unknown source id", () => {
    expect(messages(withSetting({ cite: { section: "§1", sources: ["Y99"] } }))).toEqual(["unknown source id (see sources.ts)"]);
  });

  it("rejects a low-confidence row without its caveat", () => {
    expect(messages(withSetting({ confidence: "low", note: undefined }))).toEqual(["low/unverified rows must carry the caveat shown to the user"]);
  });

  it("rejects a hardening value outside the allowed values", () => {
    expect(messages(withSetting({ value: "2" }))).toEqual(['value "2" is not among the allowed values']);
  });

  it("rejects a firmware bound in the wrong notation", () => {
    expect(messages(withSetting({ firmware: { to: "73" } }))).toEqual(['firmware bound "73" is not a yealink version']);
  });

  it("rejects an unknown family and a key with characters that would break XML", () => {
    expect(messages(withSetting({ families: ["x-series"] }))).toEqual(['unknown family "x-series"']);
    expect(messages(withSetting({ key: 'account.{N}.x"y' }))).toHaveLength(1);
  });

  it("rejects firmware ranges for vendors without comparable firmware", () => {
    expect(messages({ ...fanvil, settings: [{ ...firstOf(fanvil.settings), firmware: { from: "1.0" } }] })).toEqual([
      "firmware ranges need a comparable firmware format",
    ]);
  });
});

describe("vendor and model queries", () => {
  it("lists vendors and whether the model is required", () => {
    expect(listVendors().map((v) => [v.id, v.requiresModel])).toEqual([
      ["yealink", false],
      ["polycom", false],
      ["grandstream", true],
      ["snom", true],
      ["cisco", true],
      ["fanvil", false],
    ]);
  });

  it("lists models with their family and account count", () => {
    expect(listModels("snom").find((m) => m.id === "M100-KLE")).toEqual({
      id: "M100-KLE",
      name: "M100 KLE",
      accounts: 20,
      family: { id: "m100", name: "M100 KLE DECT base" },
    });
    expect(listModels("yealink").map((m) => m.id)).toContain("T46G");
  });

  it("answers the account count of a model, matching ids loosely", () => {
    expect(accountCount("yealink", "T46G")).toBe(6);
    expect(accountCount("yealink", "t42g")).toBe(3);
    expect(accountCount("grandstream", "GXP 2170")).toBe(6);
    expect(accountCount("yealink", "W80")).toBe(100);
    expect(accountCount("yealink", "T99")).toBeUndefined();
  });
});

describe("describeFirmware", () => {
  it("labels Yealink firmware by release train", () => {
    expect(describeFirmware({ vendor: "yealink", model: "T46G", firmware: "28.73.0.50" })).toEqual({ ok: true, label: "V73", notes: [] });
    expect(describeFirmware({ vendor: "yealink", firmware: "96.86.0.70" })).toEqual({ ok: true, label: "V86", notes: [] });
  });

  it("says V80 is ambiguous", () => {
    const result = describeFirmware({ vendor: "yealink", firmware: "28.80.0.95" });
    expect(result.ok && result.notes[0]).toMatch(/^V80 is ambiguous in Yealink's own documents: the ghost-call FAQ puts the switch to sip.trust_ctrl at V81/);
  });

  it("flags firmware of another Yealink model (field A)", () => {
    expect(describeFirmware({ vendor: "yealink", model: "T42G", firmware: "28.73.0.50" })).toEqual({
      ok: true,
      label: "V73",
      notes: ["Firmware 28.73.0.50 starts with 28, the hardware id of the SIP-T46G, not of the SIP-T42G (29): check the model."],
    });
  });

  it("says when a firmware is outside the documented release trains", () => {
    expect(describeFirmware({ vendor: "yealink", firmware: "28.76.0.1" })).toEqual({
      ok: true,
      label: "V76",
      notes: ["No source shows a Yealink release train between V73 and V80: check the firmware string (field B is the V number)."],
    });
    expect(describeFirmware({ vendor: "yealink", firmware: "V60" })).toEqual({
      ok: true,
      label: "V60",
      notes: ["No sourced Yealink setting is known for firmware V60."],
    });
  });

  it("rejects an unparseable firmware with the vendor's hint", () => {
    expect(describeFirmware({ vendor: "polycom", firmware: "latest" })).toEqual({
      ok: false,
      error: "not a Polycom firmware version; expected SIP or UC Software version from the phone's status menu or web UI, e.g. 3.1.6, 3.2.4, 4.1.6, 5.9.0",
    });
  });
});

describe("availableActions", () => {
  function actions(query: Parameters<typeof availableActions>[0]): Record<string, ActionAvailability> {
    const result = availableActions(query);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return Object.fromEntries(result.actions.map((a) => [a.id, a]));
  }

  it("flags the recommended actions for Yealink V73 and explains what is missing", () => {
    const a = actions({ vendor: "yealink", model: "T46G", firmware: "28.73.0.50" });
    expect(Object.keys(a)).toEqual(["accept-server-only", "disable-ip-calls", "listen-port", "check-user-id", "reject-anonymous", "firewall"]);
    expect(a["accept-server-only"]).toMatchObject({ available: true, recommended: true, confidence: "high", keys: ["account.1.sip_trust_ctrl"] });
    expect(a["disable-ip-calls"]).toMatchObject({ available: true, recommended: true, reboot: "required", keys: ["features.direct_ip_call_enable"] });
    expect(a["listen-port"]).toMatchObject({ available: true, recommended: false, keys: ["account.1.sip_listen_port"] });
    expect(a["check-user-id"]).toMatchObject({ available: false, recommended: false, reason: "Yealink has no sourced setting for check-user-id (vendor-parameters.md)." });
    expect(a.firewall).toMatchObject({ available: true, recommended: true });
  });

  it("uses the account to pick Grandstream's key scheme", () => {
    expect(actions({ vendor: "grandstream", model: "GXP2170", firmware: "1.0.11.85", account: 2 })["listen-port"]?.keys).toEqual(["P413"]);
    expect(actions({ vendor: "grandstream", model: "GXP2170", firmware: "1.0.11.85", account: 5 })["listen-port"]?.keys).toEqual(["account.5.sip.localPort"]);
  });

  it("never pre-selects an unverified line", () => {
    expect(actions({ vendor: "snom", model: "M100 KLE", firmware: "V0550" })["accept-server-only"]).toMatchObject({
      available: true,
      recommended: false,
      confidence: "unverified",
      reboot: "required",
    });
  });

  it("explains where an action does exist when the model or firmware lacks it", () => {
    expect(actions({ vendor: "snom", model: "M100-KLE", firmware: "V0550" })["listen-port"]?.reason).toBe(
      "No sourced Snom setting for listen-port on M100 KLE, firmware V0550; known only as network_id_port (on Desk phones (D-series, 3xx/7xx)).",
    );
    expect(actions({ vendor: "grandstream", model: "GXP2140", firmware: "1.0.4.10" })["accept-server-only"]?.reason).toBe(
      "No sourced Grandstream setting for accept-server-only on GXP2140, firmware 1.0.4.10; known only as P2347/P2447/P2547/P2647 (on GXP16xx, GXP17xx); account.N.sip.validate.incomingServer; P2347/P2447/P2547/P2647 (firmware 1.0.4.11 and later on GXP21xx).",
    );
  });

  it("reports target problems instead of guessing", () => {
    expect(availableActions({ vendor: "snom", firmware: "10.1" })).toEqual({
      ok: false,
      issues: [{ path: "model", message: "Snom needs the model: its families use different settings (Desk phones (D-series, 3xx/7xx); M100 KLE DECT base)" }],
    });
  });
});

describe("describeAction", () => {
  it("names the vendors that lack each action", () => {
    const lacking = (id: Parameters<typeof describeAction>[0]) => {
      const d = describeAction(id);
      return { lacking: d.lackingVendors, partial: d.partialVendors };
    };
    expect(lacking("accept-server-only")).toEqual({ lacking: ["fanvil"], partial: [{ vendor: "cisco", families: ["Linksys/Cisco SPA ATAs"] }] });
    expect(lacking("disable-ip-calls")).toEqual({ lacking: ["polycom", "snom", "cisco"], partial: [] });
    expect(lacking("listen-port")).toEqual({ lacking: [], partial: [{ vendor: "snom", families: ["Desk phones (D-series, 3xx/7xx)"] }] });
    expect(lacking("check-user-id")).toEqual({
      lacking: ["yealink", "polycom", "cisco", "fanvil"],
      partial: [{ vendor: "snom", families: ["Desk phones (D-series, 3xx/7xx)"] }],
    });
    expect(lacking("reject-anonymous")).toEqual({
      lacking: ["polycom"],
      partial: [
        { vendor: "snom", families: ["Desk phones (D-series, 3xx/7xx)"] },
        { vendor: "cisco", families: ["MPP multiplatform phones (78xx/88xx 3PCC)", "SPA50x phones"] },
      ],
    });
    expect(lacking("firewall")).toEqual({ lacking: [], partial: [] });
  });

  it("explains each action in one line with its cost", () => {
    const d = describeAction("check-user-id");
    expect(d.costs).toBe("Breaks inbound calls when the PBX sends INVITEs to a DID or another user part instead of the SIP user ID.");
    expect(describeAction("reject-anonymous").costs).toContain("numbers like 100");
    expect(describeAction("listen-port").costs).toContain("walks every port");
  });
});
