import { describe, expect, it } from "vitest";
import * as z from "zod";
import { lintRequestSchema, remediationRequestSchema } from "./schema";

const base = { vendor: "yealink", model: "T46G", firmware: "28.81.0.110", actions: ["accept-server-only"] };

function fieldErrors(input: unknown) {
  const result = remediationRequestSchema.safeParse(input);
  if (result.success) throw new Error("expected the request to be rejected");
  return z.flattenError(result.error);
}

describe("remediationRequestSchema accepts valid requests", () => {
  it("applies the defaults", () => {
    expect(remediationRequestSchema.parse(base)).toEqual({ ...base, params: {}, syntax: "override" });
  });

  it("accepts IPv4/IPv6 addresses and CIDRs, a port and an account", () => {
    const request = {
      ...base,
      actions: ["listen-port", "firewall"],
      params: { port: 5070, account: 6, servers: ["203.0.113.10", "198.51.100.0/24", "2001:db8::1", "2001:db8::/32"] },
      syntax: "native",
    };
    expect(remediationRequestSchema.parse(request)).toEqual(request);
  });

  it("accepts the boundary ports", () => {
    for (const port of [1024, 5062, 65535]) {
      expect(remediationRequestSchema.safeParse({ ...base, actions: ["listen-port"], params: { port } }).success).toBe(true);
    }
  });
});

describe("remediationRequestSchema rejects invalid parameters", () => {
  const cases: [string, unknown, Record<string, string[]>][] = [
    ["port below 1024", { ...base, actions: ["listen-port"], params: { port: 80 } }, { params: ["port must be 1024 or higher"] }],
    ["port above 65535", { ...base, actions: ["listen-port"], params: { port: 70000 } }, { params: ["port must be 65535 or lower"] }],
    [
      "port 5060",
      { ...base, actions: ["listen-port"], params: { port: 5060 } },
      { params: ["5060 and 5061 are the standard SIP ports scanners try first; choose another port"] },
    ],
    [
      "port 5061",
      { ...base, actions: ["listen-port"], params: { port: 5061 } },
      { params: ["5060 and 5061 are the standard SIP ports scanners try first; choose another port"] },
    ],
    ["fractional port", { ...base, actions: ["listen-port"], params: { port: 5070.5 } }, { params: ["port must be a whole number"] }],
    ["port as a string", { ...base, actions: ["listen-port"], params: { port: "5070" } }, { params: ["port must be a whole number"] }],
    ["account 0", { ...base, params: { account: 0 } }, { params: ["account numbers start at 1"] }],
    ["account beyond the model", { ...base, params: { account: 7 } }, { params: ["account 7 does not exist: the SIP-T46G has 6 account(s)"] }],
    [
      "account beyond every model of the vendor",
      { vendor: "polycom", firmware: "4.1.6", actions: ["accept-server-only"], params: { account: 17 } },
      { params: ["account 17 does not exist: Polycom models have at most 16 account(s)"] },
    ],
    [
      "Grandstream account 2 on a one-account GXP1610",
      { vendor: "grandstream", model: "GXP1610", firmware: "1.0.3.6", actions: ["listen-port"], params: { port: 5070, account: 2 } },
      { params: ["account 2 does not exist: the GXP1610 has 1 account(s)"] },
    ],
    [
      "a server that is not an address",
      { ...base, actions: ["firewall"], params: { servers: ["sip.example.com"] } },
      { params: ["must be an IPv4 or IPv6 address or CIDR range (e.g. 203.0.113.10, 198.51.100.0/24, 2001:db8::/32)"] },
    ],
    [
      "an IPv4 prefix longer than 32",
      { ...base, actions: ["firewall"], params: { servers: ["10.0.0.0/33"] } },
      { params: ["must be an IPv4 or IPv6 address or CIDR range (e.g. 203.0.113.10, 198.51.100.0/24, 2001:db8::/32)"] },
    ],
    ["an empty server list", { ...base, actions: ["firewall"], params: { servers: [] } }, { params: ["give at least one SIP server address"] }],
    ["listen-port without a port", { ...base, actions: ["listen-port"] }, { params: ["listen-port needs params.port"] }],
    ["firewall without servers", { ...base, actions: ["firewall"] }, { params: ["firewall needs params.servers (the SIP servers' addresses)"] }],
    ["unknown params", { ...base, params: { ports: 5070 } }, { params: ['Unrecognized key: "ports"'] }],
  ];

  it.each(cases)("%s", (_name, input, expected) => {
    expect(fieldErrors(input).fieldErrors).toEqual(expected);
  });

  it("points each issue at its exact path", () => {
    const result = remediationRequestSchema.safeParse({ ...base, actions: ["listen-port", "firewall"], params: { port: 5060, servers: ["x"] } });
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join("."))).toEqual(["params.port", "params.servers.0"]);
  });
});

describe("remediationRequestSchema rejects invalid targets and actions", () => {
  const cases: [string, unknown, Record<string, string[]>][] = [
    [
      "unknown vendor",
      { ...base, vendor: "avaya" },
      { vendor: ["unknown vendor; expected one of yealink, polycom, grandstream, snom, cisco, fanvil"] },
    ],
    [
      "unknown model whose family decides the keys",
      { vendor: "snom", model: "M300", firmware: "10.1", actions: ["accept-server-only"] },
      { model: [expect.stringMatching(/^unknown Snom model "M300"; closest: .*M100-KLE/) as unknown as string] },
    ],
    [
      "Snom without a model",
      { vendor: "snom", firmware: "10.1", actions: ["accept-server-only"] },
      { model: ["Snom needs the model: its families use different settings (Desk phones (D-series, 3xx/7xx); M100 KLE DECT base)"] },
    ],
    ["unparseable firmware", { ...base, firmware: "V8x" }, { firmware: [expect.stringMatching(/^not a Yealink firmware version; expected A\.B\.C\.D/) as unknown as string] }],
    ["empty firmware", { ...base, firmware: " " }, { firmware: ["firmware is required"] }],
    [
      "unknown action",
      { ...base, actions: ["block-scanners"] },
      { actions: ["unknown action; expected one of accept-server-only, disable-ip-calls, listen-port, check-user-id, reject-anonymous, firewall"] },
    ],
    ["no action", { ...base, actions: [] }, { actions: ["choose at least one action"] }],
    ["duplicate action", { ...base, actions: ["firewall", "firewall"], params: { servers: ["192.0.2.1"] } }, { actions: ["each action may appear only once"] }],
    ["unknown syntax", { ...base, syntax: "xml" }, { syntax: ["syntax must be override or native"] }],
  ];

  it.each(cases)("%s", (_name, input, expected) => {
    expect(fieldErrors(input).fieldErrors).toEqual(expected);
  });

  it("rejects unknown top-level fields", () => {
    expect(fieldErrors({ ...base, dryRun: true }).formErrors).toEqual(['Unrecognized key: "dryRun"']);
  });
});

describe("lintRequestSchema", () => {
  it("checks the target like the generator does", () => {
    const result = lintRequestSchema.safeParse({ vendor: "grandstream", firmware: "1.0.1.133", text: "" });
    expect(result.success ? {} : z.flattenError(result.error).fieldErrors).toEqual({
      model: ["Grandstream needs the model: its families use different settings (GXP16xx; GXP17xx; GXP21xx; GRP26xx; WP8x6 Wi-Fi phones)"],
    });
  });

  it("limits the pasted text", () => {
    const result = lintRequestSchema.safeParse({ vendor: "yealink", firmware: "V73", text: "x".repeat(100_001) });
    expect(result.success ? {} : z.flattenError(result.error).fieldErrors).toEqual({ text: ["paste at most 100,000 characters"] });
  });
});
