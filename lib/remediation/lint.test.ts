import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { lintOverrides, type LintFinding } from "./lint";
import type { LintRequestInput } from "./schema";

const lint = (input: LintRequestInput) => lintOverrides(input);
const brief = (findings: LintFinding[]) => findings.map((f) => `${f.line} ${f.severity} ${f.code}`);

describe("lint: the support article's Yealink lines", () => {
  const article = ['sip.trust_ctrl="1', 'features.direct_ip_call_enable="0"', 'account.1.sip_listen_port="5070"'].join("\n");

  it("on V73: missing quote, and the V80+ key", () => {
    const result = lint({ vendor: "yealink", model: "T46G", firmware: "28.73.0.50", text: article });
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      { line: 1, severity: "error", code: "malformed", message: "missing closing quote", suggestion: 'sip.trust_ctrl="1"' },
      {
        line: 1,
        severity: "error",
        code: "other-firmware",
        key: "sip.trust_ctrl",
        message: 'sip.trust_ctrl belongs to firmware V80, V81 and later; this phone runs V73; use account.1.sip_trust_ctrl="1".',
        suggestion: 'account.1.sip_trust_ctrl="1"',
      },
    ]);
  });

  it("on V81: the per-account listen port belongs to V73 and earlier", () => {
    const result = lint({ vendor: "yealink", model: "T46G", firmware: "28.81.0.110", text: article });
    expect(brief(result.findings)).toEqual(["1 error malformed", "3 error other-firmware"]);
    expect(result.findings[1]).toMatchObject({
      message: 'account.1.sip_listen_port belongs to firmware V70 to V73; this phone runs V81; use sip.listen_port="5070".',
      suggestion: 'sip.listen_port="5070"',
    });
  });

  it("accepts a clean native .cfg with comments and blank lines", () => {
    const text = "#!version:1.0.0.1\n# ghost calls\n\naccount.1.sip_trust_ctrl = 1\nfeatures.direct_ip_call_enable = 0\n";
    expect(lint({ vendor: "yealink", firmware: "28.73.0.50", text })).toEqual({ ok: true, findings: [] });
  });

  it("flags values that leave a protection off, out-of-range accounts and duplicates", () => {
    const text = ['features.direct_ip_call_enable="1"', 'account.7.sip_trust_ctrl="1"', 'account.1.sip_trust_ctrl="2"', 'account.1.sip_trust_ctrl="1"'].join("\n");
    const result = lint({ vendor: "yealink", model: "T46G", firmware: "V73", text });
    expect(result.findings).toEqual([
      {
        line: 1,
        severity: "warning",
        code: "weakening-value",
        key: "features.direct_ip_call_enable",
        message: 'features.direct_ip_call_enable="1" leaves "Disable direct IP calls" off; the hardening value is "0".',
        suggestion: 'features.direct_ip_call_enable="0"',
      },
      {
        line: 2,
        severity: "error",
        code: "account-out-of-range",
        key: "account.7.sip_trust_ctrl",
        message: "account.7.sip_trust_ctrl addresses account 7, but the SIP-T46G has 6.",
      },
      { line: 3, severity: "error", code: "bad-value", key: "account.1.sip_trust_ctrl", message: 'value "2" is not valid for account.1.sip_trust_ctrl; allowed: 0, 1.' },
      {
        line: 4,
        severity: "warning",
        code: "duplicate-key",
        key: "account.1.sip_trust_ctrl",
        message: "account.1.sip_trust_ctrl is already set on line 3; which one wins depends on the provisioning tool.",
      },
    ]);
  });

  it("warns about keys the note could not verify", () => {
    const result = lint({ vendor: "yealink", firmware: "V83", text: 'sip.request_validation.source.list="10.0.0.1"' });
    expect(result.findings).toEqual([
      {
        line: 1,
        severity: "warning",
        code: "uncertain-key",
        key: "sip.request_validation.source.list",
        message: "sip.request_validation.source.list is LOW: Value syntax and semantics not found in any Yealink document: do not use without a lab test.",
      },
    ]);
  });
});

describe("lint: Grandstream", () => {
  it("wrong case p40, another vendor's key, a risky authenticate-INVITE", () => {
    const text = ['p40="5070"', 'account.1.sip_listen_port="5070"', 'P2346="1"', 'P40="5060"', 'P413="abc"'].join("\n");
    const result = lint({ vendor: "grandstream", model: "GXP1780", firmware: "1.0.1.133", text });
    expect(result.findings).toEqual([
      { line: 1, severity: "error", code: "wrong-case", key: "p40", message: "p40 should be written P40; keys are case-sensitive.", suggestion: 'P40="5070"' },
      {
        line: 2,
        severity: "error",
        code: "other-vendor",
        key: "account.1.sip_listen_port",
        message: "account.1.sip_listen_port is a Yealink key (account.N.sip_listen_port, firmware V70 to V73), not a Grandstream one.",
      },
      {
        line: 3,
        severity: "warning",
        code: "risky-value",
        key: "P2346",
        message: 'P2346="1": Challenges every INVITE: the PBX must answer with the line\'s credentials or all inbound calls fail (§0).',
      },
      {
        line: 4,
        severity: "warning",
        code: "risky-value",
        key: "P40",
        message: "port 5060 is a standard or privileged port; scanners try 5060/5061 first. Use 1024–65535 other than 5060/5061.",
      },
      { line: 5, severity: "error", code: "bad-value", key: "P413", message: 'value "abc" is not a port number (1–65535).' },
    ]);
  });

  it("P-values on a family with only alias templates", () => {
    const result = lint({ vendor: "grandstream", model: "GRP2614", firmware: "1.0.5.48", text: 'P129="1"\nP2347="1"' });
    expect(result.findings).toEqual([
      {
        line: 1,
        severity: "error",
        code: "other-model",
        key: "P129",
        message: 'P129 uses a key format that is not sourced for the GRP26xx; use account.1.call.rejectAnonymousCall="Yes".',
        suggestion: 'account.1.call.rejectAnonymousCall="Yes"',
      },
      {
        line: 2,
        severity: "error",
        code: "other-model",
        key: "P2347",
        message: 'P2347 is for GXP16xx, GXP17xx, GXP21xx, not the GRP2614; use account.1.sip.validate.incomingServer="Yes".',
        suggestion: 'account.1.sip.validate.incomingServer="Yes"',
      },
    ]);
  });

  it("accepts the recognised account 5–6 P-values with their caveat-free medium confidence", () => {
    expect(lint({ vendor: "grandstream", model: "GXP2170", firmware: "1.0.11.85", text: 'P1713="5080"' })).toEqual({ ok: true, findings: [] });
  });
});

describe("lint: Polycom, Snom, Cisco, Fanvil", () => {
  it("Polycom: capitalised Source and a digest challenge", () => {
    const text = 'voIpProt.SIP.requestValidation.1.method="Source"\nvoIpProt.SIP.requestValidation.1.method="digest"';
    const result = lint({ vendor: "polycom", firmware: "4.1.6", text });
    expect(result.findings).toEqual([
      {
        line: 1,
        severity: "warning",
        code: "wrong-case",
        key: "voIpProt.SIP.requestValidation.1.method",
        message: 'value "Source" should be written "source" (case sensitivity is UNVERIFIED).',
        suggestion: 'voIpProt.SIP.requestValidation.1.method="source"',
      },
      {
        line: 2,
        severity: "warning",
        code: "duplicate-key",
        key: "voIpProt.SIP.requestValidation.1.method",
        message: "voIpProt.SIP.requestValidation.1.method is already set on line 1; which one wins depends on the provisioning tool.",
      },
      {
        line: 2,
        severity: "warning",
        code: "risky-value",
        key: "voIpProt.SIP.requestValidation.1.method",
        message:
          'voIpProt.SIP.requestValidation.1.method="digest": Challenges every INVITE: the PBX must answer with the line\'s credentials or all inbound calls fail (§0).',
      },
    ]);
  });

  it("Polycom: the UC Software port name on SIP 3.1", () => {
    expect(brief(lint({ vendor: "polycom", firmware: "3.1.6", text: 'voIpProt.SIP.local.port="5070"' }).findings)).toEqual(["1 error other-firmware"]);
  });

  it("Snom M100 KLE: unknown keys are errors, the article's key is UNVERIFIED", () => {
    const text = 'trusted_servers.only_accept_sip_account_servers="1"\ntrusted_servers.only_accept_registrar="1"';
    const result = lint({ vendor: "snom", model: "M100 KLE", firmware: "V0550", text });
    expect(brief(result.findings)).toEqual(["1 warning uncertain-key", "2 error unknown-key"]);
    expect(result.findings[1]?.message).toBe(
      "trusted_servers.only_accept_registrar is not a known Snom setting; an unknown key does nothing, or makes the phone skip other settings.",
    );
  });

  it("Snom: desk-phone keys on the M100 KLE, and legacy flag syntax on a desk phone", () => {
    expect(lint({ vendor: "snom", model: "M100-KLE", firmware: "V0550", text: "filter_registrar$: on" }).findings).toEqual([
      {
        line: 1,
        severity: "error",
        code: "other-model",
        key: "filter_registrar",
        message: 'filter_registrar is for Desk phones (D-series, 3xx/7xx), not the M100 KLE; use trusted_servers.only_accept_sip_account_servers="1".',
        suggestion: 'trusted_servers.only_accept_sip_account_servers="1"',
      },
    ]);
    expect(lint({ vendor: "snom", model: "D785", firmware: "10.1", text: "filter_registrar!: on\nuser_sipusername_as_line1$: on" }).findings).toEqual([
      {
        line: 2,
        severity: "warning",
        code: "risky-value",
        key: "user_sipusername_as_line1",
        message: 'user_sipusername_as_line1="on": on relaxes the Request-URI check, letting INVITEs for any user part ring the phone.',
      },
    ]);
  });

  it("Cisco: Restrict_Source_IP is not sourced for phones", () => {
    expect(brief(lint({ vendor: "cisco", model: "8861", firmware: "11.3.7", text: 'Restrict_Source_IP_1_="Yes"' }).findings)).toEqual(["1 error other-model"]);
    expect(lint({ vendor: "cisco", model: "PAP2T", firmware: "5.1", text: 'Restrict_Source_IP_1_="Yes"' })).toEqual({ ok: true, findings: [] });
  });

  it("does not lint XML or Fanvil's element paths", () => {
    expect(lint({ vendor: "fanvil", model: "X4U", firmware: "2.1", text: "sip.SIPPort=5070" }).findings).toEqual([
      { line: 1, severity: "info", code: "not-linted", message: 'Fanvil settings are XML elements with no flat key form; paste override lines (key="value").' },
    ]);
    expect(lint({ vendor: "cisco", model: "8861", firmware: "11", text: "<flat-profile/>" }).findings[0]?.code).toBe("not-linted");
  });
});

describe("lint: malformed lines and input", () => {
  it("reports lines that are not settings and opening-quote mistakes", () => {
    const result = lint({ vendor: "yealink", firmware: "V81", text: 'sip.trust_ctrl 1\nsip.trust_ctrl=1"' });
    expect(result.findings).toEqual([
      { line: 1, severity: "error", code: "malformed", message: 'not a setting line; expected key="value"' },
      { line: 2, severity: "error", code: "malformed", message: "missing opening quote", suggestion: 'sip.trust_ctrl="1"' },
    ]);
  });

  it("throws the zod error on an invalid request", () => {
    expect(() => lint({ vendor: "yealink", firmware: "newest", text: "" })).toThrow(ZodError);
  });
});
