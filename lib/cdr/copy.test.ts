import { describe, expect, it } from "vitest";
import { copyValue, rejectsToCopyText } from "./copy";

const importId = "0193a4b2-0000-7000-8000-000000000002";
describe("rejectsToCopyText", () => {
  it("escapes untrusted text, each line led by the import's id", () => {
    expect(rejectsToCopyText([{ line: 3, raw: "a\tb\\c", reason: "bad" }], importId).toString("utf8")).toBe(`${importId}\t3\ta\\tb\\\\c\tbad\t\\N\n`);
  });

  it("writes null for non-finite numbers", () => {
    expect(copyValue(Number.NaN)).toBe("\\N");
    expect(copyValue(undefined)).toBe("\\N");
  });
});
