// `npm run bench -- --only suite`: the test suites' wall times, `npm test` (the inner loop, goal
// 45 s on a quiet 2-core machine) and `npm run test:all` (every test file in one run, the README's
// and CI's command, goal 3 min), each run once as a developer runs it, with the machine's load
// average before and after (other work on the cores shows there), the CPU time the run and its
// waited-for children spent, and the machine's busy CPU time over the run (with Chromium's
// renderers, which the former misses; on a quiet machine, the run's CPU: on 2 cores the floor of
// its wall time is half of it). Per-file times and the
// totals are vitest's own lines, as it printed them (test:all's name each file's project).
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
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

/** CPU seconds the whole machine spent busy (user, nice, system, irq, softirq, steal) since boot,
 * from Linux's /proc/stat; undefined elsewhere. Over a run on a quiet machine this is the run's
 * CPU with what childrenCpuSeconds cannot see: Chromium's renderers, forked by its zygote, which
 * no process of the run waits for (about a third of test:all's CPU). */
function machineBusySeconds(): number | undefined {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number) as number[];
    return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
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
    const busy = machineBusySeconds();
    const run = timeRun("npm", suite.args, ROOT, {
      ...process.env,
      REDOCLY_TELEMETRY: "off",
      npm_config_update_notifier: "false",
    });
    const cpuSeconds = cpu === undefined ? undefined : childrenCpuSeconds()! - cpu;
    const busySeconds = busy === undefined ? undefined : machineBusySeconds()! - busy;
    recordGoal({ ...suite.goal, value: run.ms / 1000, unit: "s", kind: "max" });
    const lines = `${run.stdout}${run.stderr}`.split("\n").map(stripVTControlCharacters);
    for (const line of lines.filter((l) => /^ [✓❯×↓] +(\|?[\w-]+\|? +)?test\/\S+\.test\.ts /.test(l)))
      log(`  ${line.trim()}`);
    for (const line of lines.filter((l) => /^\s*(Test Files|Tests|Duration)\s/.test(l))) log(`  ${line.trim()}`);
    const cpuText =
      (cpuSeconds === undefined ? "" : `; CPU ${cpuSeconds.toFixed(1)} s (user + system, every waited-for child)`) +
      (busySeconds === undefined
        ? ""
        : `; machine busy ${busySeconds.toFixed(1)} CPU-s (Chromium's renderers included; on ${cpus().length} cores the wall time's floor is ${(busySeconds / cpus().length).toFixed(1)} s)`);
    log(`  wall ${(run.ms / 1000).toFixed(1)} s${cpuText}; exit ${run.status}; load average after: ${load()}`);
    if (run.status !== 0) {
      process.exitCode = 1;
      log(`${run.stdout}\n${run.stderr}`.trimEnd().split("\n").slice(-40).join("\n"));
    }
  }
}
