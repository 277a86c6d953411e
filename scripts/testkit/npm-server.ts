// A serving npm script (`npm start`, `npm run proxy`, …) as a user runs it, for the stop tests, the
// first-hour walk and the start benchmark: npm, the node it execs, the URLs it prints, and what a
// clean stop is checked with (ports free, the process gone, a keep-alive connection held open).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { Agent, request } from "node:http";
import { createServer } from "node:net";

/** The pids of `pid`'s children (Linux /proc). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** `pid` and every process below it. */
function processTree(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(processTree)];
}

/** The processes listening on `port` (Linux /proc); none when none can be found (then the port
 * counts as still taken). */
export function listenerPids(port: number): number[] {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(hex) && f[3] === "0A") inodes.add(f[9]!); // 0A: LISTEN
    }
  }
  const pids: number[] = [];
  for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`))
        if (inodes.has(readlinkSync(`/proc/${entry}/fd/${fd}`).replace(/^socket:\[(\d+)\]$/, "$1")))
          pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return [...new Set(pids)];
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** Opens a keep-alive connection (the socket stays open after the answer). */
export function holdConnection(url: string, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve());
    })
      .on("error", reject)
      .end();
  });
}

/** SIGKILL to npm and to its children: after a failed test, when nothing may be left running
 * (SIGKILL is not forwarded by npm, so node would outlive it). */
export function killNpmTree(npm: ChildProcess): void {
  for (const pid of npm.pid === undefined ? [] : childrenOf(npm.pid)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  npm.kill("SIGKILL");
}

/** Ready when the "(Ctrl-C to stop):" banner and the `rows` lines of its URL table are all printed
 * (they come in separate writes). */
export const servingTable = (rows: number) => new RegExp(`Ctrl-C to stop\\):\\n(.*\\n){${rows}}`);

export interface NpmServer {
  npm: ChildProcess;
  /** The node process npm runs (exec'd: npm's only child). */
  node: number;
  /** Every 127.0.0.1 URL it printed, but those in `ignore`. */
  urls: string[];
  output(): string;
}

/**
 * Runs `npm <npmArgs>` in `cwd` until `ready` matches its output; throws with the output when it
 * exits first or takes longer than `timeoutMs`, or when npm's child is not node itself.
 */
export async function startNpmServer(
  npmArgs: string[],
  cwd: string,
  options: { ready: RegExp; ignore?: string[]; timeoutMs?: number; onStart?: (npm: ChildProcess) => void },
): Promise<NpmServer> {
  const npm = spawn("npm", npmArgs, {
    cwd,
    env: { ...process.env, REDOCLY_TELEMETRY: "off", npm_config_update_notifier: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  options.onStart?.(npm);
  let output = "";
  npm.stdout!.on("data", (d) => (output += d));
  npm.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + (options.timeoutMs ?? 150_000);
  const what = `npm ${npmArgs.join(" ")}`;
  while (!options.ready.test(output)) {
    if (npm.exitCode !== null) throw new Error(`${what} exited early (${npm.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`${what} did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const children = childrenOf(npm.pid!);
  const command = children.length === 1 ? readFileSync(`/proc/${children[0]}/cmdline`, "utf8").split("\0")[0]! : "";
  if (!/node$/.test(command))
    throw new Error(`${what}: npm's only child must be node (exec), not ${children.length} child(ren) ${command}`);
  const urls = [...output.matchAll(/http:\/\/127\.0\.0\.1:\d+/g)]
    .map((m) => m[0])
    .filter((u) => !options.ignore?.includes(u));
  return { npm, node: children[0]!, urls: [...new Set(urls)], output: () => output };
}

/** Sends `signal` to npm or node with a keep-alive connection open to every URL; resolves when npm
 * has exited, with how long that took and whether every port and the node process are gone. */
export async function stopNpmServer(
  server: NpmServer,
  signal: NodeJS.Signals,
  target: "npm" | "node",
): Promise<{ ms: number; portsFree: boolean; nodeGone: boolean }> {
  const agent = new Agent({ keepAlive: true });
  for (const url of server.urls) await holdConnection(url, agent);
  const exited = new Promise<void>((r) => (server.npm.exitCode !== null ? r() : server.npm.once("exit", () => r())));
  const tree = processTree(server.npm.pid!);
  const start = performance.now();
  process.kill(target === "npm" ? server.npm.pid! : server.node, signal);
  await exited;
  const ms = performance.now() - start;
  // npm waits for its child, so node is gone once npm is (checked rather than assumed).
  for (let i = 0; i < 50 && alive(server.node); i++) await new Promise((r) => setTimeout(r, 20));
  const free = await Promise.all(
    server.urls.map(async (u) => {
      const port = Number(new URL(u).port);
      // A port another process took once it was free (tests run side by side and bind free
      // ports) was freed all the same: it is still taken only when one of the server's own
      // processes (as they were before the signal) listens there, or when its owner is unknown.
      if (await portFree(port)) return true;
      const owners = listenerPids(port);
      return owners.length > 0 && !owners.some((pid) => tree.includes(pid));
    }),
  );
  agent.destroy();
  return { ms, portsFree: free.every(Boolean), nodeGone: !alive(server.node) };
}
