import { describe, expect, it } from "vitest";
import { verdictLines } from "./matching.ts";

describe("verdictLines", () => {
  it("prints each ring with its verdict and caveats, then each finding with its evidence", () => {
    const lines = verdictLines({
      verdicts: [
        { ticket: "T-1", account: "ACME", number: "101", ringTime: "2026-07-01T08:12:00.000Z", verdict: "NO_PBX_RECORD", caveats: ["weak"] },
      ],
      findings: [{ account: "ACME", level: "POSSIBLE", score: 40, evidence: [{ rule: "noPbxRecord", weight: 40, text: "1 of 1 checked ring had no PBX record." }] }],
    });
    expect(lines).toEqual([
      "T-1  ACME  101  2026-07-01T08:12:00.000Z  NO_PBX_RECORD",
      "    ! weak",
      "",
      "ACME: POSSIBLE (score 40)",
      "    +40 1 of 1 checked ring had no PBX record.",
    ]);
  });
});
