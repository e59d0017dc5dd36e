import { describe, expect, it } from "vitest";
import { customerCreateSchema, customerUpdateSchema } from "./schema.ts";

describe("customerCreateSchema", () => {
  it("splits the form's numbers on lines, ';' and ',' and keeps their notation for the server", () => {
    const parsed = customerCreateSchema.parse({
      account: "DELTA-004",
      name: "Delta Dental",
      timeZone: "america/chicago",
      numbers: "+1 312 555 0101\n(312) 555-0303; 101,\n\n",
    });
    expect(parsed.timeZone).toBe("America/Chicago");
    expect(parsed.numbers).toEqual(["+1 312 555 0101", "(312) 555-0303", "101"]);
    expect(parsed.sources).toEqual([]);
  });

  it("refuses an unknown time zone and an account that would need escaping in a URL", () => {
    const result = customerCreateSchema.safeParse({ account: "a/b c", name: "X", timeZone: "Mars/Olympus" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(["account", "timeZone"]);
  });
});

describe("customerUpdateSchema", () => {
  it("needs at least one field and refuses fields it does not know", () => {
    expect(customerUpdateSchema.safeParse({}).success).toBe(false);
    expect(customerUpdateSchema.safeParse({ account: "NEW" }).success).toBe(false);
    expect(customerUpdateSchema.parse({ sources: ["pbx-a", "pbx-a"] })).toEqual({ sources: ["pbx-a"] });
  });
});
