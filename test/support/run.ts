// Runs a child command and returns its stdout; if it fails, throws an Error that carries the
// command line, its exit status and everything it printed, so a test failure says why.
import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

export interface ShellResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Shell commands, each run as `bash -c <command>` runs it but in a subshell that sources it (its
 * own variables, exit and parse errors stay in it), `lanes` at a time, all under one bash: a
 * process per command is then the command's own (curl), not also a bash and a spawn from Node.
 * Results in the order of `commands`.
 */
export async function runShellCommands(
  commands: string[],
  options: { env?: NodeJS.ProcessEnv; lanes?: number } = {},
): Promise<ShellResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "shell-commands-"));
  try {
    commands.forEach((command, i) => writeFileSync(join(dir, `${i}.sh`), command));
    const lanes = Math.max(1, Math.min(options.lanes ?? 1, commands.length));
    const script = Array.from({ length: lanes }, (_, lane) => {
      const ids = commands.map((_, i) => i).filter((i) => i % lanes === lane);
      return `(for __run_i in ${ids.join(" ")}; do (. "$__run_dir/$__run_i.sh") >"$__run_dir/$__run_i.out" 2>"$__run_dir/$__run_i.err" </dev/null; echo $? >"$__run_dir/$__run_i.status"; done) &`;
    });
    await runAsync("bash", ["-c", `__run_dir=$1\n${script.join("\n")}\nwait`, "bash", dir], { env: options.env });
    const read = (i: number, ext: string) => readFileSync(join(dir, `${i}.${ext}`), "utf8");
    return commands.map((_, i) => ({
      status: Number(read(i, "status")),
      stdout: read(i, "out"),
      stderr: read(i, "err"),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
