// `npm run bench -- --only suite`: the test suites' wall times, `npm test` (the inner loop, goal
// under 90 s on a quiet 2-core machine) and `npm run test:e2e`, each run once as a developer runs
// it, with the machine's load average before and after (other work on the cores shows there).
// Per-file times and the totals are vitest's own lines, as it printed them.
import { loadavg } from "node:os";
import { stripVTControlCharacters } from "node:util";
import { ROOT } from "../registry/apis.js";
import { timeRun } from "./process.js";

const SUITES = [
  { name: "npm test", args: ["test", "--silent"] },
  { name: "npm run test:e2e", args: ["run", "test:e2e", "--silent"] },
];

export function benchSuite(log: (line: string) => void): void {
  const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
  for (const suite of SUITES) {
    log(`\n== test suite: ${suite.name} (once; load average 1/5/15 min before: ${load()})`);
    const run = timeRun("npm", suite.args, ROOT, { ...process.env, REDOCLY_TELEMETRY: "off", npm_config_update_notifier: "false" });
    const lines = `${run.stdout}${run.stderr}`.split("\n").map(stripVTControlCharacters);
    for (const line of lines.filter((l) => /^ [✓❯×↓] test\/\S+\.test\.ts /.test(l))) log(`  ${line.trim()}`);
    for (const line of lines.filter((l) => /^\s*(Test Files|Tests|Duration)\s/.test(l))) log(`  ${line.trim()}`);
    log(`  wall ${(run.ms / 1000).toFixed(1)} s; exit ${run.status}; load average after: ${load()}`);
    if (run.status !== 0) {
      process.exitCode = 1;
      log(`${run.stdout}\n${run.stderr}`.trimEnd().split("\n").slice(-40).join("\n"));
    }
  }
}
