// Snom desk phones (D-series, 3xx/7xx) and the M100 KLE DECT base: vendor-parameters.md §4 and §7 A-11.
// The two families share no key, so a Snom request needs the model.
import type { VendorData } from "../catalog-schema";

const ON_OFF = ["on", "off"];

// Identity counts from Snom datasheets (not from the note); they only bound the account index.
export const snom = {
  id: "snom",
  name: "Snom",
  // No firmware-dependent key is known for Snom (§4), so any version string is accepted.
  firmwareFormat: "free",
  firmwareHint: "Firmware version from the phone's web UI (Status), e.g. 10.1.54.13",
  flatKeys: true,
  // §4.1: XML settings file (firmware 7 and later); per-identity settings carry idx="N".
  native: "snom-xml",
  // "snom D785" → D785, "Snom 760" → 760.
  modelWords: { prefixes: ["SNOM"] },
  families: [
    {
      id: "desk",
      name: "Desk phones (D-series, 3xx/7xx)",
      // Dxxx and the older three-digit 3xx/7xx desk phones (§4.1 title).
      pattern: "^(D\\d{3}|[37]\\d\\d)$",
      models: [
        { id: "D305", name: "D305" },
        { id: "D375", name: "D375" },
        { id: "D717", name: "D717" },
        { id: "D765", name: "D765" },
        { id: "D315", name: "D315", accounts: 4 },
        { id: "D345", name: "D345", accounts: 12 },
        { id: "D385", name: "D385", accounts: 12 },
        { id: "D715", name: "D715", accounts: 4 },
        { id: "D735", name: "D735", accounts: 12 },
        { id: "D785", name: "D785", accounts: 12 },
        { id: "320", name: "snom 320", accounts: 12 },
        { id: "710", name: "snom 710", accounts: 4 },
        { id: "760", name: "snom 760", accounts: 12 },
      ],
    },
    {
      id: "m100",
      name: "M100 KLE DECT base",
      // The note documents the M100 KLE's file names [S10] but not its file syntax.
      native: null,
      // M300/M700/M900 are a different line; the note forbids assuming the M100 key for them (§4.2).
      models: [{ id: "M100-KLE", name: "M100 KLE", accounts: 20, aliases: ["M100"] }],
    },
  ],
  settings: [
    {
      action: "accept-server-only",
      key: "filter_registrar",
      value: "on",
      allowed: ON_OFF,
      families: ["desk"],
      reboot: "unknown",
      confidence: "medium",
      cite: { section: "§4.1 #2", sources: ["S5", "S4", "S6", "S8"] },
      note: "Filters SIP packets that do not come from the registrar/proxy; inferred from tools that need it off to reach the phone, default UNVERIFIED.",
    },
    {
      action: "accept-server-only",
      key: "trusted_servers.only_accept_sip_account_servers",
      value: "1",
      allowed: ["0", "1"],
      families: ["m100"],
      // [S10]: "The M100 KLE restarts after one minute of inactivity" after provisioning.
      reboot: "required",
      confidence: "unverified",
      cite: { section: "§4.2, §7 A-11", sources: ["A1", "S10"] },
      note: "This key comes only from the support article; no Snom document or template confirms it. On the M100 KLE an unrecognised setting makes the base skip every other setting of that module, so lab-test it on the exact firmware first.",
    },
    {
      action: "listen-port",
      key: "network_id_port",
      value: "{port}",
      allowed: "port",
      families: ["desk"],
      reboot: "unknown",
      confidence: "high",
      cite: { section: "§4.1 #1", sources: ["S7", "S4", "S5"] },
    },
    {
      // §4.1 #4: on = "support broken registrar", relaxing the Request-URI check; off keeps it.
      action: "check-user-id",
      key: "user_sipusername_as_line{N}",
      value: "off",
      allowed: ON_OFF,
      families: ["desk"],
      reboot: "unknown",
      confidence: "medium",
      cite: { section: "§4.1 #4, §7 A-11", sources: ["S9", "S5", "S4"] },
      note: "Per identity; off keeps the phone rejecting INVITEs whose Request-URI does not match the registered contact.",
      risky: { values: ["on"], why: "on relaxes the Request-URI check, letting INVITEs for any user part ring the phone." },
    },
    {
      action: "reject-anonymous",
      key: "privacy_in",
      value: "on",
      allowed: ON_OFF,
      families: ["desk"],
      reboot: "unknown",
      confidence: "low",
      cite: { section: "§4.1 #5", sources: ["S4"] },
      note: "Only a third-party comment says off = accept anonymous calls, so on should reject them.",
    },
  ],
} satisfies VendorData;
