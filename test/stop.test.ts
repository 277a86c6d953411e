// Clean stops: SIGTERM or SIGINT to `npm start`, `npm run mock`, `npm run docs` and `npm run proxy`,
// sent to npm or to the node process it runs, ends both and frees every port (a keep-alive
// connection is held open while stopping, as a browser would; the proxy's through to its upstream). npm forwards the signal to its child; the scripts `exec` node so
// that the child is node itself, not a shell that would die and leave node under PID 1.
// `npm start`, `npm run docs` and `npm run proxy` run in the run's fresh build
// (test/support/fresh-build.ts), whose docs are rendered already, so that they start as in a built
// clone, without rendering them here.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, request, Agent, type Server } from "node:http";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, loadApis } from "../scripts/registry/apis.js";
import { freshBuild } from "./support/fresh-build.js";

const started: ChildProcess[] = [];
const pids: number[] = [];
let upstream: Server | undefined;
afterAll(() => {
  upstream?.closeAllConnections();
  upstream?.close();
  for (const child of started) child.kill("SIGKILL");
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** The pids of `pid`'s children (Linux /proc). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** Opens a keep-alive connection (the socket stays open after the answer). */
function holdConnection(url: string, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve());
    })
      .on("error", reject)
      .end();
  });
}

/** The proxy's upstream: a local server answering every request with the same small JSON body. */
async function upstreamUrl(): Promise<string> {
  upstream ??= await new Promise<Server>((resolve) => {
    const server = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json" }).end('{"checks":[]}');
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
  const address = upstream.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

async function startNpm(script: string, args: string[]): Promise<{ npm: ChildProcess; node: number; urls: string[]; output: () => string }> {
  const npm = spawn("npm", script === "start" ? ["start", "--silent", "--", ...args] : ["run", "--silent", script, "--", ...args], {
    cwd: script === "mock" ? ROOT : (await freshBuild()).dir,
    env: { ...process.env, REDOCLY_TELEMETRY: "off", npm_config_update_notifier: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(npm);
  let output = "";
  npm.stdout!.on("data", (d) => (output += d));
  npm.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 150_000;
  while (!/(Ctrl-C to stop)/.test(output) || (script === "mock" && !/mock\s+http/.test(output))) {
    if (npm.exitCode !== null) throw new Error(`npm run ${script} exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm run ${script} did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // The servers it started (not the proxy's upstream, which it names too).
  const others = upstream ? [await upstreamUrl()] : [];
  const urls = [...output.matchAll(/http:\/\/127\.0\.0\.1:\d+/g)].map((m) => m[0]).filter((u) => !others.includes(u));
  const node = childrenOf(npm.pid!);
  expect(node, "npm's only child is node (exec), not a shell").toHaveLength(1);
  expect(readFileSync(`/proc/${node[0]}/cmdline`, "utf8").split("\0")[0]).toMatch(/node$/);
  pids.push(node[0]!);
  return { npm, node: node[0]!, urls, output: () => output };
}

const cases = [
  { script: "start", args: async () => [...loadApis().flatMap((a) => ["--port", `${a.name}=0`]), "--docs-port", "0"], servers: 6 },
  { script: "mock", args: async () => ["healthchecks", "livebridge", "--port", "healthchecks=0", "--port", "livebridge=0"], servers: 2 },
  { script: "docs", args: async () => ["--docs-port", "0"], servers: 1 },
  // The held connection goes through the proxy to the upstream and stays open there too.
  { script: "proxy", args: async () => ["healthchecks", await upstreamUrl(), "--port", "0"], servers: 1 },
];

describe.each(cases)("npm run $script", ({ script, args, servers }) => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    for (const target of ["npm", "node"] as const) {
      it(`${signal} to ${target} stops every server and frees every port`, async () => {
        const { npm, node, urls, output } = await startNpm(script, await args());
        expect(urls).toHaveLength(servers);
        const agent = new Agent({ keepAlive: true });
        for (const url of urls) await holdConnection(url, agent);
        const exited = new Promise<number | null>((r) => npm.on("exit", (code) => r(code)));
        process.kill(target === "npm" ? npm.pid! : node, signal);
        await exited;
        // npm waits for its child, so node is gone once npm is (checked rather than assumed).
        for (let i = 0; i < 50 && alive(node); i++) await new Promise((r) => setTimeout(r, 20));
        expect(alive(node), `node ${node} still running`).toBe(false);
        for (const url of urls) expect(await portFree(Number(new URL(url).port)), `${url} still taken`).toBe(true);
        // Stopped by closing its servers, not by the deadline's forced exit.
        expect(output()).toContain(`${signal}: stopping…`);
        expect(output()).not.toContain("exiting anyway");
        agent.destroy();
      }, 180_000);
    }
  }
});
