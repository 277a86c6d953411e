// Once per run, in this process: starts every API's Prism mock on free ports of 127.0.0.1 (tests
// read the URLs with inject("mockUrls")), and serves the run's one fresh build: `npm run build`
// from specs/ alone, in a throw-away copy of the project without generated/ (docs included in
// `npm run test:e2e` and `npm run test:all`, whose setup is test/support/global-setup-e2e.ts; `npm test`
// reads no docs). The
// drift check, the docs in Chromium and the live preview all read that one build instead of each
// building its own. It starts when the first test asks for it (test/support/fresh-build.ts), so a
// run of files that do not need it does not pay for it. Everything is stopped when the run ends.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { loadApis } from "../../scripts/registry/apis.js";
import { startMocks } from "../../scripts/serve/mock.js";
import { makeSandbox, type Sandbox } from "../../scripts/testkit/sandbox.js";

/** The outcome of the run's fresh build: the sandbox it ran in and what it printed. */
export interface FreshBuild {
  dir: string;
  status: number;
  stdout: string;
  stderr: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    mockUrls: Record<string, string>;
    /** GET answers the FreshBuild as JSON once the build has finished (starting it on first ask). */
    freshBuildUrl: string;
  }
}

function startBuild(sandbox: Sandbox, started: ChildProcess[], docs: boolean): Promise<FreshBuild> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx/esm", "scripts/commands/build.ts", ...(docs ? [] : ["--no-docs"])],
      {
        cwd: sandbox.dir,
        env: { ...process.env, REDOCLY_TELEMETRY: "off" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    started.push(child);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.once("error", (err) => resolve({ dir: sandbox.dir, status: -1, stdout, stderr: `${stderr}${err.message}` }));
    child.once("close", (status) => resolve({ dir: sandbox.dir, status: status ?? -1, stdout, stderr }));
  });
}

/** The global setup, with or without the docs in the fresh build. */
export function globalSetup(options: { docs: boolean }) {
  return (project: TestProject) => setup(project, options.docs);
}

export default globalSetup({ docs: false });

async function setup(project: TestProject, docs: boolean) {
  const mocks = await startMocks(loadApis(), { host: "127.0.0.1", port: 0, ports: undefined });
  project.provide("mockUrls", Object.fromEntries(mocks.map((m) => [m.api, m.url])));

  let sandbox: Sandbox | undefined;
  let build: Promise<FreshBuild> | undefined;
  const children: ChildProcess[] = [];
  const server = createServer((req, res) => {
    req.resume();
    sandbox ??= makeSandbox({ withGenerated: false });
    build ??= startBuild(sandbox, children, docs);
    void build.then((result) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result)));
  });
  // Tests wait on this answer for as long as the build takes.
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("freshBuildUrl", `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);

  return async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await build?.catch(() => undefined);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    sandbox?.remove();
    await Promise.allSettled(mocks.map((m) => m.close()));
  };
}
