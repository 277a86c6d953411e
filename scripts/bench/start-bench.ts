// `npm run bench -- --only start`: `npm start` as a user runs it (npm, then node), in a throw-away
// copy of the project on free ports: the wall time until the "Serving" banner, the banner's own
// "ready in" figure (from node's start), node's memory right after it is ready, and the stop on
// SIGTERM to npm with a keep-alive connection open to every server. The first start renders the
// docs (a clone after `npm ci`: generated/ committed, generated/docs/ not); the later ones find
// everything built, as every start after the first does.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import type { ApiEntry } from "../registry/apis.js";
import { makeSandbox } from "../testkit/sandbox.js";
import { median, memoryOf, stopChild, track } from "./process.js";

interface StartFigures {
  wallMs: number;
  bannerMs: number;
  rss: number;
  peak: number;
  stopMs: number;
  portsFreed: boolean;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function hold(url: string, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve());
    })
      .on("error", reject)
      .end();
  });
}

async function startOnce(dir: string, apis: ApiEntry[]): Promise<StartFigures> {
  const ports = apis.flatMap((a) => ["--port", `${a.name}=0`]);
  const begin = performance.now();
  const npm: ChildProcess = track(
    spawn("npm", ["start", "--silent", "--", ...ports, "--docs-port", "0"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, REDOCLY_TELEMETRY: "off", npm_config_update_notifier: "false" },
    }),
  );
  let output = "";
  npm.stdout!.on("data", (d) => (output += d));
  npm.stderr!.on("data", (d) => (output += d));
  try {
    const banner = new RegExp(`Ctrl-C to stop\\):\\n(.*\\n){${apis.length + 1}}`);
    while (!banner.test(output)) {
      if (npm.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      if (performance.now() - begin > 300_000) throw new Error(`npm start did not come up in 300 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const wallMs = performance.now() - begin;
    const bannerMs = Number(/ready in (\d+) ms/.exec(output)?.[1] ?? NaN);
    const node = childrenOf(npm.pid!)[0];
    if (node === undefined) throw new Error("npm start has no node child (is it exec'd?)");
    const { rss, peak } = memoryOf(node);
    const urls = [...output.matchAll(/http:\/\/127\.0\.0\.1:\d+/g)].map((m) => m[0]);
    const agent = new Agent({ keepAlive: true });
    for (const url of urls) await hold(url, agent);
    const exited = new Promise<void>((r) => npm.once("exit", () => r()));
    const stopStart = performance.now();
    npm.kill("SIGTERM");
    await exited;
    const stopMs = performance.now() - stopStart;
    const freed = await Promise.all(urls.map((u) => portFree(Number(new URL(u).port))));
    agent.destroy();
    return { wallMs, bannerMs, rss, peak, stopMs, portsFreed: freed.every(Boolean) };
  } finally {
    await stopChild(npm);
  }
}

export async function benchStart(apis: ApiEntry[], runs: number, log: (line: string) => void): Promise<void> {
  const box = makeSandbox({ withGenerated: true });
  try {
    log(`\nnpm start (a copy of the project, free ports; SIGTERM to npm with a keep-alive connection open to each of ${apis.length + 1} servers)`);
    log("run                          banner ready in   wall to banner   node RSS after start (peak)   stop     ports freed");
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
      `built, median of ${runs}: ready in ${m("bannerMs").toFixed(0)} ms (banner), ${m("wallMs").toFixed(0)} ms from \`npm start\`; node RSS ${m("rss").toFixed(0)} MiB (peak ${m("peak").toFixed(0)} MiB); stop ${m("stopMs").toFixed(0)} ms`,
    );
  } finally {
    box.remove();
  }
}
