import { describe, expect, it } from "vitest";
import { playwrightResult, vitestResult } from "./test-reports.ts";

describe("vitestResult", () => {
  it("counts a file that failed to load as a failure, and tallies the reliability groups", () => {
    const result = vitestResult({
      numPassedTests: 3,
      numFailedTests: 1,
      numPendingTests: 1,
      numTodoTests: 0,
      testResults: [
        {
          status: "failed",
          assertionResults: [
            { fullName: "[reliability: crash] import killed while streaming leaves nothing", status: "passed" },
            { fullName: "[reliability: crash] retry loads exactly the file", status: "failed" },
            { fullName: "[reliability: corpus] truncated gzip is refused", status: "skipped" },
            { fullName: "loader keeps rejects", status: "passed" },
          ],
        },
        { status: "passed", assertionResults: [{ fullName: "[reliability: crash] two imports", status: "passed" }] },
        { status: "failed", assertionResults: [] },
      ],
    });
    expect({ passed: result.passed, failed: result.failed, skipped: result.skipped }).toEqual({
      passed: 3,
      failed: 2,
      skipped: 1,
    });
    expect(Object.fromEntries(result.groups)).toEqual({
      crash: { passed: 2, failed: 1, skipped: 0 },
      corpus: { passed: 0, failed: 0, skipped: 1 },
    });
  });
});

describe("playwrightResult", () => {
  it("reads a group from any enclosing describe and counts flaky tests as passed", () => {
    const result = playwrightResult({
      stats: { expected: 2, unexpected: 1, flaky: 1, skipped: 0 },
      suites: [
        {
          title: "untrusted.spec.ts",
          suites: [
            {
              title: "[reliability: untrusted] hostile caller IDs",
              specs: [
                { title: "queue", tests: [{ status: "expected" }] },
                { title: "inbox", tests: [{ status: "unexpected" }] },
              ],
              suites: [{ title: "csv", specs: [{ title: "export", tests: [{ status: "flaky" }] }] }],
            },
          ],
        },
        { title: "queue.spec.ts", specs: [{ title: "sorts", tests: [{ status: "expected" }] }] },
      ],
    });
    expect(result.passed).toBe(3);
    expect(result.failed).toBe(1);
    expect(Object.fromEntries(result.groups)).toEqual({ untrusted: { passed: 2, failed: 1, skipped: 0 } });
  });
});
