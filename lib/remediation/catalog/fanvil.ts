// Fanvil "new" XML format (X-series XU, W611W): vendor-parameters.md §6.
// Settings are nested XML elements, not flat names, so there is no `key="value"` form: the keys
// below are element paths (`sip.SIPPort` = <sip><SIPPort>; a numeric segment is the index
// attribute of the element before it, as in <line index="1">) and only native XML is produced.
// The element nesting follows the XU template [F2] (<sysConf><sip>…<line index="N">, <call><port index="1">).
import type { VendorData } from "../catalog-schema";

// Line counts from Fanvil datasheets (not from the note); they only bound the account index.
export const fanvil = {
  id: "fanvil",
  name: "Fanvil",
  firmwareFormat: "free",
  firmwareHint: "Firmware version from the phone's web UI (System > Information)",
  flatKeys: false,
  native: "fanvil-xml",
  // XU template [F2]: RTPInitialPort 10000, RTPPortQuantity 1000.
  rtpRange: { from: 10000, to: 10999, why: "Fanvil template RTP ports (RTPInitialPort 10000, 1000 ports)" },
  modelWords: { prefixes: ["FANVIL"] },
  // V-series (V62/V64/V65/V67) and older X-series: the note has no source for them (§6 covers "W611W /
  // X-series" XML), so the keys are given only through the firmware-independent fallback with a warning.
  families: [
    {
      id: "xu",
      name: "X-series (XU)",
      pattern: "^X\\d",
      models: [
        { id: "X3U", name: "X3U", accounts: 6 },
        { id: "X4U", name: "X4U", accounts: 12 },
        { id: "X5U", name: "X5U", accounts: 16 },
        { id: "X6U", name: "X6U", accounts: 20 },
      ],
    },
    { id: "w611w", name: "W611W", models: [{ id: "W611W", name: "W611W", accounts: 2 }] },
  ],
  settings: [
    {
      action: "listen-port",
      key: "sip.SIPPort",
      value: "{port}",
      allowed: "port",
      reboot: "unknown",
      confidence: "medium",
      cite: { section: "§6 #1", sources: ["F1", "F2"] },
      note: "Global SIP port; each line also has <SignalPort>, and which one wins is not documented.",
    },
    {
      action: "disable-ip-calls",
      key: "call.port.1.AllowIPCall",
      value: "0",
      allowed: ["0", "1"],
      reboot: "unknown",
      confidence: "low",
      cite: { section: "§6 #3", sources: ["F1", "F4"] },
      note: "0 = disallow is inferred from the element name; no Fanvil document describes it.",
    },
    {
      action: "reject-anonymous",
      key: "sip.line.{N}.BanAnonymous",
      value: "1",
      allowed: ["0", "1"],
      reboot: "unknown",
      confidence: "low",
      cite: { section: "§6 #5", sources: ["F1", "A7"] },
      note: "Meaning inferred from the element name and a third-party note; position under <sip><line> follows the XU template.",
    },
  ],
} satisfies VendorData;
