import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { ACTION_IDS, type ActionId } from "./vocabulary.ts";
import type { VendorId } from "./catalog-schema";
import { generateOverrides, type RemediationResponse } from "./generate";
import type { RemediationRequestInput } from "./schema";

const PHONE_ACTIONS = ACTION_IDS.filter((a): a is Exclude<ActionId, "firewall"> => a !== "firewall");

const pairs = (res: RemediationResponse) => res.lines.map((l) => `${l.key}=${l.value}`);
const codes = (res: RemediationResponse) => res.warnings.map((w) => w.code);
const warning = (res: RemediationResponse, code: string) => res.warnings.find((w) => w.code === code)?.message;

describe("Yealink firmware generations (V73 / V80 / V81)", () => {
  const yealink = (firmware: string, actions: ActionId[], params: RemediationRequestInput["params"] = {}) =>
    generateOverrides({ vendor: "yealink", model: "T46G", firmware, actions, params });
  const ALL: ActionId[] = ["accept-server-only", "disable-ip-calls", "listen-port", "reject-anonymous"];

  it("V73 uses the per-account keys", () => {
    const res = yealink("28.73.0.50", ALL, { port: 5070 });
    expect(res.text).toBe(
      'account.1.sip_trust_ctrl="1"\nfeatures.direct_ip_call_enable="0"\naccount.1.sip_listen_port="5070"\naccount.1.reject_anonymous_call="1"\n',
    );
    expect(res.warnings).toEqual([
      {
        code: "per-account",
        message:
          "account.1.sip_trust_ctrl, account.1.sip_listen_port, account.1.reject_anonymous_call apply to account 1 only; generate again for each other account in use.",
      },
    ]);
  });

  it("V72 (28.72.0.25) is in the same generation", () => {
    expect(pairs(yealink("28.72.0.25", ["accept-server-only", "listen-port"], { port: 5070 }))).toEqual([
      "account.1.sip_trust_ctrl=1",
      "account.1.sip_listen_port=5070",
    ]);
  });

  it("V80 sends both trust keys and says the line is ambiguous", () => {
    const res = yealink("28.80.0.95", ALL, { port: 5070 });
    expect(pairs(res)).toEqual([
      "account.1.sip_trust_ctrl=1",
      "sip.trust_ctrl=1",
      "features.direct_ip_call_enable=0",
      "sip.listen_port=5070",
      "account.1.reject_anonymous_call=1",
    ]);
    expect(res.lines.slice(0, 2).map((l) => l.confidence)).toEqual(["medium", "medium"]);
    expect(res.lines[0]?.note).toContain("V80 is ambiguous");
    expect(warning(res, "firmware-note")).toBe(
      "V80 is ambiguous in Yealink's own documents: the ghost-call FAQ puts the switch to sip.trust_ctrl at V81, the V80 admin guide already documents it. Both keys are sent; whether V80 silently ignores the one it does not know is UNVERIFIED.",
    );
  });

  it("V81 uses the global keys only", () => {
    const res = yealink("28.81.0.110", ALL, { port: 5070 });
    expect(pairs(res)).toEqual(["sip.trust_ctrl=1", "features.direct_ip_call_enable=0", "sip.listen_port=5070", "account.1.reject_anonymous_call=1"]);
    expect(codes(res)).toEqual(["per-account"]);
  });

  it("V86 (96.86.0.70) and the V-number shorthand", () => {
    const full = generateOverrides({ vendor: "yealink", firmware: "96.86.0.70", actions: ["accept-server-only"] });
    const short = generateOverrides({ vendor: "yealink", firmware: "V86", actions: ["accept-server-only"] });
    expect(full.text).toBe('sip.trust_ctrl="1"\n');
    expect(short.text).toBe(full.text);
  });

  it("addresses the requested account", () => {
    expect(pairs(yealink("28.73.0.50", ["accept-server-only", "reject-anonymous"], { account: 3 }))).toEqual([
      "account.3.sip_trust_ctrl=1",
      "account.3.reject_anonymous_call=1",
    ]);
  });

  it("writes the native .cfg without quotes, after the version line", () => {
    const res = generateOverrides({ vendor: "yealink", model: "T46G", firmware: "28.73.0.50", actions: ALL, params: { port: 5070 }, syntax: "native" });
    expect(res.text).toBe(
      "#!version:1.0.0.1\naccount.1.sip_trust_ctrl = 1\nfeatures.direct_ip_call_enable = 0\naccount.1.sip_listen_port = 5070\naccount.1.reject_anonymous_call = 1\n",
    );
  });

  it("carries confidence, reboot and a traceable citation on each line", () => {
    const [line] = yealink("28.73.0.50", ["disable-ip-calls"]).lines;
    expect(line).toEqual({
      key: "features.direct_ip_call_enable",
      value: "0",
      action: "disable-ip-calls",
      confidence: "high",
      reboot: "required",
      citation:
        "vendor-parameters.md §1.2 #3, §7 A-5; [Y1] Yealink FAQ “How to block ghost call?” (2020-12-22) <http://support.yealink.com/faq/faqInfo?id=559>; [Y8] siplabs/sipXyealink etc/yealinkPhone/line-7X.xml, phone-7X.xml, config_v7x.vm",
      sources: [
        { id: "Y1", title: "Yealink FAQ “How to block ghost call?” (2020-12-22)", url: "http://support.yealink.com/faq/faqInfo?id=559" },
        { id: "Y8", title: "siplabs/sipXyealink etc/yealinkPhone/line-7X.xml, phone-7X.xml, config_v7x.vm" },
      ],
    });
  });

  it("emits nothing for a firmware between the documented trains, and says so", () => {
    const res = yealink("28.76.0.1", ["accept-server-only"]);
    expect(res.lines).toEqual([]);
    expect(res.text).toBe("");
    expect(res.warnings).toEqual([
      { code: "firmware-note", message: "No source shows a Yealink release train between V73 and V80: check the firmware string (field B is the V number)." },
      {
        code: "action-unavailable",
        action: "accept-server-only",
        message:
          "No sourced Yealink setting for accept-server-only on SIP-T46G, firmware V76; known only as account.N.sip_trust_ctrl (firmware V70 to V73); account.N.sip_trust_ctrl (firmware V80); sip.trust_ctrl (firmware V80); sip.trust_ctrl (firmware V81 and later).",
      },
    ]);
  });

  it("warns when the firmware belongs to another model", () => {
    const res = generateOverrides({ vendor: "yealink", model: "T23G", firmware: "28.81.0.110", actions: ["accept-server-only"] });
    expect(warning(res, "hardware-mismatch")).toBe(
      "Firmware 28.81.0.110 starts with 28, the hardware id of the SIP-T46G, not of the SIP-T23G (44): check the model.",
    );
  });

  it("warns when the port is in Yealink's RTP range", () => {
    expect(warning(yealink("28.81.0.110", ["listen-port"], { port: 12000 }), "port-rtp-range")).toBe(
      "Port 12000 is inside the Yealink factory RTP port range (11780–12780); choose a port outside it or move the RTP range.",
    );
  });
});

describe("Polycom (SIP 3.1 vs 3.2, UC Software 4.1.6)", () => {
  const polycom = (firmware: string, actions: ActionId[], syntax: "override" | "native" = "override") =>
    generateOverrides({ vendor: "polycom", firmware, actions, params: actions.includes("listen-port") ? { port: 5070 } : {}, syntax });

  it("uses voIpProt.local.port up to SIP 3.1 and voIpProt.SIP.local.port from 3.2", () => {
    expect(polycom("SIP 3.1.6", ["listen-port"]).text).toBe('voIpProt.local.port="5070"\n');
    expect(polycom("3.1.99", ["listen-port"]).text).toBe('voIpProt.local.port="5070"\n');
    expect(polycom("3.2", ["listen-port"]).text).toBe('voIpProt.SIP.local.port="5070"\n');
    expect(polycom("UCS 5.9.0", ["listen-port"]).text).toBe('voIpProt.SIP.local.port="5070"\n');
  });

  it("validates INVITEs by source, restarting the phone", () => {
    const res = polycom("4.1.6", ["accept-server-only"]);
    expect(res.text).toBe('voIpProt.SIP.requestValidation.1.request="INVITE"\nvoIpProt.SIP.requestValidation.1.method="source"\n');
    expect(res.lines.map((l) => [l.confidence, l.reboot])).toEqual([
      ["high", "required"],
      ["high", "required"],
    ]);
    expect(res.lines[1]?.note).toContain("Only the registration servers' IP addresses pass");
  });

  it("drops to medium confidence after the last documented release (4.1.6)", () => {
    expect(polycom("4.1.7", ["accept-server-only"]).lines.map((l) => l.confidence)).toEqual(["medium", "medium"]);
  });

  it("has nothing before SIP 1.4", () => {
    expect(codes(polycom("1.3", ["accept-server-only"]))).toEqual(["action-unavailable"]);
  });

  it("writes UC Software XML with the rule's attributes on one element", () => {
    expect(polycom("4.1.6", ["accept-server-only", "listen-port"], "native").text).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<polycomConfig>",
        '  <voIpProt voIpProt.SIP.requestValidation.1.request="INVITE" voIpProt.SIP.requestValidation.1.method="source" voIpProt.SIP.local.port="5070"/>',
        "</polycomConfig>",
        "",
      ].join("\n"),
    );
  });

  it("writes SIP 3.1 XML under <sip>", () => {
    expect(polycom("3.1.6", ["listen-port"], "native").text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<sip>\n  <voIpProt voIpProt.local.port="5070"/>\n</sip>\n',
    );
  });

  it("says the account number is not used by phone-wide settings", () => {
    const res = generateOverrides({ vendor: "polycom", firmware: "4.1.6", actions: ["accept-server-only"], params: { account: 2 } });
    expect(warning(res, "account-ignored")).toBe("The selected Polycom settings are phone-wide; the account number is not used.");
  });
});

describe("Grandstream accounts 1–4 (P-values) and above (alias names)", () => {
  const gs = (model: string, firmware: string, actions: ActionId[], account: number, port = 5072) =>
    generateOverrides({ vendor: "grandstream", model, firmware, actions, params: { account, ...(actions.includes("listen-port") ? { port } : {}) } });

  it.each([
    [1, ["P2347=1", "P40=5072", "P258=1", "P129=1"]],
    [2, ["P2447=1", "P413=5072", "P449=1", "P446=1"]],
    [3, ["P2547=1", "P513=5072", "P549=1", "P546=1"]],
    [4, ["P2647=1", "P613=5072", "P649=1", "P646=1"]],
  ])("account %i on a GXP1780", (account, expected) => {
    expect(pairs(gs("GXP1780", "1.0.1.133", ["accept-server-only", "listen-port", "check-user-id", "reject-anonymous"], account))).toEqual(expected);
  });

  it("uses uppercase P-values and the global P1310", () => {
    const res = gs("GXP1780", "1.0.1.133", ["disable-ip-calls", "listen-port"], 1, 5080);
    expect(res.text).toBe('P1310="1"\nP40="5080"\n');
    expect(generateOverrides({ vendor: "grandstream", model: "GXP1780", firmware: "1.0.1.133", actions: ["disable-ip-calls", "listen-port"], params: { port: 5080 }, syntax: "native" }).text).toBe(
      "P1310 = 1\nP40 = 5080\n",
    );
  });

  it.each([5, 6])("account %i on a GXP2170 uses alias names", (account) => {
    expect(pairs(gs("GXP2170", "1.0.11.85", ["accept-server-only", "disable-ip-calls", "listen-port", "check-user-id", "reject-anonymous"], account))).toEqual([
      `account.${account}.sip.validate.incomingServer=Yes`,
      "call.ipcall.enable=No",
      `account.${account}.sip.localPort=5072`,
      `account.${account}.sip.validate.userIdforInvite=Yes`,
      `account.${account}.call.rejectAnonymousCall=Yes`,
    ]);
  });

  it("writes the alias XML (config version 2)", () => {
    const res = generateOverrides({
      vendor: "grandstream",
      model: "GXP2170",
      firmware: "1.0.11.85",
      actions: ["accept-server-only", "disable-ip-calls"],
      params: { account: 5 },
      syntax: "native",
    });
    expect(res.text).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gs_provision version="1">',
        '  <config version="2">',
        '    <item name="account.5.sip.validate.incomingServer">Yes</item>',
        '    <item name="call.ipcall.enable">No</item>',
        "  </config>",
        "</gs_provision>",
        "",
      ].join("\n"),
    );
  });

  it("uses alias names on families with no sourced P-value template", () => {
    expect(pairs(gs("GRP2614", "1.0.5.48", ["listen-port"], 1))).toEqual(["account.1.sip.localPort=5072"]);
    expect(pairs(gs("WP816", "1.0.1.44", ["check-user-id"], 1))).toEqual(["account.1.sip.validate.userIdforInvite=Yes"]);
  });

  it("has no 'proxy only' P-value on GXP21xx 1.0.4.10, and a medium one after it", () => {
    const old = gs("GXP2140", "1.0.4.10", ["accept-server-only"], 1);
    expect(old.lines).toEqual([]);
    expect(codes(old)).toEqual(["action-unavailable"]);
    const newer = gs("GXP2140", "1.0.4.11", ["accept-server-only"], 1);
    expect(newer.lines.map((l) => [l.key, l.confidence])).toEqual([["P2347", "medium"]]);
    expect(newer.lines[0]?.note).toMatch(/^Not in the GXP21xx 1\.0\.4\.10 template; the first GXP21xx firmware with it is UNVERIFIED\./);
  });

  it("explains that 'proxy only' checks the Request-URI host, not the source address", () => {
    expect(gs("GXP1780", "1.0.1.133", ["accept-server-only"], 1).lines[0]?.note).toBe(
      "Checks the host in the Request-URI against the account's SIP server, not the packet's source address: a scanner that addresses its INVITE to the server's name still gets through (§7 A-8).",
    );
  });

  it("warns when the port is another account's factory default", () => {
    expect(warning(gs("GXP2170", "1.0.11.85", ["listen-port"], 1, 5070), "port-account-default")).toBe(
      "Port 5070 is the factory SIP port of account 6; it clashes as soon as that account is used. Choose another port.",
    );
    // A 4-account GXP1780 has no account 6, so 5070 is free there.
    expect(codes(gs("GXP1780", "1.0.1.133", ["listen-port"], 1, 5070))).not.toContain("port-account-default");
    expect(codes(gs("GXP2170", "1.0.11.85", ["listen-port"], 6, 5070))).not.toContain("port-account-default");
  });
});

describe("Snom desk phones and the M100 KLE", () => {
  it("desk phone: all available actions, identity index for the per-identity key", () => {
    const res = generateOverrides({
      vendor: "snom",
      model: "D785",
      firmware: "10.1.54.13",
      actions: ["accept-server-only", "disable-ip-calls", "listen-port", "check-user-id", "reject-anonymous"],
      params: { port: 5070, account: 2 },
    });
    expect(res.text).toBe('filter_registrar="on"\nnetwork_id_port="5070"\nuser_sipusername_as_line2="off"\nprivacy_in="on"\n');
    expect(res.warnings).toEqual([
      { code: "action-unavailable", action: "disable-ip-calls", message: "Snom has no sourced setting for disable-ip-calls (vendor-parameters.md)." },
      {
        code: "uncertain-line",
        action: "reject-anonymous",
        key: "privacy_in",
        message: "privacy_in is LOW: Only a third-party comment says off = accept anonymous calls, so on should reject them.",
      },
      { code: "per-account", message: "user_sipusername_as_line2 applies to account 2 only; generate again for each other account in use." },
    ]);
  });

  it("desk phone native XML marks the uncertain line with a comment", () => {
    const res = generateOverrides({
      vendor: "snom",
      model: "D785",
      firmware: "10.1.54.13",
      actions: ["accept-server-only", "check-user-id", "reject-anonymous"],
      params: { account: 2 },
      syntax: "native",
    });
    expect(res.text).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<settings>",
        "  <phone-settings>",
        '    <filter_registrar perm="R">on</filter_registrar>',
        '    <user_sipusername_as_line idx="2" perm="R">off</user_sipusername_as_line>',
        "    <!-- LOW: Only a third-party comment says off = accept anonymous calls, so on should reject them. -->",
        '    <privacy_in perm="R">on</privacy_in>',
        "  </phone-settings>",
        "</settings>",
        "",
      ].join("\n"),
    );
  });

  it("M100 KLE: the article's key, flagged UNVERIFIED, never silently", () => {
    const res = generateOverrides({ vendor: "snom", model: "M100 KLE", firmware: "V0550", actions: ["accept-server-only"], syntax: "native" });
    expect(res.text).toBe('trusted_servers.only_accept_sip_account_servers="1"\n');
    expect(res.lines[0]).toMatchObject({ confidence: "unverified", reboot: "required" });
    expect(res.lines[0]?.note).toContain("makes the base skip every other setting of that module");
    expect(codes(res)).toEqual(["uncertain-line", "syntax-fallback"]);
    expect(warning(res, "syntax-fallback")).toBe("No native file syntax is documented for the M100 KLE, so override lines are returned.");
  });
});

describe("Cisco and Fanvil (sourced keys only)", () => {
  it("Cisco MPP: port and anonymous blocking; no source filter on phones", () => {
    const res = generateOverrides({
      vendor: "cisco",
      model: "8861",
      firmware: "sip88xx.11-3-7MPP",
      actions: ["accept-server-only", "listen-port", "reject-anonymous"],
      params: { port: 5070 },
      syntax: "native",
    });
    expect(res.text).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<flat-profile>",
        '  <SIP_Port_1_ ua="na">5070</SIP_Port_1_>',
        '  <Block_ANC_Serv ua="na">Yes</Block_ANC_Serv>',
        '  <Block_ANC_Setting ua="na">Yes</Block_ANC_Setting>',
        "</flat-profile>",
        "",
      ].join("\n"),
    );
    expect(warning(res, "action-unavailable")).toBe(
      "No sourced Cisco setting for accept-server-only on IP Phone 8861 MPP, firmware sip88xx.11-3-7MPP; known only as Restrict_Source_IP_N_ (on Linksys/Cisco SPA ATAs).",
    );
  });

  it("Cisco ATA: Restrict_Source_IP per line", () => {
    const res = generateOverrides({ vendor: "cisco", model: "PAP2T", firmware: "5.1.6", actions: ["accept-server-only"], params: { account: 2 } });
    expect(res.text).toBe('Restrict_Source_IP_2_="Yes"\n');
  });

  it("Fanvil: native XML only, low lines commented", () => {
    const res = generateOverrides({
      vendor: "fanvil",
      model: "X4U",
      firmware: "2.12.1",
      actions: ["listen-port", "reject-anonymous", "disable-ip-calls"],
      params: { port: 5070, account: 2 },
    });
    expect(res.text).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<sysConf>",
        "  <sip>",
        "    <SIPPort>5070</SIPPort>",
        '    <line index="2">',
        "      <!-- LOW: Meaning inferred from the element name and a third-party note; position under <sip><line> follows the XU template. -->",
        "      <BanAnonymous>1</BanAnonymous>",
        "    </line>",
        "  </sip>",
        "  <call>",
        '    <port index="1">',
        "      <!-- LOW: 0 = disallow is inferred from the element name; no Fanvil document describes it. -->",
        "      <AllowIPCall>0</AllowIPCall>",
        "    </port>",
        "  </call>",
        "</sysConf>",
        "",
      ].join("\n"),
    );
    expect(warning(res, "syntax-fallback")).toBe('Fanvil settings are nested XML elements with no flat key="value" form, so the native XML file is returned.');
  });
});

describe("every action × vendor", () => {
  const TARGETS: Record<VendorId, { model?: string; firmware: string }> = {
    yealink: { model: "T46G", firmware: "28.81.0.110" },
    polycom: { firmware: "4.1.6" },
    grandstream: { model: "GXP1780", firmware: "1.0.1.133" },
    snom: { model: "D785", firmware: "10.1.54.13" },
    cisco: { model: "8861", firmware: "11.3.7" },
    fanvil: { model: "X4U", firmware: "2.12.1" },
  };
  const EXPECTED: Record<VendorId, Record<(typeof PHONE_ACTIONS)[number], string[]>> = {
    yealink: {
      "accept-server-only": ["sip.trust_ctrl=1"],
      "disable-ip-calls": ["features.direct_ip_call_enable=0"],
      "listen-port": ["sip.listen_port=5090"],
      "check-user-id": [],
      "reject-anonymous": ["account.1.reject_anonymous_call=1"],
    },
    polycom: {
      "accept-server-only": ["voIpProt.SIP.requestValidation.1.request=INVITE", "voIpProt.SIP.requestValidation.1.method=source"],
      "disable-ip-calls": [],
      "listen-port": ["voIpProt.SIP.local.port=5090"],
      "check-user-id": [],
      "reject-anonymous": [],
    },
    grandstream: {
      "accept-server-only": ["P2347=1"],
      "disable-ip-calls": ["P1310=1"],
      "listen-port": ["P40=5090"],
      "check-user-id": ["P258=1"],
      "reject-anonymous": ["P129=1"],
    },
    snom: {
      "accept-server-only": ["filter_registrar=on"],
      "disable-ip-calls": [],
      "listen-port": ["network_id_port=5090"],
      "check-user-id": ["user_sipusername_as_line1=off"],
      "reject-anonymous": ["privacy_in=on"],
    },
    cisco: {
      "accept-server-only": [],
      "disable-ip-calls": [],
      "listen-port": ["SIP_Port_1_=5090"],
      "check-user-id": [],
      "reject-anonymous": ["Block_ANC_Serv=Yes", "Block_ANC_Setting=Yes"],
    },
    fanvil: {
      "accept-server-only": [],
      "disable-ip-calls": ["call.port.1.AllowIPCall=0"],
      "listen-port": ["sip.SIPPort=5090"],
      "check-user-id": [],
      "reject-anonymous": ["sip.line.1.BanAnonymous=1"],
    },
  };
  const cases = (Object.keys(TARGETS) as VendorId[]).flatMap((vendor) => PHONE_ACTIONS.map((action) => [vendor, action] as const));

  it.each(cases)("%s %s", (vendor, action) => {
    const res = generateOverrides({ vendor, ...TARGETS[vendor], actions: [action], params: action === "listen-port" ? { port: 5090 } : {} });
    const expected = EXPECTED[vendor][action];
    expect(pairs(res)).toEqual(expected);
    expect(codes(res).includes("action-unavailable")).toBe(expected.length === 0);
  });

  it.each(Object.keys(TARGETS) as VendorId[])("%s firewall: rules, no phone lines", (vendor) => {
    const res = generateOverrides({ vendor, ...TARGETS[vendor], actions: ["firewall"], params: { servers: ["192.0.2.10"] } });
    expect(res.lines).toEqual([]);
    expect(res.text).toBe("");
    expect(res.firewall?.ports).toEqual([5060, 5061]);
    expect(res.firewall?.servers).toEqual(["192.0.2.10"]);
  });
});

describe("support-article mistakes are never repeated", () => {
  const everything = (Object.entries({
    yealink: [
      { model: "T46G", firmware: "28.73.0.50" },
      { model: "T46G", firmware: "28.80.0.95" },
      { model: "T46G", firmware: "28.81.0.110" },
    ],
    polycom: [{ firmware: "3.1.6" }, { firmware: "4.1.6" }],
    grandstream: [
      { model: "GXP1780", firmware: "1.0.1.133" },
      { model: "GXP2170", firmware: "1.0.11.85", account: 5 },
    ],
    snom: [{ model: "D785", firmware: "10.1" }, { model: "M100-KLE", firmware: "V0550" }],
    cisco: [{ model: "PAP2T", firmware: "5.1" }],
  }) as [VendorId, { model?: string; firmware: string; account?: number }[]][]).flatMap(([vendor, targets]) =>
    targets.map(({ account, ...target }) =>
      generateOverrides({ vendor, ...target, actions: [...PHONE_ACTIONS], params: { port: 5070, ...(account ? { account } : {}) } }),
    ),
  );

  it("closes every quote (key=\"value\", one per line)", () => {
    for (const res of everything) {
      for (const line of res.text.trimEnd().split("\n")) expect(line).toMatch(/^[A-Za-z][\w.-]*="[^"]*"$/);
    }
  });

  it("never writes a lowercase p-value", () => {
    expect(everything.some((res) => /(^|\n)p\d/.test(res.text))).toBe(false);
  });

  it("offers account.N.sip_listen_port only for Yealink up to V73", () => {
    const offending = everything.filter((res) => res.lines.some((l) => l.key.endsWith(".sip_listen_port")));
    expect(offending.map((res) => pairs(res).find((p) => p.includes("sip_listen_port")))).toEqual(["account.1.sip_listen_port=5070"]);
  });
});

describe("request handling", () => {
  it("throws the zod error on invalid input (the API maps it to 400)", () => {
    expect(() => generateOverrides({ vendor: "yealink", firmware: "V81", actions: ["listen-port"], params: { port: 5060 } })).toThrow(ZodError);
  });

  it("warns about parameters no selected action uses", () => {
    const res = generateOverrides({ vendor: "yealink", firmware: "V81", actions: ["accept-server-only"], params: { port: 5070, servers: ["192.0.2.1"] } });
    expect(res.warnings).toEqual([
      { code: "port-unused", message: "Port 5070 is only used by the listen-port and firewall actions." },
      { code: "servers-unused", message: "Server addresses are only used by the firewall action." },
    ]);
  });

  it("uses the chosen port for the firewall", () => {
    const res = generateOverrides({ vendor: "yealink", firmware: "V81", actions: ["listen-port", "firewall"], params: { port: 5070, servers: ["192.0.2.1"] } });
    expect(res.firewall?.ports).toEqual([5070]);
  });

  it("returns exactly lines, text, warnings and (when asked) firewall", () => {
    expect(Object.keys(generateOverrides({ vendor: "yealink", firmware: "V81", actions: ["accept-server-only"] }))).toEqual(["lines", "text", "warnings"]);
    expect(
      Object.keys(generateOverrides({ vendor: "yealink", firmware: "V81", actions: ["firewall"], params: { servers: ["192.0.2.1"] } })),
    ).toEqual(["lines", "text", "warnings", "firewall"]);
  });
});
