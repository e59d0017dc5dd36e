// Plain-language ticket note for a generated remediation: what changed, what to expect, how to verify.
import { ACTIONS } from "./vocabulary.ts";
import { getVendor, isUncertain, strongestReboot } from "./catalog";
import type { RemediationResponse } from "./generate";
import type { RemediationRequest } from "./schema";

const REBOOT_SENTENCE = {
  required: "The phone restarts (or must be restarted) to apply the change; expect it to be unavailable for a minute or two.",
  recommended: "Plan a reboot of the phone after provisioning: the port change may only take effect after a restart.",
  unknown: "No restart is documented for these settings; reboot the phone if the change does not take effect after provisioning.",
} as const;

export function summarizeRemediation(request: RemediationRequest, response: RemediationResponse): string {
  const vendor = getVendor(request.vendor);
  const device = [vendor.name, request.model].filter(Boolean).join(" ");
  const out: string[] = [`Ghost-call remediation for ${device}, firmware ${request.firmware}.`];

  if (response.lines.length > 0) {
    out.push("", "Changed:");
    for (const line of response.lines) {
      const caveat = isUncertain(line.confidence) ? ` (${line.confidence.toUpperCase()}: lab-test before rolling out)` : "";
      out.push(`- ${ACTIONS[line.action].title}: ${line.key} = ${line.value}${caveat}`);
    }
  }
  if (response.firewall) {
    const { ports, servers } = response.firewall;
    out.push("", `Firewall: SIP (UDP/TCP ${ports.join(", ")}) to the phones is allowed only from ${servers.join(", ")}.`);
  }
  const skipped = response.warnings.filter((w) => w.code === "action-unavailable");
  if (skipped.length > 0) {
    out.push("", "Not applied:", ...skipped.map((w) => `- ${w.message}`));
  }

  out.push("", "What to expect:");
  if (response.lines.length > 0) out.push(REBOOT_SENTENCE[strongestReboot(response.lines.map((l) => l.reboot))]);
  if (response.firewall) out.push("The firewall change applies immediately; registered calls from the SIP servers are unaffected.");

  out.push(
    "",
    "How to verify:",
    "The case moves to VERIFYING. Each time a phone rings, check the PBX for a matching call record: a ring without a PBX record means ghost calls are still getting through; no such rings means the fix works.",
  );
  return out.join("\n") + "\n";
}
