// Yealink desk phones, CP conference phones and W-series DECT: vendor-parameters.md §1 and §7 A-1…A-5.
// Firmware A.B.C.D, release train ("V" number) = B (§1.1). Native file: `.cfg`, `key = value`, no quotes.
import type { VendorData } from "../catalog-schema";

// Account counts come from Yealink datasheets (not from the note) and only bound the account index;
// W80's 100 is the note's own figure (§1.2 #5a, [Y5]). hardwareId = firmware field A (§1.1, [Y7][Y6]).
export const yealink = {
  id: "yealink",
  name: "Yealink",
  firmwareFormat: "yealink",
  firmwareHint: "A.B.C.D from the status page or the User-Agent, e.g. 28.73.0.50 (= V73) or 96.86.0.70 (= V86); V73 alone also works",
  firmwareNotes: [
    {
      // §1.1: the sources only show trains V70–V73 and V80+.
      firmware: { from: "V74", to: "V79" },
      note: "No source shows a Yealink release train between V73 and V80: check the firmware string (field B is the V number).",
    },
    {
      // §7 A-3: the FAQ [Y1] says "lower than V81" uses the per-account key, the V80-era admin guide
      // [Y2] already documents sip.trust_ctrl. The note's workaround is to send both (low).
      firmware: { from: "V80", to: "V80" },
      note: "V80 is ambiguous in Yealink's own documents: the ghost-call FAQ puts the switch to sip.trust_ctrl at V81, the V80 admin guide already documents it. Both keys are sent; whether V80 silently ignores the one it does not know is UNVERIFIED.",
    },
  ],
  flatKeys: true,
  native: "yealink-cfg",
  // Factory default RTP range (network.port.min_rtpport/max_rtpport); from Yealink admin guides,
  // not from the note, and only used for a warning.
  rtpRange: { from: 11780, to: 12780, why: "Yealink factory RTP port range" },
  families: [
    {
      id: "t-series",
      name: "T2x/T3x/T4x/T5x desk phones",
      models: [
        { id: "T23G", name: "SIP-T23G", accounts: 3, hardwareId: 44 },
        { id: "T27G", name: "SIP-T27G", accounts: 6, hardwareId: 69 },
        { id: "T28P", name: "SIP-T28P", accounts: 6, hardwareId: 2 },
        { id: "T42G", name: "SIP-T42G", accounts: 3, hardwareId: 29 },
        { id: "T46G", name: "SIP-T46G", accounts: 6, hardwareId: 28 },
        { id: "T48G", name: "SIP-T48G", accounts: 6 },
        { id: "T46S", name: "SIP-T46S", accounts: 16 },
        { id: "T48S", name: "SIP-T48S", accounts: 16 },
        { id: "T54W", name: "SIP-T54W", accounts: 16 },
        { id: "T56A", name: "SIP-T56A", accounts: 16 },
        { id: "T58A", name: "SIP-T58A", accounts: 16 },
      ],
    },
    {
      id: "w-series",
      name: "W-series DECT",
      models: [
        { id: "W52P", name: "W52P", accounts: 5, hardwareId: 25 },
        { id: "W56P", name: "W56P", accounts: 5 },
        { id: "W60P", name: "W60P", accounts: 8 },
        { id: "W70B", name: "W70B", accounts: 10 },
        { id: "W80", name: "W80 (W80DM/W80B)", accounts: 100, hardwareId: 103 },
      ],
    },
    {
      id: "cp",
      name: "CP conference phones",
      models: [
        { id: "CP860", name: "CP860", accounts: 1 },
        { id: "CP965", name: "CP965", accounts: 1, hardwareId: 143 },
      ],
    },
  ],
  settings: [
    {
      action: "accept-server-only",
      key: "account.{N}.sip_trust_ctrl",
      value: "1",
      allowed: ["0", "1"],
      firmware: { from: "V70", to: "V73" },
      reboot: "unknown",
      confidence: "high",
      cite: { section: "§1.2 #2a, §7 A-3", sources: ["Y1", "Y8"] },
      note: "Per account: repeat for every account in use (account.2., account.3., …).",
    },
    {
      action: "accept-server-only",
      key: "account.{N}.sip_trust_ctrl",
      value: "1",
      allowed: ["0", "1"],
      firmware: { from: "V80", to: "V80" },
      reboot: "unknown",
      confidence: "medium",
      cite: { section: "§1.2 #2a, §7 A-3", sources: ["Y1", "Y2"] },
      note: "V80 is ambiguous: Yealink's FAQ uses this per-account key below V81, the V80 admin guide documents sip.trust_ctrl instead; sent together with sip.trust_ctrl.",
    },
    {
      action: "accept-server-only",
      key: "sip.trust_ctrl",
      value: "1",
      allowed: ["0", "1"],
      firmware: { from: "V80", to: "V80" },
      reboot: "unknown",
      confidence: "medium",
      cite: { section: "§1.2 #2b, §7 A-3", sources: ["Y2", "Y1"] },
      note: "V80 is ambiguous: documented in the V80-era admin guide, but Yealink's FAQ only uses it from V81; sent together with the per-account key.",
    },
    {
      action: "accept-server-only",
      key: "sip.trust_ctrl",
      value: "1",
      allowed: ["0", "1"],
      firmware: { from: "V81" },
      reboot: "unknown",
      confidence: "high",
      cite: { section: "§1.2 #2b", sources: ["Y1", "Y2", "Y3", "Y4"] },
    },
    {
      action: "disable-ip-calls",
      key: "features.direct_ip_call_enable",
      value: "0",
      allowed: ["0", "1"],
      firmware: { from: "V70", to: "V73" },
      // The V7x template marks this key "Require reboot" ([Y8] phone-7X.xml).
      reboot: "required",
      confidence: "high",
      cite: { section: "§1.2 #3, §7 A-5", sources: ["Y1", "Y8"] },
    },
    {
      action: "disable-ip-calls",
      key: "features.direct_ip_call_enable",
      value: "0",
      allowed: ["0", "1"],
      firmware: { from: "V80" },
      reboot: "unknown",
      confidence: "high",
      cite: { section: "§1.2 #3, §7 A-5", sources: ["Y1", "Y4"] },
    },
    {
      action: "listen-port",
      key: "account.{N}.sip_listen_port",
      value: "{port}",
      allowed: "port",
      firmware: { from: "V70", to: "V73" },
      // §1.2 #9: no reboot flag documented; the note says to assume one for a port change.
      reboot: "recommended",
      confidence: "high",
      cite: { section: "§1.2 #1a, §7 A-1", sources: ["Y8", "Y9", "Y10"] },
      note: "Per account (not generic, §7 A-1): only changes the account it names.",
    },
    {
      action: "listen-port",
      key: "sip.listen_port",
      value: "{port}",
      allowed: "port",
      firmware: { from: "V80" },
      reboot: "recommended",
      confidence: "medium",
      cite: { section: "§1.2 #1b, §7 A-2", sources: ["Y6", "Y11", "Y12"] },
      note: "Global for all accounts; seen in V83+ templates, allowed range and reboot behaviour not found in a Yealink document.",
    },
    {
      action: "reject-anonymous",
      key: "account.{N}.reject_anonymous_call",
      value: "1",
      allowed: ["0", "1"],
      firmware: { from: "V70" },
      reboot: "unknown",
      confidence: "high",
      cite: { section: "§1.2 #5a", sources: ["Y5", "Y2", "Y8"] },
    },
  ],
  alsoKnown: [
    {
      key: "sip.tls_listen_port",
      allowed: "port",
      firmware: { from: "V80" },
      confidence: "medium",
      cite: { section: "§1.2 #1c", sources: ["Y6", "Y11"] },
    },
    {
      key: "features.anonymous_response_code",
      allowed: "any",
      firmware: { from: "V80" },
      confidence: "high",
      cite: { section: "§1.2 #5b", sources: ["Y5"] },
    },
    {
      key: "features.action_uri_limit_ip",
      allowed: "any",
      firmware: { from: "V80" },
      confidence: "medium",
      cite: { section: "§1.2 #6", sources: ["Y6"] },
      note: "Restricts Action URI (HTTP) requests only; it does not filter SIP.",
    },
    ...["source.list", "digest.list", "event", "digest.realm"].map((suffix) => ({
      key: `sip.request_validation.${suffix}`,
      allowed: "any" as const,
      firmware: { from: "V83" },
      confidence: "low" as const,
      cite: { section: "§1.2 #4b", sources: ["Y6", "Y11", "Y12"] },
      note: "Value syntax and semantics not found in any Yealink document: do not use without a lab test.",
    })),
  ],
} satisfies VendorData;
