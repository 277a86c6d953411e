// The mock server as `npm start` runs it: all five answer, docs are served, Ctrl-C/SIGTERM stops
// everything; and when one mock cannot start, none is left running and the error says which.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { startMocks } from "../../scripts/serve/mock.js";
import { makeSandbox, type Sandbox } from "../../scripts/testkit/sandbox.js";

const apis = loadApis();
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

function occupyPort(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0 });
    });
  });
}

describe("startMocks", () => {
  it("stops the others and names the mock that could not start (port taken)", async () => {
    const { server, port } = await occupyPort();
    cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    const victim = apis[1]!;
    const ports = Object.fromEntries(apis.map((a) => [a.name, a.name === victim.name ? port : 0]));
    await expect(startMocks(apis, { host: "127.0.0.1", ports })).rejects.toThrow(
      new RegExp(`${victim.name}: cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`),
    );
  });
});

describe("startMock", () => {
  it("still generates dynamic answers on request (faker loads lazily)", async () => {
    const [mock] = await startMocks([apis.find((a) => a.name === "healthchecks")!], { port: 0 });
    cleanup.push(() => mock!.close());
    const res = await fetch(`${mock!.url}/api/v1/channels/`, {
      headers: { "X-Api-Key": "a".repeat(32), Prefer: "dynamic=true" },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { channels: unknown[] };
    expect(Array.isArray(body.channels)).toBe(true);
  });
});

describe("npm start", () => {
  let sandbox: Sandbox;

  it("serves every mock and the docs, prints the URLs, and stops cleanly on SIGTERM", async () => {
    sandbox = makeSandbox({ withGenerated: true });
    cleanup.push(() => sandbox.remove());
    const portArgs = apis.flatMap((a) => ["--port", `${a.name}=0`]);
    const child = spawn(
      process.execPath,
      ["--import", "tsx/esm", "scripts/commands/start.ts", ...portArgs, "--docs-port", "0"],
      {
        cwd: sandbox.dir,
        env: { ...process.env, REDOCLY_TELEMETRY: "off" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    cleanup.push(() => void child.kill("SIGKILL"));
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const deadline = Date.now() + 90_000;
    while (
      !/mock\s+http:\/\/127\.0\.0\.1:\d+\s*$/m.test(output.split("Serving")[1] ?? "") ||
      (output.match(/ mock /g) ?? []).length < apis.length
    ) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const urls = Object.fromEntries(
      [...output.matchAll(/^\s+(\S+) mock\s+(http:\/\/\S+)$/gm)].map((m) => [m[1], m[2]]),
    );
    expect(Object.keys(urls).sort()).toEqual(apis.map((a) => a.name).sort());
    const docs = /^\s+docs\s+(http:\/\/\S+)$/m.exec(output)?.[1];
    expect((await fetch(docs!)).status).toBe(200);
    for (const api of apis) {
      // Any request reaches Prism: an unknown path is its 404, proving the mock is up.
      expect((await fetch(`${urls[api.name]}/no-such-path`)).status).toBe(404);
    }
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const api of apis) await expect(fetch(`${urls[api.name]}/no-such-path`)).rejects.toThrow();
  }, 120_000); // the sandbox renders the docs first: ~50 s on a busy 2-core machine
});
