import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { generateOverrides } from "@/lib/remediation/generate.ts";
import { CliError } from "../run.ts";
import { overridesCommand } from "./overrides.ts";

let stdout: string;
let stderr: string;

beforeEach(() => {
  stdout = "";
  stderr = "";
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void (stdout += `${args.join(" ")}\n`));
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void (stderr += `${args.join(" ")}\n`));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("ghostline overrides", () => {
  it("accepts Polycom model names as technicians write them (issue 12)", async () => {
    for (const model of ["VVX 411", "vvx411", "VVX-411"]) {
      stdout = "";
      await overridesCommand({ vendor: "polycom", model, firmware: "5.9.0", actions: "accept-server-only" });
      // §2 #2 of vendor-parameters.md: rule 1 validates INVITEs by source.
      expect(stdout).toBe('voIpProt.SIP.requestValidation.1.request="INVITE"\nvoIpProt.SIP.requestValidation.1.method="source"\n');
    }
    expect(stderr).not.toContain("not in the Polycom catalog");
  });

  it("generates for an unlisted Polycom model with a warning on stderr and in --json", async () => {
    await overridesCommand({ vendor: "polycom", model: "VVX 1500X", firmware: "5.9.0", actions: "accept-server-only" });
    expect(stdout).toContain("voIpProt.SIP.requestValidation.1.method");
    expect(stderr).toContain('warning: "VVX 1500X" is not in the Polycom catalog');
    stdout = "";
    await overridesCommand({ vendor: "polycom", model: "SoundStructure", firmware: "5.9.0", actions: "accept-server-only", json: true });
    const json = JSON.parse(stdout) as { warnings: { code: string }[] };
    expect(json.warnings.map((w) => w.code)).toContain("model-unknown");
  });

  it("refuses an unknown model whose family decides the keys, naming the closest models", async () => {
    const run = overridesCommand({ vendor: "snom", model: "M300", firmware: "10.1", actions: "accept-server-only" });
    await expect(run).rejects.toThrow(/unknown Snom model "M300"; closest: .*M100-KLE/);
    expect(stdout).toBe("");
  });

  it("prints the per-account V73 keys for a Yealink T46G, warnings on stderr", async () => {
    await overridesCommand({ vendor: "yealink", model: "T46G", firmware: "28.73.0.50", actions: "accept-server-only,disable-ip-calls" });
    expect(stdout).toBe('account.1.sip_trust_ctrl="1"\nfeatures.direct_ip_call_enable="0"\n');
    expect(stderr).toContain("warning: account.1.sip_trust_ctrl applies to account 1 only");
  });

  it("prints the phone-wide V86 keys, the listen port, and the vendor name in any case", async () => {
    await overridesCommand({ vendor: "Yealink", firmware: "96.86.0.70", actions: "accept-server-only, listen-port", port: "5070" });
    expect(stdout).toBe('sip.trust_ctrl="1"\nsip.listen_port="5070"\n');
  });

  it("prints the native .cfg file with --syntax native", async () => {
    await overridesCommand({ vendor: "yealink", firmware: "V86", actions: "accept-server-only", syntax: "native" });
    expect(stdout).toBe("#!version:1.0.0.1\nsip.trust_ctrl = 1\n");
  });

  it("--json prints exactly the API response as one JSON object", async () => {
    await overridesCommand({
      vendor: "yealink",
      firmware: "V86",
      actions: "accept-server-only,firewall",
      server: ["203.0.113.10", "198.51.100.0/24"],
      json: true,
    });
    expect(JSON.parse(stdout)).toEqual(
      generateOverrides({ vendor: "yealink", firmware: "V86", actions: ["accept-server-only", "firewall"], params: { servers: ["203.0.113.10", "198.51.100.0/24"] } }),
    );
    expect(stderr).toBe("");
  });

  it("keeps firewall rules off stdout", async () => {
    await overridesCommand({ vendor: "yealink", firmware: "V86", actions: "accept-server-only,firewall", server: ["203.0.113.10"] });
    expect(stdout).toBe('sip.trust_ctrl="1"\n');
    expect(stderr).toContain("iptables -A GHOSTLINE_SIP -s 203.0.113.10 -j RETURN");
  });

  it("rejects port 5060 with the schema's message and prints nothing", async () => {
    const run = overridesCommand({ vendor: "yealink", firmware: "V86", actions: "listen-port", port: "5060" });
    await expect(run).rejects.toThrow(CliError);
    await expect(run).rejects.toThrow(/5060 and 5061 are the standard SIP ports.*\n.*params\.port/);
    expect(stdout).toBe("");
  });

  it("reports every bad field at once", async () => {
    const run = overridesCommand({ vendor: "yealink", firmware: "V86", actions: "teleport", port: "50.5", server: ["not-an-ip"] });
    await expect(run).rejects.toThrow(/unknown action[\s\S]*port must be a whole number[\s\S]*IPv4 or IPv6/);
  });
});
