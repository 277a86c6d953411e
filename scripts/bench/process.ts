// Child processes for the benchmarks: wall time and peak memory. Starting, waiting for and
// stopping the servers under test is scripts/testkit/child-process.ts (the tests do it too).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

export { stopAllChildren, track } from "../testkit/child-process.js";

export interface RunResult {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and returns its wall time (ms). */
export function timeRun(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): RunResult {
  const start = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - start, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
    return { rss: kib("VmRSS") / 1024, peak: kib("VmHWM") / 1024 };
  } catch {
    return { rss: 0, peak: 0 };
  }
}
