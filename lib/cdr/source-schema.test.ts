import { describe, expect, it } from "vitest";
import { cdrSourceInputSchema, sourceInputFromForm } from "./source-schema";

describe("sourceInputFromForm", () => {
  it("reads a plain source, leaving a blank country to the default", () => {
    const input = sourceInputFromForm({ name: " pbx-east ", format: "asterisk", timeZone: "america/chicago", defaultCountry: "" });
    expect(cdrSourceInputSchema.parse(input)).toEqual({ name: "pbx-east", format: "asterisk", timeZone: "America/Chicago", defaultCountry: "US" });
  });

  it("builds the column mapping for `mapped`: header names, digit positions, tab delimiter, no header", () => {
    const input = sourceInputFromForm({
      name: "legacy",
      format: "mapped",
      timeZone: "UTC",
      defaultCountry: "gb",
      "mapping.start": "0",
      "mapping.caller": "2",
      "mapping.callee": "3",
      "mapping.disposition": "",
      "mapping.dateFormat": "dmy",
      "mapping.delimiter": "tab",
    });
    expect(cdrSourceInputSchema.parse(input)).toEqual({
      name: "legacy",
      format: "mapped",
      timeZone: "UTC",
      defaultCountry: "GB",
      mapping: { start: 0, caller: 2, callee: 3, dateFormat: "dmy", delimiter: "\t", hasHeader: false },
    });
  });

  it("lets the schema refuse names without a header row, and a mapping for another format is dropped", () => {
    const named = sourceInputFromForm({ name: "x", format: "mapped", timeZone: "UTC", "mapping.start": "Start", "mapping.caller": "From", "mapping.callee": "To" });
    expect(cdrSourceInputSchema.safeParse(named).success).toBe(false);
    const withHeader = sourceInputFromForm({ name: "x", format: "mapped", timeZone: "UTC", "mapping.hasHeader": "on", "mapping.start": "Start", "mapping.caller": "From", "mapping.callee": "To" });
    expect(cdrSourceInputSchema.parse(withHeader).mapping).toMatchObject({ start: "Start", caller: "From", callee: "To", hasHeader: true, delimiter: "," });
    expect(sourceInputFromForm({ name: "y", format: "asterisk", timeZone: "UTC", "mapping.start": "0" })).not.toHaveProperty("mapping");
  });
});
