// `npm run bench -- --only start`: `npm start` as a user runs it (npm, then node), in a throw-away
// copy of the project on free ports: the wall time until the "Serving" banner, the banner's own
// "ready in" figure (from node's start), node's memory right after it is ready, and the stop on
// SIGTERM to npm with a keep-alive connection open to every server. The first start renders the
// docs (a clone after `npm ci`: generated/ committed, generated/docs/ not); the later ones find
// everything built, as every start after the first does.
import type { ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import type { ApiEntry } from "../registry/apis.js";
import { makeSandbox } from "../testkit/sandbox.js";
import { killNpmTree, servingTable, startNpmServer, stopNpmServer } from "../testkit/npm-server.js";
import { median, memoryOf, track } from "./process.js";

interface StartFigures {
  wallMs: number;
  bannerMs: number;
  rss: number;
  peak: number;
  stopMs: number;
  portsFreed: boolean;
}

async function startOnce(dir: string, apis: ApiEntry[]): Promise<StartFigures> {
  const ports = apis.flatMap((a) => ["--port", `${a.name}=0`]);
  const begin = performance.now();
  let npm: ChildProcess | undefined;
  try {
    const server = await startNpmServer(["start", "--silent", "--", ...ports, "--docs-port", "0"], dir, {
      ready: servingTable(apis.length + 1), // docs and every mock
      timeoutMs: 300_000,
      onStart: (child) => (npm = track(child)),
    });
    const wallMs = performance.now() - begin;
    const bannerMs = Number(/ready in (\d+) ms/.exec(server.output())?.[1] ?? NaN);
    const { rss, peak } = memoryOf(server.node);
    const stop = await stopNpmServer(server, "SIGTERM", "npm");
    return { wallMs, bannerMs, rss, peak, stopMs: stop.ms, portsFreed: stop.portsFree && stop.nodeGone };
  } finally {
    // Normally gone already; after a failure, npm and the node under it (SIGKILL is not forwarded).
    if (npm && npm.exitCode === null) killNpmTree(npm);
  }
}

export async function benchStart(apis: ApiEntry[], runs: number, log: (line: string) => void): Promise<void> {
  const box = makeSandbox({ withGenerated: true });
  try {
    const load = () =>
      loadavg()
        .map((l) => l.toFixed(2))
        .join(" ");
    log(
      `\nnpm start (a copy of the project, free ports; SIGTERM to npm with a keep-alive connection open to each of ${apis.length + 1} servers; load average ${load()})`,
    );
    log(
      "run                          banner ready in   wall to banner   node RSS after start (peak)   stop     ports freed",
    );
    const row = (label: string, f: StartFigures) =>
      log(
        `${label.padEnd(28)} ${`${f.bannerMs.toFixed(0)} ms`.padStart(15)}   ${`${f.wallMs.toFixed(0)} ms`.padStart(14)}   ${`${f.rss.toFixed(0)} MiB (${f.peak.toFixed(0)} MiB)`.padStart(27)}   ${`${f.stopMs.toFixed(0)} ms`.padStart(7)}  ${f.portsFreed ? "yes" : "NO"}`,
      );
    row("first (renders the docs)", await startOnce(box.dir, apis));
    const warm: StartFigures[] = [];
    for (let i = 0; i < runs; i++) warm.push(await startOnce(box.dir, apis));
    for (const [i, f] of warm.entries()) row(`built (run ${i + 1})`, f);
    const m = (k: keyof Omit<StartFigures, "portsFreed">) => median(warm.map((f) => f[k]));
    log(
      `built, median of ${runs} (load average after: ${load()}): ready in ${m("bannerMs").toFixed(0)} ms (banner), ${m("wallMs").toFixed(0)} ms from \`npm start\`; node RSS ${m("rss").toFixed(0)} MiB (peak ${m("peak").toFixed(0)} MiB); stop ${m("stopMs").toFixed(0)} ms`,
    );
  } finally {
    box.remove();
  }
}
