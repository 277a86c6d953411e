// Clean stops: SIGTERM or SIGINT to `npm start`, `npm run mock`, `npm run docs` and `npm run proxy`,
// sent to npm or to the node process it runs, ends both and frees every port (a keep-alive
// connection is held open while stopping, as a browser would; the proxy's through to its upstream).
// npm forwards the signal to its child; the scripts `exec` node so that the child is node itself,
// not a shell that would die and leave node under PID 1.
// `npm start`, `npm run docs` and `npm run proxy` run in the run's fresh build
// (test/support/fresh-build.ts), whose docs are rendered already, so that they start as in a built
// clone, without rendering them here.
import type { ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, loadApis } from "../../scripts/registry/apis.js";
import { killNpmTree, servingTable, startNpmServer, stopNpmServer } from "../../scripts/testkit/npm-server.js";
import { freshBuild } from "../support/fresh-build.js";

const started: ChildProcess[] = [];
let upstream: Server | undefined;
afterAll(() => {
  upstream?.closeAllConnections();
  upstream?.close();
  for (const child of started) killNpmTree(child);
});

/** The proxy's upstream: a local server answering every request with the same small JSON body. */
async function upstreamUrl(): Promise<string> {
  upstream ??= await new Promise<Server>((resolve) => {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/json" }).end('{"checks":[]}');
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
  const address = upstream.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

const cases = [
  {
    script: "start",
    args: async () => [...loadApis().flatMap((a) => ["--port", `${a.name}=0`]), "--docs-port", "0"],
    servers: loadApis().length + 1,
  },
  {
    script: "mock",
    args: async () => ["healthchecks", "livebridge", "--port", "healthchecks=0", "--port", "livebridge=0"],
    servers: 2,
  },
  { script: "docs", args: async () => ["--docs-port", "0"], servers: 1 },
  // The held connection goes through the proxy to the upstream and stays open there too.
  { script: "proxy", args: async () => ["healthchecks", await upstreamUrl(), "--port", "0"], servers: 1 },
];

describe.each(cases)("npm run $script", ({ script, args, servers }) => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    for (const target of ["npm", "node"] as const) {
      it(`${signal} to ${target} stops every server and frees every port`, async () => {
        const npmArgs = [...(script === "start" ? ["start"] : ["run", script]), "--silent", "--", ...(await args())];
        const cwd = script === "mock" ? ROOT : (await freshBuild()).dir;
        // start and mock print a table of URLs after their banner; docs and proxy name theirs in it.
        const ready = script === "start" || script === "mock" ? servingTable(servers) : /Ctrl-C to stop/;
        const server = await startNpmServer(npmArgs, cwd, {
          ready,
          ignore: upstream ? [await upstreamUrl()] : [],
          onStart: (npm) => started.push(npm),
        });
        expect(server.urls).toHaveLength(servers);
        // The first hour's `npm start` (issue 19): its banner counts from node's start.
        if (script === "start")
          expect(server.output()).toMatch(/ready in \d+ ms from process start, servers \d+ ms of it/);
        const stop = await stopNpmServer(server, signal, target);
        expect(stop.nodeGone, `node ${server.node} still running`).toBe(true);
        expect(stop.portsFree, `${server.urls.join(" ")}: some still taken`).toBe(true);
        // Stopped by closing its servers, not by the deadline's forced exit.
        expect(server.output()).toContain(`${signal}: stopping…`);
        expect(server.output()).not.toContain("exiting anyway");
      }, 180_000);
    }
  }
});
