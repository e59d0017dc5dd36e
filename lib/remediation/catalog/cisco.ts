// Cisco MPP / SPA phones and Linksys/Cisco SPA ATAs (3PCC flat profile): vendor-parameters.md §5.
// Only keys the note sources; per-extension keys end in _N_. Reboot behaviour was not researched.
import type { VendorData } from "../catalog-schema";

const YES_NO = ["Yes", "No"];

// Extension counts from Cisco datasheets (not from the note); they only bound the account index.
export const cisco = {
  id: "cisco",
  name: "Cisco",
  // No firmware-dependent key is known for Cisco (§5).
  firmwareFormat: "free",
  firmwareHint: "Firmware from the phone's Info page, e.g. sip88xx.11-3-7MPP",
  flatKeys: true,
  native: "cisco-xml",
  // "CP-8841-3PCC-K9" → 8841: Cisco's SKU wraps the model number in CP- … -3PCC/-K9.
  modelWords: { prefixes: ["CISCO", "IPPHONE", "CP"], suffixes: ["K9", "3PCC", "MPP"] },
  // Only MPP (3PCC) firmware reads the flat profile (§5); the same 68xx/78xx/88xx hardware on
  // enterprise (CUCM) firmware takes none of these keys. The note gives no rule to tell the two apart
  // from the version string beyond the "MPP" in sip88xx.11-3-7MPP, so the catalog does not check it.
  families: [
    {
      id: "mpp",
      name: "MPP multiplatform phones (78xx/88xx 3PCC)",
      pattern: "^(68|78|88)\\d\\d$",
      models: [
        { id: "6821", name: "IP Phone 6821 MPP", accounts: 2 },
        { id: "6841", name: "IP Phone 6841 MPP", accounts: 4 },
        { id: "6851", name: "IP Phone 6851 MPP", accounts: 4 },
        { id: "6861", name: "IP Phone 6861 MPP", accounts: 4 },
        { id: "7811", name: "IP Phone 7811 MPP", accounts: 1 },
        { id: "7821", name: "IP Phone 7821 MPP", accounts: 2 },
        { id: "7861", name: "IP Phone 7861 MPP", accounts: 16 },
        { id: "8811", name: "IP Phone 8811 MPP", accounts: 10 },
        { id: "8845", name: "IP Phone 8845 MPP", accounts: 10 },
        { id: "8865", name: "IP Phone 8865 MPP", accounts: 10 },
        { id: "7841", name: "IP Phone 7841 MPP", accounts: 4 },
        { id: "8841", name: "IP Phone 8841 MPP", accounts: 10 },
        { id: "8851", name: "IP Phone 8851 MPP", accounts: 10 },
        { id: "8861", name: "IP Phone 8861 MPP", accounts: 10 },
      ],
    },
    {
      id: "spa",
      name: "SPA50x phones",
      pattern: "^SPA5",
      models: [
        { id: "SPA502G", name: "SPA502G", accounts: 1 },
        { id: "SPA504G", name: "SPA504G", accounts: 4 },
        { id: "SPA508G", name: "SPA508G", accounts: 8 },
      ],
    },
    {
      id: "ata",
      name: "Linksys/Cisco SPA ATAs",
      models: [
        { id: "PAP2T", name: "PAP2T", accounts: 2 },
        { id: "SPA2102", name: "SPA2102", accounts: 2 },
      ],
    },
  ],
  settings: [
    {
      // Documented for ATAs/SPA9000 only; absent from the SPA phone and MPP templates seen (§5 #2).
      action: "accept-server-only",
      key: "Restrict_Source_IP_{N}_",
      value: "Yes",
      allowed: YES_NO,
      families: ["ata"],
      reboot: "unknown",
      confidence: "medium",
      cite: { section: "§5 #2", sources: ["C3", "C4"] },
      note: "Drops SIP from addresses that are not the resolved Proxy (or Outbound Proxy); documented for SPA ATAs, not for phones.",
    },
    {
      action: "listen-port",
      key: "SIP_Port_{N}_",
      value: "{port}",
      allowed: "port",
      reboot: "unknown",
      confidence: "high",
      cite: { section: "§5 #1", sources: ["C1", "C2", "C4"] },
    },
    // §5 #5: the service switch and the user setting are both needed.
    ...(["Block_ANC_Serv", "Block_ANC_Setting"] as const).map((key) => ({
      action: "reject-anonymous" as const,
      key,
      value: "Yes",
      allowed: YES_NO,
      families: ["mpp", "spa"],
      reboot: "unknown" as const,
      confidence: "medium" as const,
      cite: { section: "§5 #5", sources: ["C1", "C2"] },
    })),
  ],
  alsoKnown: [
    {
      key: "Auth_INVITE_{N}_",
      allowed: YES_NO,
      confidence: "high",
      cite: { section: "§5 #4, §0", sources: ["C5", "C1"] },
      risky: {
        values: ["Yes"],
        why: "Requires authorization of every incoming INVITE: the PBX must answer the challenge or all inbound calls fail (§0).",
      },
    },
  ],
} satisfies VendorData;
