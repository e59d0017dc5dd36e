// Grandstream GXP16xx/17xx/21xx, GRP26xx, WP8x6: vendor-parameters.md §3 and §7 …A-10.
//
// Two key schemes: legacy P-values (one number per account: P40 / P413 / P513 / P613) and, on newer
// firmware, named aliases (`account.N.sip.localPort`). P-values are sourced for accounts 1–4 only;
// the note says not to extrapolate to 5+ and to prefer the alias format there (§3.1 Notes), so
// accounts 5+ always use aliases. Uppercase "P40", never the article's "p40" (§3, A-6).
import type { Setting, VendorData } from "../catalog-schema";

const NO_YES = ["0", "1"];
const ALIAS_YES_NO = ["Yes", "No"];

const PVALUE_SOURCES = ["G1", "G2", "G4"] as const;
const ALIAS_SOURCES = ["G5", "G6"] as const;

const INCOMING_SERVER_NOTE =
  "Checks the host in the Request-URI against the account's SIP server, not the packet's source address: a scanner that addresses its INVITE to the server's name still gets through (§7 A-8).";
const USER_ID_NOTE =
  "Compares the Request-URI user with the SIP User ID (not the authenticate ID): inbound calls fail if the PBX sends INVITEs to a DID or another user part (§7 A-9).";

// The same setting in both schemes; `pvalues` lists accounts 1–4.
function perAccount(
  action: Setting["action"],
  pvalues: string[],
  alias: string,
  section: string,
  note?: string,
  pvalueFamilies?: string[],
): Setting[] {
  const common = { action, reboot: "unknown", confidence: "high", ...(note ? { note } : {}) } as const;
  return [
    {
      ...common,
      key: pvalues,
      value: "1",
      allowed: NO_YES,
      scheme: "pvalue",
      ...(pvalueFamilies ? { families: pvalueFamilies } : {}),
      cite: { section, sources: [...PVALUE_SOURCES] },
    },
    { ...common, key: alias, value: "Yes", allowed: ALIAS_YES_NO, scheme: "alias", cite: { section, sources: [...ALIAS_SOURCES] } },
  ];
}

// Account counts are SIP accounts from Grandstream datasheets (not from the note). The note calls
// GXP2170 and GRP2615 "12-account models"; their datasheets give 12 and 10 line keys but 6 and 5
// SIP accounts, which is what the account index addresses.
export const grandstream = {
  id: "grandstream",
  name: "Grandstream",
  firmwareFormat: "dotted",
  firmwareHint: "Firmware version from Status > System Info, e.g. 1.0.4.10 or 1.0.11.85",
  flatKeys: true,
  native: "grandstream-pvalue",
  schemes: [
    { id: "pvalue", name: "P-values (P40 = 5070)", accounts: { to: 4 }, native: "grandstream-pvalue" },
    { id: "alias", name: "Alias names (config version 2 XML)", accounts: {}, native: "grandstream-alias" },
  ],
  // §3.3 [G10]: factory local SIP port of accounts 1–6.
  accountPortDefaults: [5060, 5062, 5064, 5066, 5068, 5070],
  modelWords: { prefixes: ["GRANDSTREAM"] },
  // GXV video phones (Android) are not covered: the note has no GXV source (§3 title), so a GXV is refused.
  families: [
    {
      id: "gxp16xx",
      name: "GXP16xx",
      pattern: "^GXP16",
      models: [
        { id: "GXP1610", name: "GXP1610", accounts: 1 },
        { id: "GXP1620", name: "GXP1620", accounts: 2 },
        { id: "GXP1625", name: "GXP1625", accounts: 2 },
        { id: "GXP1628", name: "GXP1628", accounts: 2 },
        { id: "GXP1630", name: "GXP1630", accounts: 3 },
      ],
    },
    {
      id: "gxp17xx",
      name: "GXP17xx",
      pattern: "^GXP17",
      // Only a P-value template is sourced for this family [G1].
      schemes: ["pvalue"],
      models: [
        { id: "GXP1760", name: "GXP1760", accounts: 3 },
        { id: "GXP1780", name: "GXP1780", accounts: 4 },
        { id: "GXP1782", name: "GXP1782", accounts: 4 },
      ],
    },
    {
      id: "gxp21xx",
      name: "GXP21xx",
      pattern: "^GXP21",
      models: [
        { id: "GXP2130", name: "GXP2130", accounts: 3 },
        { id: "GXP2135", name: "GXP2135", accounts: 4 },
        { id: "GXP2140", name: "GXP2140", accounts: 4 },
        { id: "GXP2160", name: "GXP2160", accounts: 6 },
        { id: "GXP2170", name: "GXP2170", accounts: 6 },
      ],
    },
    {
      id: "grp26xx",
      name: "GRP26xx",
      pattern: "^GRP26",
      // Only alias templates are sourced for GRP26xx ([G5], [G7] firmware 1.0.5.48).
      schemes: ["alias"],
      models: [
        { id: "GRP2601", name: "GRP2601", accounts: 2 },
        { id: "GRP2602", name: "GRP2602", accounts: 4 },
        { id: "GRP2603", name: "GRP2603", accounts: 6 },
        { id: "GRP2604", name: "GRP2604", accounts: 6 },
        { id: "GRP2612", name: "GRP2612", accounts: 2 },
        { id: "GRP2613", name: "GRP2613", accounts: 3 },
        { id: "GRP2614", name: "GRP2614", accounts: 4 },
        { id: "GRP2615", name: "GRP2615", accounts: 5 },
        { id: "GRP2616", name: "GRP2616", accounts: 6 },
      ],
    },
    {
      id: "wp8x6",
      name: "WP8x6 Wi-Fi phones",
      pattern: "^WP8\\d6$",
      // Only an alias template is sourced (WP8x6 firmware 1.0.1.44, [G6]).
      schemes: ["alias"],
      models: [
        { id: "WP816", name: "WP816", accounts: 2 },
        { id: "WP826", name: "WP826", accounts: 2 },
      ],
    },
  ],
  settings: [
    // "Accept Incoming SIP from Proxy Only" is absent from the GXP21xx 1.0.4.10 template [G4]; the
    // first GXP21xx firmware that has it is UNVERIFIED (§3.1 Notes), hence the split below.
    ...perAccount(
      "accept-server-only",
      ["P2347", "P2447", "P2547", "P2647"],
      "account.{N}.sip.validate.incomingServer",
      "§3.1, §3.2, §3.3, §7 A-8",
      INCOMING_SERVER_NOTE,
      ["gxp16xx", "gxp17xx"],
    ),
    {
      action: "accept-server-only",
      key: ["P2347", "P2447", "P2547", "P2647"],
      value: "1",
      allowed: NO_YES,
      scheme: "pvalue",
      families: ["gxp21xx"],
      firmware: { from: "1.0.4.11" },
      reboot: "unknown",
      confidence: "medium",
      cite: { section: "§3.1 Notes, §7 A-8", sources: ["G1", "G4"] },
      note: `Not in the GXP21xx 1.0.4.10 template; the first GXP21xx firmware with it is UNVERIFIED. ${INCOMING_SERVER_NOTE}`,
    },
    {
      action: "disable-ip-calls",
      key: "P1310",
      value: "1",
      allowed: NO_YES,
      scheme: "pvalue",
      reboot: "unknown",
      confidence: "high",
      cite: { section: "§3.1", sources: ["G1", "G2", "G4", "G3"] },
      note: "Global; 1 = Yes, disable direct IP call. (HT80x ATAs use P277 with the opposite meaning.)",
    },
    {
      action: "disable-ip-calls",
      key: "call.ipcall.enable",
      value: "No",
      allowed: ALIAS_YES_NO,
      scheme: "alias",
      reboot: "unknown",
      confidence: "high",
      cite: { section: "§3.2", sources: [...ALIAS_SOURCES] },
      note: "Global; No disables direct IP calls.",
      risky: { values: ["Yes"], why: "Yes enables direct IP calls, which scanners use." },
    },
    {
      action: "listen-port",
      key: ["P40", "P413", "P513", "P613"],
      value: "{port}",
      allowed: "port",
      scheme: "pvalue",
      // §3.3: reboot not documented; the note says to plan one after changing P40.
      reboot: "recommended",
      confidence: "high",
      cite: { section: "§3.1, §3.3, §7 A-6", sources: ["G1", "G2", "G4", "G10"] },
    },
    {
      action: "listen-port",
      key: "account.{N}.sip.localPort",
      value: "{port}",
      allowed: "port",
      scheme: "alias",
      reboot: "recommended",
      confidence: "high",
      cite: { section: "§3.2, §3.3", sources: [...ALIAS_SOURCES] },
    },
    ...perAccount(
      "check-user-id",
      ["P258", "P449", "P549", "P649"],
      "account.{N}.sip.validate.userIdforInvite",
      "§3.1, §3.2, §3.3, §7 A-9",
      USER_ID_NOTE,
    ),
    ...perAccount("reject-anonymous", ["P129", "P446", "P546", "P646"], "account.{N}.call.rejectAnonymousCall", "§3.1, §3.2, §7 A-10"),
  ],
  alsoKnown: [
    {
      key: ["P2306", "P2406", "P2506", "P2606"],
      allowed: NO_YES,
      scheme: "pvalue",
      confidence: "high",
      cite: { section: "§3.1 (Validate Incoming Messages)", sources: ["G1", "G2", "G4"] },
    },
    {
      key: "account.{N}.sip.validate.incomingMessage",
      allowed: ALIAS_YES_NO,
      scheme: "alias",
      confidence: "high",
      cite: { section: "§3.2", sources: ["G5"] },
    },
    {
      key: ["P2346", "P2446", "P2546", "P2646"],
      allowed: NO_YES,
      scheme: "pvalue",
      confidence: "high",
      cite: { section: "§3.1 (Authenticate Incoming INVITE), §0", sources: ["G1", "G2"] },
      risky: { values: ["1"], why: "Challenges every INVITE: the PBX must answer with the line's credentials or all inbound calls fail (§0)." },
    },
    {
      key: "account.{N}.sip.authenticateIncomingInvite",
      allowed: ALIAS_YES_NO,
      scheme: "alias",
      confidence: "high",
      cite: { section: "§3.2, §0", sources: ["G5"] },
      risky: { values: ["Yes"], why: "Challenges every INVITE: the PBX must answer with the line's credentials or all inbound calls fail (§0)." },
    },
    // Accounts 5–6 from a GXP2000-era template only (§3.1): recognised by the lint, never generated.
    ...[
      { key: ["P1713", "P1813"], allowed: "port" as const },
      { key: ["P1749", "P1849"], allowed: NO_YES },
      { key: ["P1746", "P1846"], allowed: NO_YES },
    ].map((known) => ({
      ...known,
      firstAccount: 5,
      scheme: "pvalue",
      confidence: "medium" as const,
      cite: { section: "§3.1 (accounts 5–6)", sources: ["G3"] },
      note: "Accounts 5–6 P-values come from a GXP2000-era template; prefer the account.N alias names on current models.",
    })),
  ],
} satisfies VendorData;
