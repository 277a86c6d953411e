// Runs a child command and returns its stdout; if it fails, throws an Error that carries the
// command line, its exit status and everything it printed, so a test failure says why.
import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";

export interface RunOptions extends Pick<SpawnSyncOptions, "cwd" | "env" | "input" | "timeout"> {}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly status: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(
      `\`${command}\` ${status === null ? "was killed" : `exited with ${status}`}\n--- stderr ---\n${stderr.trimEnd()}\n--- stdout ---\n${stdout.trimEnd()}`,
    );
    this.name = "CommandError";
  }
}

export function run(command: string, args: string[], options: RunOptions = {}): string {
  const result = spawnSync(command, args, { ...options, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const line = [command, ...args].join(" ");
  if (result.error)
    throw new CommandError(line, null, result.stdout ?? "", `${result.stderr ?? ""}${result.error.message}`);
  if (result.status !== 0) throw new CommandError(line, result.status, result.stdout, result.stderr);
  return result.stdout;
}

/** `run` without blocking the event loop, for a child that talks to a server in this process. */
export function runAsync(
  command: string,
  args: string[],
  options: Pick<RunOptions, "cwd" | "env"> = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.once("error", (err) =>
      reject(new CommandError([command, ...args].join(" "), null, stdout, `${stderr}${err.message}`)),
    );
    child.once("close", (status) =>
      status === 0 ? resolve(stdout) : reject(new CommandError([command, ...args].join(" "), status, stdout, stderr)),
    );
  });
}
