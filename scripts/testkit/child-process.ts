// Child processes that tests and benchmarks start (servers under test, the mocks as `npm start`
// runs them): started with their output piped, waited for by a line they print or an HTTP answer,
// and always stopped (SIGTERM, SIGKILL after 5 s), also all at once on Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";

/** Polls `url` until any HTTP answer comes back; returns ms waited. */
export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<number> {
  const start = performance.now();
  for (;;) {
    try {
      await fetch(url);
      return performance.now() - start;
    } catch {
      if (performance.now() - start > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Every child started and not stopped: what a Ctrl-C must stop. */
const running = new Set<ChildProcess>();

/** Registers a child started elsewhere (the live preview's) for `stopAllChildren`. */
export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

export function startChild(cmd: string, args: string[], cwd: string): ChildProcess {
  return track(
    spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, REDOCLY_TELEMETRY: "off" } }),
  );
}

/** Stops every tracked child (SIGTERM, SIGKILL after 5 s): on Ctrl-C, so that no server keeps its ports. */
export async function stopAllChildren(): Promise<void> {
  await Promise.allSettled([...running].map(stopChild));
}

/** Resolves with the first stdout line matching `pattern`. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${buffer}`)),
      timeoutMs,
    );
    child.stdout!.on("data", (chunk) => {
      buffer += chunk;
      const match = pattern.exec(buffer);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once("exit", (code) => reject(new Error(`child exited (${code}) before printing ${pattern}:\n${buffer}`)));
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
