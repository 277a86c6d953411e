// `npm run dev` as a child process on free ports (for the live-preview test and benchmark): waits
// until it prints its URLs; `stop()` ends it with SIGTERM (SIGKILL if it does not exit).
import { spawn, type ChildProcess } from "node:child_process";
import type { ApiEntry } from "../registry/apis.js";

export interface DevChild {
  child: ChildProcess;
  docsUrl: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startDevChild(dir: string, apis: ApiEntry[], timeoutMs = 180_000): Promise<DevChild> {
  const portArgs = apis.flatMap((a) => ["--port", `${a.name}=0`]);
  const child = spawn(
    process.execPath,
    ["--import", "tsx/esm", "scripts/commands/dev.ts", ...portArgs, "--docs-port", "0"],
    {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  let docsUrl: string | undefined;
  while (
    !(docsUrl = /Live preview[\s\S]*^\s+docs\s+(http:\/\/\S+)$/m.exec(output)?.[1]) ||
    (output.match(/ mock /g) ?? []).length < apis.length
  ) {
    if (child.exitCode !== null) throw new Error(`npm run dev exited early:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`npm run dev did not come up:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, docsUrl, output: () => output, stop };
}
