import { describe, expect, it } from "vitest";
import * as z from "zod";
import { deviceInputSchema, devicePatchSchema, formatMac, normaliseMac } from "./schema.ts";

const fieldErrors = (input: unknown) => {
  const result = deviceInputSchema.safeParse(input);
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
};

describe("normaliseMac", () => {
  it.each(["80:5E:C0:A1:B2:C3", "80-5e-c0-a1-b2-c3", "805e.c0a1.b2c3", " 805EC0A1B2C3 ", "80 5e c0 a1 b2 c3"])("reads %j", (text) => {
    expect(normaliseMac(text)).toBe("805ec0a1b2c3");
  });

  it.each(["805ec0a1b2", "805ec0a1b2c3d4", "80:5e:c0:a1:b2:zz", ""])("refuses %j", (text) => {
    expect(normaliseMac(text)).toBeNull();
  });

  it("prints a stored MAC with colons", () => {
    expect(formatMac("805ec0a1b2c3")).toBe("80:5e:c0:a1:b2:c3");
  });
});

describe("deviceInputSchema", () => {
  it("accepts a catalog phone, spells the model as the catalog does and normalises the MAC", () => {
    expect(deviceInputSchema.parse({ vendor: "yealink", model: "t46g", firmware: "28.73.0.50", mac: "80:5E:C0:A1:B2:C3", extension: "101" })).toEqual({
      vendor: "yealink",
      model: "T46G",
      firmware: "28.73.0.50",
      mac: "805ec0a1b2c3",
      extension: "101",
    });
  });

  it("treats empty MAC and extension fields as none", () => {
    expect(deviceInputSchema.parse({ vendor: "polycom", model: "VVX 410", firmware: "5.9.5", mac: "", extension: " " })).toMatchObject({ mac: null, extension: null });
  });

  it("refuses firmware that is not in the vendor's format, saying what is expected", () => {
    expect(fieldErrors({ vendor: "yealink", model: "T46G", firmware: "latest" }).firmware?.[0]).toMatch(/not a Yealink firmware version; expected A\.B\.C\.D/);
  });

  it("refuses a model the vendor's catalog does not list, naming the closest ones", () => {
    expect(fieldErrors({ vendor: "grandstream", model: "GXP217O", firmware: "1.0.11.3" }).model?.[0]).toMatch(/unknown Grandstream model "GXP217O"; closest: .*GXP2170/);
  });

  it("stores the catalog's canonical model for a name as written on the box", () => {
    for (const [vendor, model, canonical] of [["polycom", "vvx-411", "VVX411"], ["polycom", "Poly Edge E350", "E350"], ["cisco", "CP-8841-3PCC-K9", "8841"]] as const) {
      const firmware = vendor === "polycom" ? "5.9.0" : "sip88xx.11-3-7MPP";
      expect(deviceInputSchema.parse({ vendor, model, firmware }).model).toBe(canonical);
    }
  });

  it("refuses an unknown vendor, a bad MAC and a non-numeric extension", () => {
    const errors = fieldErrors({ vendor: "acme", model: "X", firmware: "1", mac: "not-a-mac", extension: "abc" });
    expect(Object.keys(errors).sort()).toEqual(["extension", "mac", "vendor"]);
    expect(errors.mac?.[0]).toContain("12 hex digits");
  });
});

describe("devicePatchSchema", () => {
  it("lets null clear the MAC and refuses an empty patch or unknown fields", () => {
    expect(devicePatchSchema.parse({ mac: null })).toEqual({ mac: null });
    expect(devicePatchSchema.safeParse({}).success).toBe(false);
    expect(devicePatchSchema.safeParse({ customerId: "x" }).success).toBe(false);
  });
});
