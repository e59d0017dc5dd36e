import { describe, expect, it } from "vitest";
import { classifyDisposition, createNumberNormaliser, endpointOf, parseSeconds, splitCallerId } from "./normalise";

describe("createNumberNormaliser", () => {
  const us = createNumberNormaliser("US");

  it("writes one US number three ways as the same E.164", () => {
    expect(us("3125550101")).toBe("+13125550101");
    expect(us("13125550101")).toBe("+13125550101");
    expect(us("+13125550101")).toBe("+13125550101");
    expect(us("+1 (312) 555-0101")).toBe("+13125550101");
  });

  it("understands international prefixes for the default country", () => {
    expect(us("011442079460000")).toBe("+442079460000");
    expect(createNumberNormaliser("FR")("0611360468")).toBe("+33611360468");
    expect(createNumberNormaliser("RU")("89241234567")).toBe("+79241234567");
  });

  it("keeps extensions and short codes as digits", () => {
    expect(us("202")).toBe("202");
    expect(us("100")).toBe("100");
    expect(us("51002")).toBe("51002");
  });

  it("unwraps 3CX Ext.NNN and SIP / tel URIs", () => {
    expect(us("Ext.610")).toBe("610");
    expect(us("sip:100@1.1.1.1")).toBe("100");
    expect(us("sip:+13125550101@carrier.example;user=phone")).toBe("+13125550101");
    expect(us("tel:+13125550101")).toBe("+13125550101");
  });

  it("gives null for text that is not a number", () => {
    expect(us("s")).toBeNull();
    expect(us("anonymous")).toBeNull();
    expect(us("abc123")).toBeNull();
    expect(us("gonzalo@parzee.com")).toBeNull();
    expect(us("")).toBeNull();
  });

  it("keeps dial-out-prefixed sweeps as dialled, and only + numbers without a country", () => {
    expect(us("9011441234567")).toBe("9011441234567");
    const none = createNumberNormaliser();
    expect(none("3125550101")).toBe("3125550101");
    expect(none("+13125550101")).toBe("+13125550101");
  });
});

describe("splitCallerId", () => {
  it("splits Asterisk clid forms", () => {
    expect(splitCallerId('"Alice Smith" <3125550101>')).toEqual({ name: "Alice Smith", number: "3125550101" });
    expect(splitCallerId('"" <100>')).toEqual({ name: "", number: "100" });
    expect(splitCallerId("<100>")).toEqual({ name: "", number: "100" });
    expect(splitCallerId('"Bob, Jr."')).toEqual({ name: "Bob, Jr.", number: "" });
    expect(splitCallerId("3125550101")).toEqual({ name: "", number: "3125550101" });
  });

  it("reads FreePBX's reordered Hebrew form and scanner From headers", () => {
    expect(splitCallerId('<123> "דנה"')).toEqual({ name: "דנה", number: "123" });
    expect(splitCallerId('"sipvicious"<sip:100@1.1.1.1>')).toEqual({ name: "sipvicious", number: "sip:100@1.1.1.1" });
  });
});

describe("classifyDisposition", () => {
  it("maps Asterisk dispositions regardless of answer time", () => {
    expect(classifyDisposition("ANSWERED", false)).toBe("ANSWERED");
    expect(classifyDisposition("NO ANSWER", true)).toBe("NO_ANSWER");
    expect(classifyDisposition("BUSY", false)).toBe("BUSY");
    expect(classifyDisposition("FAILED", true)).toBe("FAILED");
    expect(classifyDisposition("CONGESTION", false)).toBe("FAILED");
    expect(classifyDisposition("CANCEL", false)).toBe("NO_ANSWER");
  });

  it("uses answer state for end-of-call codes", () => {
    expect(classifyDisposition("NORMAL_CLEARING", true)).toBe("ANSWERED");
    expect(classifyDisposition("NORMAL_CLEARING", false)).toBe("NO_ANSWER");
    expect(classifyDisposition("TerminatedBySrc", true)).toBe("ANSWERED");
    expect(classifyDisposition("16", false)).toBe("NO_ANSWER");
    expect(classifyDisposition("", true)).toBe("ANSWERED");
    expect(classifyDisposition("", false)).toBe("OTHER");
  });

  it("maps FreeSWITCH causes, 3CX reasons, Q.850 and SIP codes", () => {
    expect(classifyDisposition("ORIGINATOR_CANCEL", false)).toBe("NO_ANSWER");
    expect(classifyDisposition("USER_BUSY", false)).toBe("BUSY");
    expect(classifyDisposition("CALL_REJECTED", false)).toBe("FAILED");
    expect(classifyDisposition("Failed_Cancelled", false)).toBe("NO_ANSWER");
    expect(classifyDisposition("RouteBusy", false)).toBe("BUSY");
    expect(classifyDisposition("NoRouteExists", false)).toBe("FAILED");
    expect(classifyDisposition("17", false)).toBe("BUSY");
    expect(classifyDisposition("1", false)).toBe("FAILED");
    expect(classifyDisposition("486", false)).toBe("BUSY");
    expect(classifyDisposition("487", false)).toBe("NO_ANSWER");
    expect(classifyDisposition("200", false)).toBe("ANSWERED");
    expect(classifyDisposition("393216", false)).toBe("OTHER");
    expect(classifyDisposition("SomethingNew", false)).toBe("OTHER");
  });
});

describe("endpointOf", () => {
  it("takes the ringing device from Asterisk channel names", () => {
    expect(endpointOf("PJSIP/202-0000001f")).toBe("202");
    expect(endpointOf("SIP/trunk-00000a1b")).toBe("trunk");
    expect(endpointOf("PJSIP/my-trunk-00000001")).toBe("my-trunk");
    expect(endpointOf("Local/202@from-internal-00000012;1")).toBe("202");
    expect(endpointOf("")).toBeNull();
  });

  it("reads extension forms", () => {
    expect(endpointOf("Ext.202")).toBe("202");
    expect(endpointOf("202")).toBe("202");
    expect(endpointOf("sip:202@pbx.example")).toBe("202");
  });
});

describe("parseSeconds", () => {
  it("reads integers, fractions and H:MM:SS", () => {
    expect(parseSeconds("42")).toBe(42);
    expect(parseSeconds("30.250")).toBe(30.25);
    expect(parseSeconds("00:05:15")).toBe(315);
    expect(parseSeconds("1:02:03")).toBe(3723);
    expect(parseSeconds("05:15")).toBe(315);
    expect(parseSeconds("abc")).toBeNaN();
  });
});
