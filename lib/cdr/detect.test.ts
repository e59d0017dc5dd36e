import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("detectFormat", () => {
  it.each([
    ["asterisk-16.csv", "asterisk", "cdr_csv, 16 columns (defaults)"],
    ["asterisk-17-userfield.csv", "asterisk", "cdr_csv, 17 columns (loguserfield)"],
    ["asterisk-18.csv", "asterisk", "cdr_csv, 18 columns (loguniqueid, loguserfield)"],
    ["asterisk-21.csv", "asterisk", "cdr_csv, 21 columns (loguniqueid, loguserfield, newcdrcolumns)"],
    ["asterisk-custom-19.csv", "asterisk-custom", "cdr_custom, 19 columns, clid first"],
    ["freepbx-26.csv", "freepbx", "header row, 26 columns (current)"],
    ["freepbx-16.csv", "freepbx", "header row, 16 columns (older FreePBX / IssabelPBX)"],
    ["freeswitch-13.csv", "freeswitch", "default template, 13 columns"],
    ["freeswitch-15.csv", "freeswitch", "example template, 15 columns"],
    ["3cx-v18.csv", "3cx", "v16/v18 flavour (Internal/External types)"],
    ["3cx-v20.csv", "3cx", "v20 flavour (Extension/Line types, `;` chain)"],
    ["cucm-typed.csv", "cucm", "header row + datatype row, 19 columns"],
    ["cucm-car.csv", "cucm", "header row, 19 columns"],
  ])("recognises %s", (file, format, variant) => {
    const detection = detectFormat(fixture(file));
    expect(detection).toMatchObject({ format, variant, overridden: false });
    if ("error" in detection) return;
    expect(detection.confidence).toBeGreaterThanOrEqual(0.75);
  });

  it("names the columns it found", () => {
    const detection = detectFormat(fixture("freepbx-16.csv"));
    expect("error" in detection ? [] : detection.columns.slice(0, 3)).toEqual(["calldate", "clid", "src"]);
  });

  it("refuses an unknown shape and says why", () => {
    const result = detectFormat("a,b,c,d,e\n1,2,3,4,5\n");
    expect(result).toEqual({ error: expect.stringContaining("no known CDR layout: line 1 is a header naming a, b, c, d, e") });
    expect(detectFormat("1,2,3,4,5\n")).toEqual({ error: expect.stringContaining("line 1 has 5 columns") });
  });

  it("checks an explicit format against the file", () => {
    expect(detectFormat("1,2,3,4,5\n", { format: "asterisk" })).toEqual({
      error: "16, 17, 18 or 21 columns expected for Asterisk cdr_csv, line 1 has 5",
    });
    expect(detectFormat(fixture("asterisk-18.csv"), { format: "freeswitch" })).toEqual({
      error: "13 or 15 columns expected for FreeSWITCH mod_cdr_csv, line 1 has 18",
    });
    expect(detectFormat(fixture("asterisk-18.csv"), { format: "asterisk" })).toMatchObject({ format: "asterisk", overridden: true });
  });

  it("refuses a known shape whose rows do not parse", () => {
    const bad = fixture("asterisk-18.csv").replaceAll("2026-07-01 10:", "2026-07-01 99:");
    expect(detectFormat(bad)).toEqual({ error: expect.stringMatching(/only 0 of 4 sampled rows parse; line 1: start time "2026-07-01 99:00:00" is not a valid ymd date-time/) });
  });

  it("checks a mapping against the header", () => {
    const mapping = {
      start: "Datum",
      caller: "From",
      callee: "To",
      dateFormat: "dmy" as const,
      hasHeader: true,
      delimiter: ";" as const,
    };
    expect(detectFormat(fixture("mapped-semicolon.csv"), { format: "mapped", mapping })).toEqual({
      error: 'the mapping puts start in column "Datum", but the header has: Call ID, Date, From, To, Result, Talk (s), Extension',
    });
    expect(detectFormat(fixture("mapped-semicolon.csv"), { format: "mapped", mapping: { ...mapping, start: "Date" } })).toMatchObject({
      format: "mapped",
      confidence: 1,
    });
  });
});
