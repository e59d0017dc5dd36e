// Polycom / Poly SoundPoint IP, SoundStation IP, VVX, Trio (SIP 1.x–3.2, UC Software 3.3+), Edge E/B and CCX (PVOS 8.x):
// vendor-parameters.md §2 and §7 A-7. Native: XML attributes. All settings here are phone-wide.
import type { Setting, VendorData } from "../catalog-schema";

const SIP_REQUESTS = ["INVITE", "ACK", "BYE", "REGISTER", "CANCEL", "OPTIONS", "INFO", "MESSAGE", "SUBSCRIBE", "NOTIFY", "REFER", "PRACK", "UPDATE"];
// Documented values are lowercase [P1][P2]; one template writes "Source" [P4] but case sensitivity
// is UNVERIFIED, so only the documented spelling is allowed (§2 "Syntax").
const VALIDATION_METHODS = ["Null", "source", "digest", "both", "all"];

const REQUEST_VALIDATION_NOTE =
  "Rule 1 is a rule number, not a line, and replaces any existing rule 1. Only the registration servers' IP addresses pass: calls from another SBC or proxy address would be refused (inference, §2 #6). The phone restarts.";

// Rule 1 = "validate INVITEs by source" (§2 #2, §7 A-7). Documented from SIP 1.4 up to UC Software
// 4.1.6 [P1][P2]; later firmware only seen in a production VVX template [P4], hence medium there.
function requestValidation(firmware: { from: string; to?: string }, confidence: "high" | "medium", sources: ("P1" | "P2" | "P4")[]): Setting[] {
  const common = {
    action: "accept-server-only",
    firmware,
    reboot: "required", // [P1] p.52 footnote 1: "Change causes phone to restart or reboot."
    confidence,
    cite: { section: "§2 #2, #9, §7 A-7", sources },
  } as const;
  return [
    { ...common, key: "voIpProt.SIP.requestValidation.1.request", value: "INVITE", allowed: SIP_REQUESTS },
    {
      ...common,
      key: "voIpProt.SIP.requestValidation.1.method",
      value: "source",
      allowed: VALIDATION_METHODS,
      note: REQUEST_VALIDATION_NOTE,
      risky: {
        values: ["digest", "both", "all"],
        why: "Challenges every INVITE: the PBX must answer with the line's credentials or all inbound calls fail (§0).",
      },
    },
  ];
}

// Line counts from Polycom datasheets (not from the note); unused by the phone-wide keys below.
export const polycom = {
  id: "polycom",
  name: "Polycom",
  firmwareFormat: "dotted",
  firmwareHint: "SIP or UC Software version from the phone's status menu or web UI, e.g. 3.1.6, 3.2.4, 4.1.6, 5.9.0",
  flatKeys: true,
  native: "polycom-xml",
  // Factory media port start (tcpIpApp.port.rtp.mediaPortRangeStart = 2222); from Polycom admin
  // guides, not from the note, and only used for a warning.
  rtpRange: { from: 2222, to: 2269, why: "Polycom factory RTP port range" },
  // Words technicians put around a model name: "Poly Edge E350" → E350, "SoundPoint IP 331" → IP331.
  modelWords: { prefixes: ["POLYCOM", "POLY", "EDGE", "SOUNDPOINT", "SOUNDSTATION"] },
  // Every key below is phone-wide and decided by the firmware version alone (§2), so a model missing
  // here still gets them, with a warning. UC Software 5.x/6.x (VVX), 5.4+/7.x (Trio) and PVOS 8.x
  // (Edge E/B, CCX) all fall in the "4.1.7 and later" rows, which rest on fspbx's templates [P4]. The
  // note rates the Edge E rows lower still ("UNVERIFIED against Poly docs (low)", §2 last paragraph);
  // the catalog cannot yet give one family a lower confidence without making the model mandatory for
  // every Polycom phone, so the Edge families carry that caveat in their name's note below.
  families: [
    {
      id: "soundpoint",
      name: "SoundPoint IP",
      models: [
        { id: "IP331", name: "SoundPoint IP 331", accounts: 2 },
        { id: "IP335", name: "SoundPoint IP 335", accounts: 2 },
        { id: "IP450", name: "SoundPoint IP 450", accounts: 3 },
        { id: "IP550", name: "SoundPoint IP 550", accounts: 4 },
        { id: "IP650", name: "SoundPoint IP 650", accounts: 6 },
      ],
    },
    {
      id: "soundstation",
      name: "SoundStation IP",
      models: [
        { id: "IP5000", name: "SoundStation IP 5000", accounts: 1 },
        { id: "IP6000", name: "SoundStation IP 6000", accounts: 1 },
      ],
    },
    {
      id: "vvx",
      name: "VVX (UC Software 4.x–6.x)",
      // An unlisted VVX (e.g. VVX 1500) still reads as a VVX.
      pattern: "^VVX",
      models: [
        { id: "VVX101", name: "VVX 101", accounts: 1 },
        { id: "VVX150", name: "VVX 150", accounts: 2 },
        { id: "VVX201", name: "VVX 201", accounts: 2 },
        { id: "VVX250", name: "VVX 250", accounts: 4 },
        { id: "VVX300", name: "VVX 300", accounts: 6 },
        { id: "VVX301", name: "VVX 301", accounts: 6 },
        { id: "VVX310", name: "VVX 310", accounts: 6 },
        { id: "VVX311", name: "VVX 311", accounts: 6 },
        { id: "VVX350", name: "VVX 350", accounts: 6 },
        { id: "VVX400", name: "VVX 400", accounts: 12 },
        { id: "VVX401", name: "VVX 401", accounts: 12 },
        { id: "VVX410", name: "VVX 410", accounts: 12 },
        { id: "VVX411", name: "VVX 411", accounts: 12 },
        { id: "VVX450", name: "VVX 450", accounts: 12 },
        { id: "VVX500", name: "VVX 500", accounts: 12 },
        { id: "VVX501", name: "VVX 501", accounts: 12 },
        { id: "VVX600", name: "VVX 600", accounts: 16 },
        { id: "VVX601", name: "VVX 601", accounts: 16 },
      ],
    },
    {
      id: "trio",
      name: "Trio conference phones (UC Software 5.4+/7.x)",
      pattern: "^TRIO",
      // Line counts: no datasheet figure at hand, so the vendor's largest model bounds the account.
      models: [
        { id: "TRIO8300", name: "Trio 8300" },
        { id: "TRIO8500", name: "Trio 8500" },
        { id: "TRIO8800", name: "Trio 8800" },
        { id: "TRIOC60", name: "Trio C60" },
      ],
    },
    {
      id: "edge-e",
      name: "Poly Edge E (PVOS 8.x; keys from fspbx's Edge E templates only, low per §2)",
      pattern: "^E\\d{3}$",
      models: ["E100", "E220", "E300", "E320", "E350", "E400", "E450", "E500", "E550"].map((id) => ({ id, name: `Edge ${id}` })),
    },
    {
      id: "edge-b",
      name: "Poly Edge B (PVOS 8.x; UNVERIFIED: the note has no Edge B source)",
      pattern: "^B\\d{2}$",
      models: ["B10", "B20", "B30"].map((id) => ({ id, name: `Edge ${id}` })),
    },
    {
      id: "ccx",
      name: "CCX (PVOS 8.x / Teams; UNVERIFIED: the note has no CCX source)",
      pattern: "^CCX",
      models: ["400", "500", "505", "600", "700"].map((n) => ({ id: `CCX${n}`, name: `CCX ${n}` })),
    },
  ],
  settings: [
    ...requestValidation({ from: "1.4", to: "4.1.6" }, "high", ["P1", "P2"]),
    ...requestValidation({ from: "4.1.7" }, "medium", ["P4"]),
    {
      action: "listen-port",
      key: "voIpProt.local.port",
      value: "{port}",
      allowed: "port",
      firmware: { to: "3.1" },
      reboot: "unknown",
      confidence: "medium",
      cite: { section: "§2 #1b", sources: ["P3"] },
      note: "Older attribute name (SIP 3.1 and earlier); seen in a template, the admin-guide row was not retrieved.",
    },
    {
      action: "listen-port",
      key: "voIpProt.SIP.local.port",
      value: "{port}",
      allowed: "port",
      firmware: { from: "3.2" },
      reboot: "unknown",
      confidence: "medium",
      cite: { section: "§2 #1a", sources: ["P3"] },
      note: "Seen in the SIP 3.2 template; the admin-guide row was not retrieved.",
    },
  ],
  alsoKnown: [
    {
      key: "voIpProt.SIP.requestValidation.1.request.1.event",
      allowed: "any",
      firmware: { from: "1.4" },
      confidence: "high",
      cite: { section: "§2 #2b", sources: ["P1"] },
    },
    {
      key: "voIpProt.SIP.requestValidation.digest.realm",
      allowed: "any",
      confidence: "medium",
      cite: { section: "§2 #2", sources: ["P3"] },
    },
    {
      key: "voIpProt.SIP.strictUserValidation",
      allowed: ["0", "1"],
      firmware: { from: "3.0" },
      confidence: "low",
      cite: { section: "§2 #4", sources: ["P3"] },
      note: "Believed to force an exact match of the user part of incoming requests; semantics not confirmed by a Polycom document.",
    },
  ],
} satisfies VendorData;
