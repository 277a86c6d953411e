// `npm run bench -- --only suite`: the test suites' wall times, `npm test` (the inner loop, goal
// 45 s on a quiet 2-core machine) and `npm run test:all` (every test file in one run, the README's
// and CI's command, goal 3 min), each run once as a developer runs it, with the machine's load
// average before and after (other work on the cores shows there) and the CPU time the run and its
// children spent (on 2 cores, the floor of its wall time is half of it). Per-file times and the
// totals are vitest's own lines, as it printed them (test:all's name each file's project).
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { recordGoal } from "./goals.js";
import { stripVTControlCharacters } from "node:util";
import { ROOT } from "../registry/apis.js";
import { timeRun } from "./process.js";

const SUITES = [
  { name: "npm test", args: ["test", "--silent"], goal: { name: "npm test (inner loop), wall", limit: 45 } },
  {
    name: "npm run test:all",
    args: ["run", "test:all", "--silent"],
    goal: { name: "npm run test:all (every test file, one run), wall", limit: 180 },
  },
];

/** CPU seconds of this process's children that have been waited for (timeRun waits), from Linux's
 * /proc/self/stat (cutime + cstime, in USER_HZ = 100 ticks a second); undefined elsewhere. */
function childrenCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    // After "pid (comm) ", field 3 is the state: cutime and cstime are fields 16 and 17.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

export function benchSuite(log: (line: string) => void): void {
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  for (const suite of SUITES) {
    log(`\n== test suite: ${suite.name} (once; load average 1/5/15 min before: ${load()})`);
    const cpu = childrenCpuSeconds();
    const run = timeRun("npm", suite.args, ROOT, {
      ...process.env,
      REDOCLY_TELEMETRY: "off",
      npm_config_update_notifier: "false",
    });
    const cpuSeconds = cpu === undefined ? undefined : childrenCpuSeconds()! - cpu;
    recordGoal({ ...suite.goal, value: run.ms / 1000, unit: "s", kind: "max" });
    const lines = `${run.stdout}${run.stderr}`.split("\n").map(stripVTControlCharacters);
    for (const line of lines.filter((l) => /^ [✓❯×↓] +(\|?[\w-]+\|? +)?test\/\S+\.test\.ts /.test(l)))
      log(`  ${line.trim()}`);
    for (const line of lines.filter((l) => /^\s*(Test Files|Tests|Duration)\s/.test(l))) log(`  ${line.trim()}`);
    const cpuText =
      cpuSeconds === undefined ? "" : `; CPU ${cpuSeconds.toFixed(1)} s (user + system, with every child)`;
    log(`  wall ${(run.ms / 1000).toFixed(1)} s${cpuText}; exit ${run.status}; load average after: ${load()}`);
    if (run.status !== 0) {
      process.exitCode = 1;
      log(`${run.stdout}\n${run.stderr}`.trimEnd().split("\n").slice(-40).join("\n"));
    }
  }
}
