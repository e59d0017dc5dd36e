import { describe, expect, it } from "vitest";
import { generateOverrides } from "./generate";
import { remediationRequestSchema, type RemediationRequestInput } from "./schema";
import { summarizeRemediation } from "./summary";

function summary(input: RemediationRequestInput): string {
  const request = remediationRequestSchema.parse(input);
  return summarizeRemediation(request, generateOverrides(request));
}

const VERIFY = [
  "How to verify:",
  "The case moves to VERIFYING. Each time a phone rings, check the PBX for a matching call record: a ring without a PBX record means ghost calls are still getting through; no such rings means the fix works.",
  "",
];

describe("summarizeRemediation", () => {
  it("Yealink V73: changes, skipped action, reboot, firewall, verification", () => {
    expect(
      summary({
        vendor: "yealink",
        model: "T46G",
        firmware: "28.73.0.50",
        actions: ["accept-server-only", "disable-ip-calls", "check-user-id", "firewall"],
        params: { servers: ["203.0.113.10"] },
      }),
    ).toBe(
      [
        "Ghost-call remediation for Yealink T46G, firmware 28.73.0.50.",
        "",
        "Changed:",
        "- Accept SIP only from the SIP server: account.1.sip_trust_ctrl = 1",
        "- Disable direct IP calls: features.direct_ip_call_enable = 0",
        "",
        "Firewall: SIP (UDP/TCP 5060, 5061) to the phones is allowed only from 203.0.113.10.",
        "",
        "Not applied:",
        "- Yealink has no sourced setting for check-user-id (vendor-parameters.md).",
        "",
        "What to expect:",
        "The phone restarts (or must be restarted) to apply the change; expect it to be unavailable for a minute or two.",
        "The firewall change applies immediately; registered calls from the SIP servers are unaffected.",
        "",
        ...VERIFY,
      ].join("\n"),
    );
  });

  it("marks unverified lines and plans a reboot for a port change", () => {
    expect(summary({ vendor: "snom", model: "M100-KLE", firmware: "V0550", actions: ["accept-server-only"] })).toContain(
      "- Accept SIP only from the SIP server: trusted_servers.only_accept_sip_account_servers = 1 (UNVERIFIED: lab-test before rolling out)\n",
    );
    expect(summary({ vendor: "yealink", firmware: "V81", actions: ["listen-port"], params: { port: 5070 } })).toContain(
      "What to expect:\nPlan a reboot of the phone after provisioning: the port change may only take effect after a restart.\n",
    );
  });

  it("says when no restart is documented", () => {
    expect(summary({ vendor: "yealink", firmware: "V81", actions: ["accept-server-only"] })).toBe(
      [
        "Ghost-call remediation for Yealink, firmware V81.",
        "",
        "Changed:",
        "- Accept SIP only from the SIP server: sip.trust_ctrl = 1",
        "",
        "What to expect:",
        "No restart is documented for these settings; reboot the phone if the change does not take effect after provisioning.",
        "",
        ...VERIFY,
      ].join("\n"),
    );
  });
});
