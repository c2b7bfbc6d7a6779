// Prints one closing line over the unit (vitest) and e2e (Playwright) reports: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function vitestCounts(file: string): Counts {
  const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightCounts(file: string): Counts {
  const report = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected + flaky, failed: unexpected, skipped };
}

const reports: [string, (file: string) => Counts][] = [
  ['out/test-results/vitest.json', vitestCounts],
  ['out/test-results/playwright.json', playwrightCounts],
];
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
for (const [file, read] of reports) {
  if (!existsSync(file)) {
    console.error(`test-summary: ${file} is missing: did that suite run?`);
    process.exit(1);
  }
  const counts = read(file);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
