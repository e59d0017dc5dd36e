// Reading the runners' JSON reports into the counts `npm test` prints. Pure,
// so the rules (a file that fails to load is a failure; the reliability
// groups) are tested without running a suite.

export type Counts = { passed: number; failed: number; skipped: number };
/** A suite's counts, and its tests' outcomes by reliability group. */
export type SuiteResult = Counts & { groups: Map<string, Counts> };
type Outcome = keyof Counts;

export const noCounts = (): Counts => ({ passed: 0, failed: 0, skipped: 0 });
export const addCounts = (sum: Counts, c: Counts): Counts => ({
  passed: sum.passed + c.passed,
  failed: sum.failed + c.failed,
  skipped: sum.skipped + c.skipped,
});
export const countsLine = (c: Counts) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;

// The reliability and security suite (issue 16) is spread over the three
// runners; its tests carry their group in a describe title, so that the
// summary can say how many of each ran.
const GROUP_TAG = /\[reliability: ([a-z-]+)\]/;

function tally(groups: Map<string, Counts>, title: string, outcome: Outcome) {
  const group = GROUP_TAG.exec(title)?.[1];
  if (!group) return;
  const counts = groups.get(group) ?? noCounts();
  counts[outcome] += 1;
  groups.set(group, counts);
}

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: { fullName: string; status: string }[] }[];
};

export function vitestResult(report: VitestReport): SuiteResult {
  // A file that fails to load counts as a failure even with no test in it.
  const brokenFiles = report.testResults.filter((t) => t.status === "failed" && t.assertionResults.length === 0).length;
  const groups = new Map<string, Counts>();
  for (const test of report.testResults.flatMap((f) => f.assertionResults)) {
    tally(groups, test.fullName, test.status === "passed" ? "passed" : test.status === "failed" ? "failed" : "skipped");
  }
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
    groups,
  };
}

type PlaywrightSuite = {
  title: string;
  specs?: { title: string; tests: { status: string }[] }[];
  suites?: PlaywrightSuite[];
};
type PlaywrightReport = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites?: PlaywrightSuite[];
};

export function playwrightResult(report: PlaywrightReport): SuiteResult {
  const groups = new Map<string, Counts>();
  const walk = (suites: PlaywrightSuite[], titles: string[]) => {
    for (const suite of suites) {
      const path = [...titles, suite.title];
      for (const spec of suite.specs ?? []) {
        for (const test of spec.tests) {
          // Playwright's statuses: expected, unexpected, flaky (passed on a retry), skipped.
          const outcome = test.status === "skipped" ? "skipped" : test.status === "unexpected" ? "failed" : "passed";
          tally(groups, [...path, spec.title].join(" "), outcome);
        }
      }
      walk(suite.suites ?? [], path);
    }
  };
  walk(report.suites ?? [], []);
  const { stats } = report;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped, groups };
}
