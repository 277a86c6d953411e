// Every mock in one child process on free ports, as `npm start` serves them (its Node flags too):
// the server under test of the fuzz test and the mock and abuse benchmarks. Run as a script it
// starts the mocks and prints `READY {"<api>": "<url>", …}`; SIGTERM stops them.
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ROOT, loadApis } from "../registry/apis.js";
import { startChild, stopChild, waitForLine } from "./child-process.js";

const SCRIPT = fileURLToPath(import.meta.url);

/** Starts the child; resolves with it and each mock's URL once every mock listens (stopped if they never do). */
export async function startMockChild(): Promise<{ child: ChildProcess; urls: Record<string, string> }> {
  // The same Node flags as `npm start` (a larger young generation: fewer GC pauses under load).
  const child = startChild(process.execPath, ["--max-semi-space-size=16", "--import", "tsx/esm", SCRIPT], ROOT);
  try {
    const urls = JSON.parse((await waitForLine(child, /^READY (.+)$/m, 120_000))[1]!) as Record<string, string>;
    return { child, urls };
  } catch (err) {
    await stopChild(child);
    throw err;
  }
}

if (process.argv[1] === SCRIPT) {
  process.env.REDOCLY_TELEMETRY = "off";
  // Imported here, not above: the child loads only what it serves.
  const { startMocks } = await import("../serve/mock.js");
  const mocks = await startMocks(loadApis(), { host: "127.0.0.1", port: 0 });
  console.log(`READY ${JSON.stringify(Object.fromEntries(mocks.map((m) => [m.api, m.url])))}`);
  process.on("SIGTERM", () => Promise.allSettled(mocks.map((m) => m.close())).then(() => process.exit(0)));
}
